"""The CDO database's drafts (revision 0003) on SQLite and PostgreSQL: stored, listed, assigned, deleted and restored."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.storage.cdo import NotFound, open_cdo_db
from algoinventaris.storage.cdo.repository import Conflict
from tests.drafts.conftest import ORG, ROUND, draft


def _round(repo: Any, name: str = ROUND) -> None:
    repo.set_round_details(name, organisation=ORG, deadline=None, units=["Directie A", "Directie B"], files=[], actor="cdo")


def test_drafts_are_stored_and_read_back_as_plain_drafts(repo: Any) -> None:
    _round(repo)
    a = draft("Toeslagcheck", answers={"name": "Toeslagcheck", "lars": "12345678", "goal": "Één doel — met accenten"})
    b = draft("Parkeerscan", unit="")
    c = draft("Risicomodel", unit="Directie B")
    counts = repo.save_drafts([a, b, c], [], actor="anna", audit_detail={"round": ROUND, "files": ["x.json"]})
    assert counts == {"new": 3, "updated": 0}
    assert repo.get_draft(a.id) == a
    assert {d.id for d in repo.list_drafts(ROUND)} == {a.id, b.id, c.id}
    assert [d.name for d in repo.list_drafts()] == ["Parkeerscan", "Toeslagcheck", "Risicomodel"]  # by unit, then name
    assert repo.list_drafts(ROUND, unit="") == [b]
    assert repo.list_drafts(ROUND, unit="  directie   b ") == [c]
    assert repo.list_drafts("Inventarisatie 1999") == []
    meta = repo.draft_meta(a.id)
    assert (meta.created_by, meta.updated_by, meta.deleted_at, meta.round) == ("anna", "anna", None, ROUND)
    assert meta.created_at == meta.updated_at and meta.created_at.tzinfo is not None
    entry = repo.audit_log(1)[0]
    assert (entry.action, entry.actor) == ("drafts-save", "anna")
    assert json.loads(entry.detail) == {"round": ROUND, "files": ["x.json"], "new": 3, "updated": 0}


def test_an_update_keeps_unit_and_creation_and_a_stale_state_changes_nothing(repo: Any) -> None:
    _round(repo)
    a = draft("Toeslagcheck")
    repo.save_drafts([a], [], actor="anna")
    repo.assign_draft(a.id, " Directie   B ", actor="anna")
    state = repo.drafts_state(ROUND)
    changed = dataclasses.replace(a, revision=2, unit="Directie A", answers={"name": "Toeslagcheck", "goal": "Nieuw doel"})
    repo.save_drafts([], [changed], actor="bert", expect_state=(ROUND, state))
    stored = repo.get_draft(a.id)
    assert stored.revision == 2 and stored.answers == changed.answers and stored.unit == "Directie B"
    meta = repo.draft_meta(a.id)
    assert (meta.created_by, meta.updated_by) == ("anna", "bert") and meta.updated_at > meta.created_at
    # the state read before that change is stale now: nothing is stored, not even the new draft
    audit_before = len(repo.audit_log(1000))
    with pytest.raises(Conflict, match="changed since the preview"):
        repo.save_drafts([draft("Nieuw")], [dataclasses.replace(changed, revision=3)], actor="bert", expect_state=(ROUND, state))
    assert [d.name for d in repo.list_drafts(ROUND)] == ["Toeslagcheck"] and repo.get_draft(a.id).revision == 2
    assert len(repo.audit_log(1000)) == audit_before


def test_assign_delete_and_restore_each_leave_an_audit_line(repo: Any) -> None:
    _round(repo)
    a = draft("Toeslagcheck", unit="")
    repo.save_drafts([a], [], actor="anna")
    state = repo.drafts_state(ROUND)
    assert repo.assign_draft(a.id, "Directie A", actor="anna").unit == "Directie A"
    assert repo.drafts_state(ROUND) != state
    deleted = repo.delete_draft(a.id, actor="anna")
    assert deleted.id == a.id and repo.list_drafts(ROUND) == []
    assert [d.id for d in repo.list_drafts(ROUND, include_deleted=True)] == [a.id]
    assert repo.draft_meta(a.id).deleted_at is not None
    with pytest.raises(Conflict, match="deleted already"):
        repo.delete_draft(a.id, actor="anna")
    with pytest.raises(Conflict, match="restore it first"):
        repo.assign_draft(a.id, "Directie B", actor="anna")
    repo.restore_draft(a.id, actor="anna")
    assert [d.unit for d in repo.list_drafts(ROUND)] == ["Directie A"] and repo.draft_meta(a.id).deleted_at is None
    with pytest.raises(Conflict, match="not deleted"):
        repo.restore_draft(a.id, actor="anna")
    assert [e.action for e in repo.audit_log(4)] == ["draft-restore", "draft-delete", "draft-assign", "drafts-save"]
    assert json.loads(repo.audit_log(4)[2].detail)["unit"] == "Directie A"


def test_refusals_store_nothing(repo: Any) -> None:
    _round(repo)
    a = draft("Toeslagcheck")
    with pytest.raises(NotFound, match="Inventarisatie 1999"):
        repo.save_drafts([a, draft("Elders", round_name="Inventarisatie 1999")], [], actor="anna")
    assert repo.list_drafts(include_deleted=True) == []
    repo.save_drafts([a], [], actor="anna")
    with pytest.raises(Conflict, match="already stored"):
        repo.save_drafts([draft("Nieuw"), a], [], actor="anna")
    with pytest.raises(Conflict, match="not there"):
        repo.save_drafts([draft("Nieuw")], [draft("Nooit opgeslagen")], actor="anna")
    assert [d.name for d in repo.list_drafts(ROUND)] == ["Toeslagcheck"]
    for call in (repo.get_draft, repo.draft_meta):
        with pytest.raises(NotFound, match="no draft"):
            call("0000")
    with pytest.raises(NotFound):
        repo.delete_draft("0000", actor="anna")
    assert repo.save_drafts([], [], actor="anna") == {"new": 0, "updated": 0}


def _at_revision_0002(target: str | Path) -> None:
    """A CDO database built by the migrations up to 0002 (what the app before the drafts made)."""
    from alembic import command

    from algoinventaris.storage.cdo.engine import resolve_target, server_engine, sqlite_engine
    from algoinventaris.storage.cdo.migrate import alembic_config

    resolved = resolve_target(target)
    engine = sqlite_engine(resolved.path, 5.0, foreign_keys=False) if resolved.path is not None else server_engine(resolved.url)  # type: ignore[arg-type]
    try:
        with engine.connect() as conn, conn.begin():
            command.upgrade(alembic_config(conn), "0002")
            conn.exec_driver_sql("INSERT INTO cdo_meta (key, value) VALUES ('created_by_app', '0.1.0')")
    finally:
        engine.dispose()


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_a_0002_database_with_data_upgrades_and_keeps_it(engine: str, tmp_path: Path, pg_server: Any) -> None:
    from algoinventaris.storage.cdo.engine import resolve_target
    from algoinventaris.storage.cdo.repository import open_repository

    if engine == "sqlite":
        target: str = str(tmp_path / "cdo.sqlite3")
    else:
        if pg_server is None:
            pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql")
        target = pg_server.create_database()
    _at_revision_0002(target)
    with open_repository(resolve_target(target), migrate=False) as old:     # the old app's data
        old.set_round_details(ROUND, organisation=ORG, deadline="2027-04-01", units=["Directie A"], files=[], actor="cdo")
        old.set_setting("organisation", ORG)
    with open_cdo_db(target) as repo:
        details = repo.round_details(ROUND)
        assert (details.organisation, details.deadline, details.units) == (ORG, "2027-04-01", ("Directie A",))
        assert repo.get_setting("organisation") == ORG
        a = draft("Toeslagcheck")
        repo.save_drafts([a], [], actor="cdo")
        assert repo.list_drafts(ROUND) == [a]
    if engine == "sqlite":
        backups = list(tmp_path.glob("cdo.backup-0002-*"))
        assert len(backups) == 1
        with sqlite3.connect(backups[0]) as conn:   # the copy is the database as it was, at 0002
            assert conn.execute("SELECT version_num FROM cdo_alembic_version").fetchone() == ("0002",)
            assert conn.execute("SELECT name FROM rounds").fetchall() == [(ROUND,)]
        with sqlite3.connect(tmp_path / "cdo.sqlite3") as conn:
            assert conn.execute("PRAGMA user_version").fetchone() == (3,)
