"""End-to-end tests of the owner commands: new, list, show, delete and restore (subprocesses, real database)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

from algoinventaris import config
from algoinventaris.formengine.model import Form
from algoinventaris.storage import open_owner_db
from tests.conftest import run_cli


def test_new_list_delete_restore(tmp_path: Path) -> None:
    empty = run_cli("list")
    assert empty.returncode == 0 and "No algorithms yet" in empty.stdout
    assert json.loads(run_cli("list", "--json").stdout) == []
    made = run_cli("new", "Parkeervergunningen", "--organisation", "Gemeente Voorbeeld", "--unit", "Parkeren", "--json")
    assert made.returncode == 0, made.stderr
    alg = json.loads(made.stdout)
    assert alg["round"] == f"Inventarisatie {datetime.now().year}" and alg["state"] == "draft"
    second = run_cli("new", "Bijstand", "--organisation", "Gemeente Voorbeeld", "--unit", "Sociaal", "--round", "Inventarisatie 2025")
    assert second.returncode == 0 and "Added Bijstand" in second.stdout
    listed = json.loads(run_cli("list", "--json").stdout)
    assert [a["name"] for a in listed] == ["Bijstand", "Parkeervergunningen"]
    for key in ("id", "name", "organisation", "unit", "round", "state", "conclusion", "conclusion_ref", "category"):
        assert key in listed[0]
    table = run_cli("list").stdout
    assert alg["id"][:8] in table and "Parkeervergunningen" in table and "Inventarisatie 2025" in table

    deleted = run_cli("delete", alg["id"][:8])  # a unique start of the id is enough
    assert deleted.returncode == 0 and f"algoinventaris restore {alg['id']}" in deleted.stdout
    assert [a["name"] for a in json.loads(run_cli("list", "--json").stdout)] == ["Bijstand"]
    with_deleted = json.loads(run_cli("list", "--json", "--all").stdout)
    assert {a["name"]: a["deleted_at"] is not None for a in with_deleted} == {"Bijstand": False, "Parkeervergunningen": True}
    restored = run_cli("restore", alg["id"])
    assert restored.returncode == 0 and "Restored Parkeervergunningen" in restored.stdout
    assert len(json.loads(run_cli("list", "--json").stdout)) == 2


def test_unknown_ambiguous_and_bad_input(tmp_path: Path) -> None:
    db = config.default_db_path()
    open_owner_db(db).close()
    conn = sqlite3.connect(str(db))
    with conn:
        for suffix in ("0000", "1111"):
            conn.execute(
                "INSERT INTO algorithms (id, name, organisation, unit, round, state, created_at, updated_at) "
                "VALUES (?, ?, 'O', 'U', 'R', 'draft', '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')",
                (f"abcd{suffix}-0000-4000-8000-000000000000", f"Alg {suffix}"),
            )
    conn.close()
    unknown = run_cli("show", "ffffffff")
    assert unknown.returncode == 1 and "no algorithm with id 'ffffffff'" in unknown.stderr and str(db) in unknown.stderr
    ambiguous = run_cli("delete", "abcd")
    assert ambiguous.returncode == 1 and "more than one" in ambiguous.stderr
    assert run_cli("restore", "nope").returncode == 1
    empty_name = run_cli("new", " ", "--organisation", "O", "--unit", "U")
    assert empty_name.returncode == 2 and "name may not be empty" in empty_name.stderr


def test_show_prints_questions_and_answers(form: Form, forms_dir: Path) -> None:
    with open_owner_db() as repo:
        alg = repo.create_algorithm("Slimme verkeerslichten", "Gemeente Voorbeeld", "Mobiliteit", "Inventarisatie 2026")
        repo.save_answer(alg.id, form, "q0", ["a"], current_question="q1")
        repo.save_answer(alg.id, form, "q1", ["b"], current_question="q2")
        repo.save_answer(alg.id, form, "q4", ["c"], current_question="q2")
        repo.mark_set_aside(alg.id, form.id, ["q4"])
        repo.set_outcome(alg.id, "end", "9.9", state="complete", category="B")
    shown = run_cli("show", alg.id)
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "Slimme verkeerslichten" in out and "Mobiliteit" in out and "end (9.9) — Klaar" in out and "Category:     B" in out
    assert "Answers, form chain 1 — Keten" in out
    assert out.index("Vraag 0?") < out.index("Antwoord A") < out.index("Vraag 1?") < out.index("Antwoord B") < out.index("Vraag 4?")
    assert "Antwoord C  [SET ASIDE]" in out
    english = run_cli("show", alg.id[:6], "--lang", "en").stdout
    assert "Question 1?" in english and "Answer B" in english and "Done" in english

    data = json.loads(run_cli("show", alg.id, "--json").stdout)
    fields = (data["id"], data["state"], data["conclusion"], data["conclusion_ref"], data["category"])
    assert fields == (alg.id, "complete", "end", "9.9", "B")
    by_question = {a["question_id"]: a for a in data["answers"]}
    assert by_question["q0"]["question_text"] == "Vraag 0?" and by_question["q0"]["answer_texts"] == ["Antwoord A"]
    assert by_question["q0"]["on_path"] is True and by_question["q0"]["form_hash"] == form.content_hash
    assert by_question["q4"]["status"] == "set_aside" and by_question["q4"]["on_path"] is False
    assert [a["question_id"] for a in data["answers"]] == ["q0", "q1", "q4"]

    # Without the form the answers are still shown, by id.
    (forms_dir / "chain" / "form.yaml").unlink()
    bare = run_cli("show", alg.id)
    assert bare.returncode == 0 and "form not found here" in bare.stdout and "q1\n    → b" in bare.stdout


def test_damaged_database_via_db_option_is_reported_and_kept(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.sqlite3"
    broken.write_bytes(b"dit is geen database" * 100)
    for args, env in ((["--db", str(broken), "list"], None), (["show", "x"], {"ALGOINVENTARIS_DB": str(broken)})):
        result = run_cli(*args, env=env)
        assert result.returncode == 3
        assert str(broken) in result.stderr and "not an SQLite database" in result.stderr and "was not changed" in result.stderr
    assert broken.read_bytes() == b"dit is geen database" * 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kapot.sqlite3"]
