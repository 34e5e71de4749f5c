"""A read-only listing of the owner's algorithms with the standard sqlite3 module only, for the first screen.

`quick_list(path)` gives what `OwnerRepository.list_algorithms()` gives (not deleted, newest change
first) without importing SQLAlchemy or Alembic, which cost more to load than a bare Qt window takes
to start. It never writes and never decides anything: whenever the file is missing, at another
schema version than this app's, damaged, busy, recovering from a crash, or anything else is unusual,
it returns None and the caller opens the database the normal way (`open_owner_db`), which migrates,
refuses or explains.

When no other connection has the file open in WAL mode (no `-wal` or `-shm` file next to it), the
file is read as immutable, so that not even SQLite's shared-memory file is created next to it; a
`-wal` file means the newest changes may be there, and then SQLite reads it in the normal read-only
way. A rollback journal left by a crash (`-journal`) needs a writer to recover: None.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from algoinventaris.domain.algorithm import ALGORITHM_STATES, CATEGORIES, AlgorithmSummary
from algoinventaris.storage.sqlitefile import HEAD_REVISION, SCHEMA_VERSION, SQLITE_HEADER

COLUMNS = ("id", "name", "organisation", "unit", "round", "state", "created_at", "updated_at", "current_question",
           "current_form", "conclusion", "conclusion_ref", "category", "deleted_at")
# The same order as OwnerRepository.list_algorithms().
QUERY = (f"SELECT {', '.join(COLUMNS)} FROM algorithms WHERE deleted_at IS NULL "
         "ORDER BY updated_at DESC, created_at DESC, id")


class _Unusual(Exception):
    """Something about the file is not as this app writes it: let the full open decide."""


def quick_list(path: str | Path, *, timeout: float = 0.2) -> list[AlgorithmSummary] | None:
    """The algorithms that are not deleted, newest change first, read without writing; None when anything is unusual."""
    try:
        return _read(Path(path).expanduser().absolute(), timeout)
    except (_Unusual, sqlite3.Error, OSError, ValueError, TypeError, IndexError, OverflowError):
        return None


def _read(path: Path, timeout: float) -> list[AlgorithmSummary]:
    if not path.is_file() or path.stat().st_size < 100:
        raise _Unusual("no database yet")
    sibling = path.with_name(path.name + "-journal")
    if sibling.exists():
        raise _Unusual("a rollback journal needs recovering")
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise _Unusual("not an SQLite file")
    in_use = path.with_name(path.name + "-wal").exists() or path.with_name(path.name + "-shm").exists()
    uri = path.as_uri() + ("?mode=ro" if in_use else "?mode=ro&immutable=1")
    conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("BEGIN")  # one snapshot for every read below
        if int(conn.execute("PRAGMA user_version").fetchone()[0]) != SCHEMA_VERSION:
            raise _Unusual("another schema version")
        revisions = [str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version")]
        if revisions != [HEAD_REVISION]:
            raise _Unusual("another schema revision")
        if [str(r[0]) for r in conn.execute("PRAGMA quick_check(1)")] != ["ok"]:
            raise _Unusual("damaged")
        rows = conn.execute(QUERY).fetchall()
        conn.execute("COMMIT")
    finally:
        conn.close()
    return [_summary(row) for row in rows]


def _text(value: object, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _Unusual("a text column holds something else")
    return value


def _moment(value: object, *, optional: bool = False) -> datetime | None:
    text = _text(value, optional=optional)
    if text is None:
        return None
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _summary(row: tuple[object, ...]) -> AlgorithmSummary:
    values = dict(zip(COLUMNS, row, strict=True))
    state = _text(values["state"])
    category = _text(values["category"], optional=True)
    if state not in ALGORITHM_STATES or (category is not None and category not in CATEGORIES):
        raise _Unusual("a state or category this app does not know")
    created, updated = _moment(values["created_at"]), _moment(values["updated_at"])
    assert created is not None and updated is not None
    return AlgorithmSummary(
        id=str(_text(values["id"])),
        name=str(_text(values["name"])),
        organisation=str(_text(values["organisation"])),
        unit=str(_text(values["unit"])),
        round=str(_text(values["round"])),
        state=state,
        created_at=created,
        updated_at=updated,
        current_question=_text(values["current_question"], optional=True),
        current_form=_text(values["current_form"], optional=True),
        conclusion=_text(values["conclusion"], optional=True),
        conclusion_ref=_text(values["conclusion_ref"], optional=True),
        category=category,
        deleted_at=_moment(values["deleted_at"], optional=True),
    )
