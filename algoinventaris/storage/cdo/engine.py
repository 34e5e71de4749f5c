"""Where the CDO database lives (a file path or a SQLAlchemy URL) and the engine for it, SQLite or PostgreSQL.

A target is a path (SQLite, the default `<data folder>/cdo.sqlite3`) or a URL: `sqlite:///PATH`,
`postgresql://...` or `postgresql+psycopg://...` (psycopg 3 is used for both spellings). The URL's
password is never shown in messages. On SQLite the owner database's engine set-up is reused (foreign
keys, busy timeout, BEGIN IMMEDIATE for writes); in WAL mode commits use synchronous=NORMAL, which keeps
every committed import after a crash of the app (the CDO imports again from files in the worst case).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url

from algoinventaris import config
from algoinventaris.storage.db import make_engine, translated
from algoinventaris.storage.errors import DatabaseLocked, StorageError

CDO_DB_ENV = "ALGOINVENTARIS_CDO_DB"
DEFAULT_FILE = "cdo.sqlite3"


@dataclass(frozen=True)
class DbTarget:
    """A resolved database location: a SQLite file (path) or a server URL; `display` is safe to show."""

    path: Path | None
    url: URL | None
    display: str

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None


def default_target() -> str:
    """ALGOINVENTARIS_CDO_DB, else cdo.sqlite3 in the data folder."""
    return os.environ.get(CDO_DB_ENV) or str(config.data_dir() / DEFAULT_FILE)


def resolve_target(target: str | Path | None = None) -> DbTarget:
    """Turn a path or URL (None: the default) into a DbTarget; StorageError for a URL we cannot use."""
    raw = str(target) if target is not None else default_target()
    if "://" not in raw:
        path = Path(raw).expanduser()
        return DbTarget(path, None, str(path))
    try:
        url = make_url(raw)
    except exc.ArgumentError as err:
        raise StorageError(f"'{_mask(raw)}' is not a database URL or a file path ({err}).") from err
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise StorageError("A CDO database on SQLite needs a file: sqlite:///PATH.")
        path = Path(url.database).expanduser()
        return DbTarget(path, None, str(path))
    if backend == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
        return DbTarget(None, url, url.render_as_string(hide_password=True))
    raise StorageError(f"The CDO database runs on SQLite or PostgreSQL, not on '{backend}' ({_mask(raw)}).")


def _mask(raw: str) -> str:
    with contextlib.suppress(exc.ArgumentError, ValueError):
        return make_url(raw).render_as_string(hide_password=True)
    return raw.split("@")[-1] if "@" in raw else raw


def sqlite_engine(path: Path, busy_timeout: float, *, foreign_keys: bool = True) -> Engine:
    """The owner's SQLite engine set-up, with synchronous=NORMAL once the file is in WAL mode."""
    engine = make_engine(path, busy_timeout=busy_timeout, foreign_keys=foreign_keys)

    @event.listens_for(engine, "connect")
    def _relax_sync(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            mode = str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower()
            if mode == "wal":
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    return engine


def server_engine(url: URL) -> Engine:
    """An engine on a PostgreSQL server (psycopg 3); connections are checked before use."""
    try:
        return create_engine(url, pool_pre_ping=True, pool_size=4, max_overflow=4,
                             connect_args={"connect_timeout": 10, "application_name": "algoinventaris-cdo"})
    except ModuleNotFoundError as err:
        raise StorageError("PostgreSQL needs the psycopg package (pip install 'psycopg[binary]').") from err


@contextlib.contextmanager
def errors_translated(target: DbTarget, busy_timeout: float) -> Iterator[None]:
    """Turn driver errors into StorageError messages that name the database (never its password)."""
    if target.path is not None:
        with translated(target.path, busy_timeout):
            yield
        return
    try:
        yield
    except exc.OperationalError as err:
        text = str(err.orig).strip().splitlines()[0] if err.orig is not None else str(err)
        if "lock" in text.lower() and "timeout" in text.lower():
            raise DatabaseLocked(f"The CDO database {target.display} stayed locked too long ({text}). Nothing was changed; "
                                 f"try again.") from err
        raise StorageError(f"The CDO database {target.display} cannot be reached or used ({text}). "
                           f"Check the server, the user and the database name, or choose another with --db.") from err
    except exc.DBAPIError as err:
        text = str(err.orig).strip().splitlines()[0] if err.orig is not None else str(err)
        raise StorageError(f"The CDO database {target.display} refused the change ({text}). Nothing was changed.") from err
