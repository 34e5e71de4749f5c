"""The CDO database (separate from the owner's drafts): SQLite by default, PostgreSQL for a shared office database.

`open_cdo_db(target)` takes a file path or a SQLAlchemy URL (None: ALGOINVENTARIS_CDO_DB, else
cdo.sqlite3 in the data folder), applies the bundled migrations and returns a CdoRepository.
SQLAlchemy is imported only when a database is opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from algoinventaris.storage.errors import DatabaseCorrupt, DatabaseLocked, DatabaseTooNew, NotFound, StorageError

if TYPE_CHECKING:
    from algoinventaris.storage.cdo.repository import CdoRepository

__all__ = ["DatabaseCorrupt", "DatabaseLocked", "DatabaseTooNew", "NotFound", "StorageError", "open_cdo_db"]


def open_cdo_db(target: str | Path | None = None, *, busy_timeout: float = 10.0) -> CdoRepository:
    """Open (create and migrate when needed) the CDO database at a path or URL; StorageError with a readable message."""
    from algoinventaris.storage.cdo.engine import resolve_target
    from algoinventaris.storage.cdo.repository import open_repository

    return open_repository(resolve_target(target), busy_timeout=busy_timeout)
