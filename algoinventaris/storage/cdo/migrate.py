"""Runs the CDO database's bundled Alembic migrations on SQLite or PostgreSQL (no alembic.ini), in one transaction.

SQLite: the write lock is taken before the revision is read, and a file that already holds tables is
copied next to itself first (the owner database's backup routine). PostgreSQL: a transaction-scoped
advisory lock serialises migrating processes; DDL is transactional, so a failure leaves the schema as
it was. A database whose revision this app does not know (written by a newer app) is refused unchanged;
so is an owner database or a foreign one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text

from algoinventaris import __version__
from algoinventaris.storage.cdo.engine import DbTarget, errors_translated, server_engine, sqlite_engine
from algoinventaris.storage.errors import DatabaseCorrupt, DatabaseTooNew, StorageError
from algoinventaris.storage.migrate import write_backup
from algoinventaris.storage.sqlitefile import check_location, inspect_file

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSIONS_DIR = MIGRATIONS_DIR / "versions"
VERSION_TABLE = "cdo_alembic_version"
ADVISORY_LOCK = 0x41_4C_47_4F  # "ALGO": serialises migrations of one PostgreSQL database


def alembic_config(connection: Any = None) -> Any:
    """An Alembic Config in code: the CDO migrations folder, numbered revisions."""
    from alembic.config import Config

    if not (MIGRATIONS_DIR / "env.py").is_file():
        raise StorageError(f"The CDO database migrations are missing from this installation (looked in {MIGRATIONS_DIR}).")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", os.fspath(VERSIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest CDO revision."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise StorageError(f"No CDO database migrations found in {VERSIONS_DIR}.")
    return str(head)


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {str(s.revision) for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _current(conn: Connection) -> tuple[str | None, list[str]]:
    tables = [t for t in inspect(conn).get_table_names() if not t.startswith("sqlite_")]
    if VERSION_TABLE not in tables:
        return None, tables
    row = conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").first()
    return (str(row[0]) if row else None), tables


def _refuse_foreign(target: DbTarget, revision: str | None, tables: list[str]) -> None:
    where = target.display
    if revision is None and tables:
        if "alembic_version" in tables and "algorithms" in tables:
            raise DatabaseCorrupt(f"{where} is an algorithm owner's database (drafts), not a CDO database. It was not changed; "
                                  f"choose another file with cdo --db.", target.path)
        shown = ", ".join(sorted(tables)[:5])
        raise DatabaseCorrupt(f"{where} holds other tables ({shown}) and is not a CDO database of this app. It was not changed; "
                              f"choose another database with cdo --db.", target.path)
    if revision is not None and revision not in _known_revisions():
        raise DatabaseTooNew(f"The CDO database {where} was written by a newer version of the app (schema {revision}; this is "
                             f"version {__version__}). It was not changed. Install a newer version to open it.", target.path,
                             schema=int(revision) if revision.isdigit() else 0)


def _upgrade(conn: Connection, target: DbTarget, *, busy_timeout: float) -> Path | None:
    from alembic import command

    revision, tables = _current(conn)
    _refuse_foreign(target, revision, tables)
    head = head_revision()
    if revision == head:
        return None
    backup = None
    if target.path is not None and tables:
        backup = write_backup(target.path, revision, busy_timeout)
    command.upgrade(alembic_config(conn), "head")
    conn.execute(text("DELETE FROM cdo_meta WHERE key = 'migrated_by_app'"))
    conn.execute(text("INSERT INTO cdo_meta (key, value) VALUES ('migrated_by_app', :v)"), {"v": __version__})
    if not conn.execute(text("SELECT 1 FROM cdo_meta WHERE key = 'created_by_app'")).first():
        conn.execute(text("INSERT INTO cdo_meta (key, value) VALUES ('created_by_app', :v)"), {"v": __version__})
    return backup


def migrate(target: DbTarget, *, busy_timeout: float = 5.0) -> Path | None:
    """Bring the CDO database to the newest revision; returns the SQLite backup copy written first, if any."""
    engine: Engine
    if target.path is not None:
        check_location(target.path)
        # refuses a file that is not SQLite; no full damage scan (a CDO database holds every package and grows large:
        # damage found later is still refused with DatabaseCorrupt by the error translation)
        inspect_file(target.path, busy_timeout, check_damage=False)
        engine = sqlite_engine(target.path, busy_timeout, foreign_keys=False)
    else:
        assert target.url is not None
        engine = server_engine(target.url)
    try:
        with errors_translated(target, busy_timeout), engine.connect() as conn:
            if target.path is not None:
                conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                if target.path is None:
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK})")
                return _upgrade(conn, target, busy_timeout=busy_timeout)
    finally:
        engine.dispose()


def downgrade_to_base(target: DbTarget) -> None:
    """For tests: drop every CDO table (Alembic downgrade to base)."""
    from alembic import command

    engine = sqlite_engine(target.path, 5.0, foreign_keys=False) if target.path is not None else server_engine(target.url)  # type: ignore[arg-type]
    try:
        with engine.connect() as conn, conn.begin():
            command.downgrade(alembic_config(conn), "base")
    finally:
        engine.dispose()
