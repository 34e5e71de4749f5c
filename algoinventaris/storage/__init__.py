"""Storage: SQLAlchemy models, bundled Alembic migrations and repositories (the only place with SQL).

Importing this package is cheap: SQLAlchemy and Alembic are loaded when a database is opened.
quick_status(path) tells, with the standard sqlite3 module only, whether a file is missing,
current, older, newer or unusable; quick_list(path) lists the algorithms the same way (storage/quick.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from algoinventaris.storage.errors import DatabaseCorrupt, DatabaseLocked, DatabaseTooNew, NotFound, StorageError
from algoinventaris.storage.sqlitefile import SCHEMA_VERSION, quick_status

if TYPE_CHECKING:
    from algoinventaris.storage.quick import quick_list
    from algoinventaris.storage.repository import OwnerRepository

__all__ = [
    "SCHEMA_VERSION",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DatabaseTooNew",
    "NotFound",
    "OwnerRepository",
    "StorageError",
    "open_owner_db",
    "quick_list",
    "quick_status",
]


def open_owner_db(path: str | Path | None = None, *, busy_timeout: float = 5.0) -> OwnerRepository:
    """Open (create if missing) the owner's SQLite database, default algoinventaris.config.default_db_path().

    Applies the bundled Alembic migrations (writing a backup copy next to an older database first);
    refuses a newer or damaged file with a StorageError subclass and leaves it unchanged.
    """
    from algoinventaris.storage.repository import open_owner_db as _open

    return _open(path, busy_timeout=busy_timeout)


def __getattr__(name: str) -> Any:
    if name == "OwnerRepository":
        from algoinventaris.storage.repository import OwnerRepository

        return OwnerRepository
    if name == "quick_list":
        from algoinventaris.storage.quick import quick_list

        return quick_list
    raise AttributeError(f"module 'algoinventaris.storage' has no attribute {name!r}")
