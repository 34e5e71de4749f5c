"""quick_list: the same list as OwnerRepository.list_algorithms, read with sqlite3 only, never writing, None when unsure."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from algoinventaris.formengine.model import Form
from algoinventaris.storage import open_owner_db, quick_list
from tests.storage.helpers import ROOT


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in the folder with its bytes (to prove nothing was written or created)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def seeded(tmp_path: Path, form: Form) -> tuple[Path, list[str]]:
    db = tmp_path / "owner.sqlite3"
    with open_owner_db(db) as repo:
        ids = [repo.create_algorithm(f"Algoritme {i}", "Gemeente", f"Team {i}", "Inventarisatie 2026").id for i in range(4)]
        repo.save_answer(ids[1], form, "q0", ["a"], current_question="q1")
        repo.set_outcome(ids[2], "end", "9.9", state="complete", category="B")
        repo.delete_algorithm(ids[3])
    return db, ids


def test_same_rows_and_order_as_the_repository(tmp_path: Path, form: Form) -> None:
    db, ids = seeded(tmp_path, form)
    quick = quick_list(db)
    with open_owner_db(db) as repo:
        full = repo.list_algorithms()
    assert quick == full
    assert [a.id for a in quick or []] == [ids[2], ids[1], ids[0]]  # newest change first, the deleted one left out
    second = (quick or [])[1]
    assert (second.current_form, second.current_question) == ("chain", "q1")
    first = (quick or [])[0]
    assert (first.state, first.conclusion, first.conclusion_ref, first.category) == ("complete", "end", "9.9", "B")
    assert first.updated_at.tzinfo is not None


def test_reads_without_writing_or_creating_files(tmp_path: Path, form: Form) -> None:
    db, _ = seeded(tmp_path, form)
    before = snapshot(tmp_path)
    assert not any(name.endswith(("-wal", "-shm")) for name in before)
    assert quick_list(db) is not None
    assert snapshot(tmp_path) == before


def test_sees_changes_another_connection_has_committed_but_not_checkpointed(tmp_path: Path, form: Form) -> None:
    db, _ = seeded(tmp_path, form)
    repo = open_owner_db(db)
    try:
        made = repo.create_algorithm("Nieuw", "Gemeente", "Team", "Inventarisatie 2026")
        assert (tmp_path / "owner.sqlite3-wal").exists()  # the change sits in the WAL of an open connection
        rows = quick_list(db)
        assert rows is not None and rows[0].id == made.id
        assert rows == repo.list_algorithms()
    finally:
        repo.close()


def test_does_not_import_sqlalchemy_or_alembic(tmp_path: Path, form: Form) -> None:
    db, _ = seeded(tmp_path, form)
    code = (
        "import sys\n"
        "from algoinventaris.storage import quick_list\n"
        f"rows = quick_list({str(db)!r})\n"
        "print(len(rows), sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True, timeout=60)
    assert out.stdout.strip() == "3 []"


def test_none_for_a_missing_or_empty_file(tmp_path: Path) -> None:
    assert quick_list(tmp_path / "nothing.sqlite3") is None
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert quick_list(empty) is None
    assert quick_list(tmp_path) is None  # a folder


def test_none_for_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "owner.sqlite3"
    garbage = b"Dit is geen database.\n" * 100
    bad.write_bytes(garbage)
    assert quick_list(bad) is None
    assert bad.read_bytes() == garbage


def test_none_for_a_damaged_database(tmp_path: Path, form: Form) -> None:
    db, _ = seeded(tmp_path, form)
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(page, len(data), page):  # every page after the first: scramble the b-tree headers
        data[offset:offset + 8] = b"\xff" * 8
    db.write_bytes(bytes(data))
    assert quick_list(db) is None


def test_none_for_an_older_or_newer_schema(tmp_path: Path, form: Form) -> None:
    db, _ = seeded(tmp_path, form)
    newer = tmp_path / "newer.sqlite3"
    shutil.copy(db, newer)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.execute("PRAGMA user_version = 9999")
    conn.commit()
    conn.close()
    assert quick_list(newer) is None
    older = tmp_path / "older.sqlite3"
    shutil.copy(db, older)
    conn = sqlite3.connect(older)
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    assert quick_list(older) is None


def test_none_for_another_programs_sqlite_file(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('hallo')")
    conn.commit()
    conn.close()
    assert quick_list(other) is None


def test_none_for_unknown_values_and_a_hot_journal(tmp_path: Path, form: Form) -> None:
    db, _ = seeded(tmp_path, form)
    odd = tmp_path / "odd.sqlite3"
    shutil.copy(db, odd)
    conn = sqlite3.connect(odd)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE algorithms SET state = 'archived'")
    conn.commit()
    conn.close()
    assert quick_list(odd) is None
    (tmp_path / "owner.sqlite3-journal").write_bytes(b"\0" * 512)
    assert quick_list(db) is None


def test_empty_database_gives_an_empty_list(tmp_path: Path) -> None:
    db = tmp_path / "owner.sqlite3"
    open_owner_db(db).close()
    assert quick_list(db) == []
