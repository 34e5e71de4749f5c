"""Small forms and database look-ups shared by the storage tests and their helper process."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.model import Form

ROOT = Path(__file__).resolve().parents[2]


def chain_form_yaml(questions: int, *, form_id: str = "chain", version: str = "1", extra: str = "") -> str:
    """A form whose questions q0, q1, ... follow each other; every question has answers a, b and c."""
    lines = [
        f"id: {form_id}",
        f'version: "{version}"',
        "languages: [nl, en]",
        "title: {nl: Keten, en: Chain}",
        "start: q0",
        "questions:",
    ]
    for i in range(questions):
        target = f"{{question: q{i + 1}}}" if i + 1 < questions else "{conclusion: end}"
        lines += [
            f"  - id: q{i}",
            f"    text: {{nl: 'Vraag {i}?', en: 'Question {i}?'}}",
            "    answers:",
        ]
        for answer, nl, en in (("a", "Antwoord A", "Answer A"), ("b", "Antwoord B", "Answer B"), ("c", "Antwoord C", "Answer C")):
            lines.append(f"      - {{id: {answer}, text: {{nl: '{nl}', en: '{en}'}}, next: [{target}]}}")
    lines += [
        "conclusions:",
        "  - {id: end, ref: '9.9', title: {nl: Klaar, en: Done}, text: {nl: Klaar., en: Done.}}",
    ]
    return "\n".join(lines) + "\n" + extra


def write_chain_form(folder: Path, questions: int = 6, **kwargs: Any) -> Form:
    """Write a chain form into folder/<form id>/form.yaml and load it."""
    form_id = kwargs.get("form_id", "chain")
    target = folder / form_id
    target.mkdir(parents=True, exist_ok=True)
    (target / "form.yaml").write_text(chain_form_yaml(questions, **kwargs), encoding="utf-8")
    return load_form(target)


def sql_rows(db: Path, query: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows of a query run with the plain sqlite3 module (the test's own, independent view of the file)."""
    conn = sqlite3.connect(str(db), timeout=10)
    try:
        return conn.execute(query, params).fetchall()
    finally:
        conn.close()


def table_names(db: Path) -> set[str]:
    """The names of the tables in a database file."""
    return {str(r[0]) for r in sql_rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}


def older_owner_db(db: Path, revision: str, algorithm_id: str, *statements: str) -> None:
    """An owner database built by the migrations up to `revision` only (e.g. "0002"), holding one algorithm 'Oud' with
    this id, and whatever the further SQL statements add (all in one transaction, with the plain sqlite3 module)."""
    from algoinventaris.storage.migrate import migrate

    migrate(db, target=revision)
    conn = sqlite3.connect(str(db))
    try:
        with conn:
            conn.execute("INSERT INTO algorithms (id, name, organisation, unit, round, state, created_at, updated_at) VALUES "
                         "(?, 'Oud', 'O', 'U', 'R', 'draft', '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')",
                         (algorithm_id,))
            for statement in statements:
                conn.execute(statement)
    finally:
        conn.close()


def integrity(db: Path) -> list[str]:
    """PRAGMA integrity_check and foreign_key_check findings (['ok'] when all is well)."""
    found = [str(r[0]) for r in sql_rows(db, "PRAGMA integrity_check")]
    found += [f"foreign key: {r}" for r in sql_rows(db, "PRAGMA foreign_key_check")]
    return found


def stored_answers(db: Path) -> dict[tuple[str, str], list[str]]:
    """Every stored answer as {(algorithm id, question id): answers}."""
    return {(a, q): json.loads(v) for a, q, v in sql_rows(db, "SELECT algorithm_id, question_id, answers_json FROM answers")}
