"""Runs the bundled Alembic migrations programmatically (no alembic.ini), with a backup copy before changing data.

The migration scripts live in migrations/ next to this file and are found relative to __file__, so
they work from a source checkout, an installed wheel and a frozen (PyInstaller) bundle alike, as
long as the bundle carries algoinventaris/storage/migrations as data files.

The whole migration runs in one transaction that holds the write lock from the moment the current
revision is read: a second process that opens the same file meanwhile waits and then finds it
current; a process killed half-way leaves the database as it was.

For developers: ``python -m algoinventaris.storage.migrate revision "add submissions"`` writes the
next numbered revision with Alembic's autogenerate (compare models.py with the head schema), and
``python -m algoinventaris.storage.migrate check`` says whether models.py and the migrations agree.
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from algoinventaris import __version__
from algoinventaris.storage.db import make_engine, translated
from algoinventaris.storage.errors import StorageError
from algoinventaris.storage.sqlitefile import revision_number, translate_sqlite_error

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSIONS_DIR = MIGRATIONS_DIR / "versions"


def alembic_config(connection: Any = None, extra_version_locations: Sequence[Path] = ()) -> Any:
    """An Alembic Config built in code: script location next to this file, optional extra version folders."""
    from alembic.config import Config

    if not (MIGRATIONS_DIR / "env.py").is_file():
        raise StorageError(f"The database migrations are missing from this installation (looked in {MIGRATIONS_DIR}).")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    locations = [VERSIONS_DIR, *extra_version_locations]
    cfg.set_main_option("version_locations", os.pathsep.join(str(p) for p in locations))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision(extra_version_locations: Sequence[Path] = ()) -> str:
    """The newest revision among the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(None, extra_version_locations)).get_current_head()
    if head is None:
        raise StorageError(f"No database migrations found in {VERSIONS_DIR}.")
    return str(head)


def backup_path(path: Path, revision: str | None, now: datetime | None = None) -> Path:
    """Where the copy of path made before migrating away from revision goes (never an existing file)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    base = f"{path.stem}.backup-{revision or 'base'}-{stamp}"
    candidate = path.with_name(base + ".sqlite3")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{base}-{number}.sqlite3")
        number += 1
    return candidate


def write_backup(path: Path, revision: str | None, busy_timeout: float) -> Path:
    """Copy the database with SQLite's backup API (consistent even with a WAL) to a new file next to it."""
    target = backup_path(path, revision)
    partial = target.with_name(target.name + ".partial")
    try:
        source = sqlite3.connect(str(path), timeout=busy_timeout)
        try:
            dest = sqlite3.connect(str(partial))
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE").fetchall()
            finally:
                dest.close()
        finally:
            source.close()
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
        _fsync_folder(target.parent)
    except sqlite3.Error as err:
        partial.unlink(missing_ok=True)
        raise translate_sqlite_error(err, path, busy_timeout) from err
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise StorageError(
            f"Before updating the database {path} a backup copy must be written to {target}, but that failed: "
            f"{err.strerror or err}. The database was not changed.",
            path,
        ) from err
    return target


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def migrate(
    path: Path,
    *,
    busy_timeout: float = 5.0,
    target: str = "head",
    downgrade: bool = False,
    extra_version_locations: Sequence[Path] = (),
) -> Path | None:
    """Bring the database at path to the target revision; returns the backup copy written first, if any.

    A database that holds any table is copied to <name>.backup-<old revision>-<UTC time>.sqlite3 before
    it is changed. Downgrading is for developers and tests.
    """
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    engine = make_engine(path, busy_timeout=busy_timeout, foreign_keys=False)
    backup: Path | None = None
    try:
        with translated(path, busy_timeout), engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                cfg = alembic_config(conn, extra_version_locations)
                script = ScriptDirectory.from_config(cfg)
                wanted = script.get_current_head() if target == "head" else (None if target == "base" else target)
                current = MigrationContext.configure(conn).get_current_revision()
                if current == wanted:
                    number = revision_number(current)
                    if number is not None and conn.exec_driver_sql("PRAGMA user_version").scalar_one() != number:
                        conn.exec_driver_sql(f"PRAGMA user_version = {number}")  # so that the quick check sees it next time
                    return None
                tables = conn.exec_driver_sql(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                ).scalar_one()
                if tables:
                    backup = write_backup(path, current, busy_timeout)
                    log.info("backup of %s at revision %s written to %s", path, current or "base", backup)
                if downgrade:
                    command.downgrade(cfg, target)
                else:
                    command.upgrade(cfg, target)
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise StorageError(
                        f"Updating the database {path} would break links between its records ({problems[:3]}); "
                        f"the update was undone and the file is as it was.",
                        path,
                    )
                has_meta = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'db_meta'").first()
                log.info("database %s migrated from revision %s to %s", path, current or "base", target)
                if has_meta:
                    conn.exec_driver_sql("INSERT OR IGNORE INTO db_meta (key, value) VALUES ('created_by_app', ?)", (__version__,))
                    conn.exec_driver_sql("INSERT OR REPLACE INTO db_meta (key, value) VALUES ('migrated_by_app', ?)", (__version__,))
    finally:
        engine.dispose()
    return backup


def _compare(extra_version_locations: Sequence[Path] = ()) -> list[Any]:
    """Differences between models.py and the schema the migrations build (empty: they agree)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from algoinventaris.storage.models import Base

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "head.sqlite3"
        migrate(db, extra_version_locations=extra_version_locations)
        engine = make_engine(db, busy_timeout=5.0)
        try:
            with engine.connect() as conn:
                context = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
                return list(compare_metadata(context, Base.metadata))
        finally:
            engine.dispose()


def _new_revision(message: str) -> Path:
    from alembic import command

    head = head_revision()
    number = int(head) + 1
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "head.sqlite3"
        migrate(db)
        engine = make_engine(db, busy_timeout=5.0)
        try:
            with engine.connect() as conn:
                cfg = alembic_config(conn)
                slug = "_".join(message.lower().split())[:40]
                cfg.set_main_option("file_template", f"%(rev)s_{slug}")
                command.revision(cfg, message=message, autogenerate=True, rev_id=f"{number:04d}")
        finally:
            engine.dispose()
    return VERSIONS_DIR / f"{number:04d}_{slug}.py"


def main(argv: Sequence[str] | None = None) -> int:
    """Developer commands: `revision MESSAGE` (autogenerate the next numbered revision) and `check`."""
    parser = argparse.ArgumentParser(prog="python -m algoinventaris.storage.migrate")
    sub = parser.add_subparsers(dest="command", required=True)
    rev = sub.add_parser("revision", help="write the next numbered revision from the difference models.py - head")
    rev.add_argument("message")
    sub.add_parser("check", help="exit 1 when models.py and the migrations disagree")
    args = parser.parse_args(argv)
    if args.command == "revision":
        written = _new_revision(args.message)
        print(f"wrote {written}; also raise SCHEMA_VERSION in storage/sqlitefile.py to {int(written.name[:4])}")
        return 0
    diffs = _compare()
    for diff in diffs:
        print(diff)
    print("models and migrations agree" if not diffs else f"{len(diffs)} difference(s)")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
