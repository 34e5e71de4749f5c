"""The storage errors: each message is written for a person and names the database file."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """The owner's database cannot be used; str(err) says which file, what is wrong and what to do."""

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.path = Path(path) if path is not None else None


class DatabaseTooNew(StorageError):
    """The database was written by a newer version of the app; it is refused and never modified."""

    def __init__(self, message: str, path: Path | str | None = None, *, schema: int = 0, needs_app: str | None = None) -> None:
        super().__init__(message, path)
        self.schema = schema
        self.needs_app = needs_app


class DatabaseCorrupt(StorageError):
    """The file is not a (readable) database of this app; it is refused and never overwritten."""


class DatabaseLocked(StorageError):
    """Another program kept the database locked for longer than the busy timeout."""


class NotFound(StorageError):
    """No algorithm with the asked id exists in the database."""
