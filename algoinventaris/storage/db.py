"""SQLAlchemy engine set-up for the owner's SQLite file: pragmas, explicit transactions, error translation.

Every connection gets foreign keys on (off only while migrating), a busy timeout, and
synchronous=FULL so that a committed answer survives a killed process and a power cut. pysqlite's
own transaction handling is switched off and the engine emits BEGIN itself: write transactions
start with BEGIN IMMEDIATE, which takes the write lock at once (waiting up to the busy timeout)
instead of failing half-way when another process writes at the same time.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, exc
from sqlalchemy.pool import QueuePool

from algoinventaris.storage.errors import StorageError
from algoinventaris.storage.sqlitefile import translate_sqlite_error

WRITE = {"sqlite_begin": "IMMEDIATE"}


def make_engine(path: Path, *, busy_timeout: float, foreign_keys: bool = True) -> Engine:
    """An engine on the file at path; use engine.execution_options(**WRITE) for write transactions."""
    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        connect_args={"timeout": busy_timeout, "check_same_thread": False},
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # no implicit BEGIN/COMMIT from pysqlite
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def set_journal_mode(path: Path, *, wal: bool, busy_timeout: float) -> str:
    """Put the file in WAL (local folder) or rollback-journal mode; returns the mode in force afterwards.

    Leaving WAL needs the file to be unused by others; when that fails the current mode stays.
    """
    wanted = "wal" if wal else "delete"
    try:
        conn = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None)
    except sqlite3.Error as err:
        raise translate_sqlite_error(err, path, busy_timeout) from err
    try:
        current = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
        if current == wanted:
            return current
        try:
            return str(conn.execute(f"PRAGMA journal_mode = {wanted}").fetchone()[0]).lower()
        except sqlite3.OperationalError:
            return current
    except sqlite3.DatabaseError as err:
        raise translate_sqlite_error(err, path, busy_timeout) from err
    finally:
        conn.close()


@contextlib.contextmanager
def translated(path: Path, busy_timeout: float) -> Iterator[None]:
    """Turn SQLite and SQLAlchemy errors into StorageError subclasses that name the file."""
    try:
        yield
    except exc.DBAPIError as err:
        orig = err.orig
        if isinstance(orig, sqlite3.Error):
            raise translate_sqlite_error(orig, path, busy_timeout) from err
        raise StorageError(f"The database file {path} cannot be used ({orig}).", path) from err
    except sqlite3.Error as err:
        raise translate_sqlite_error(err, path, busy_timeout) from err
