"""`algoinventaris show ID` prints what the wizard checks: register field problems and a category without its reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FORMS, run_cli
from tests.gui.helpers import answer_route, long_route


@pytest.fixture
def db(tmp_path: Path, ai_act_form: Any) -> tuple[Path, str]:
    from algoinventaris.formengine.loader import load_form
    from algoinventaris.storage import open_owner_db

    path = tmp_path / "owner.sqlite3"
    impact = load_form(FORMS / "impact")
    register = load_form(FORMS / "register")
    with open_owner_db(path) as repo:
        alg = repo.create_algorithm("Fraudesignalen", "Gemeente Voorbeeld", "Werk en Inkomen", "Inventarisatie 2026")
        answer_route(repo, alg.id, ai_act_form, long_route(ai_act_form))  # high risk: the app proposes A
        for qid, value in (("legal-effects", "no"), ("decisions-about-persons", "no"), ("risk-selection", "no"),
                           ("judged-impactful", "no"), ("category", "c"), ("category-reason", "")):
            repo.save_answer(alg.id, impact, qid, [value])
        repo.save_answer(alg.id, register, "name", ["Fraudesignalen bijstand opsporen"])
        repo.save_answer(alg.id, register, "description-short", ["Te lang. " * 60])
        repo.save_answer(alg.id, register, "contact-email", ["niet-een-adres"])
    return path, alg.id


def test_show_prints_the_problems_under_the_answers(db: tuple[Path, str]) -> None:
    path, alg_id = db
    out = run_cli("show", alg_id, env={"ALGOINVENTARIS_DB": str(path)})
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()

    def under(question_start: str) -> list[str]:
        index = next(i for i, line in enumerate(lines) if line.strip().startswith(question_start))
        found = []
        for line in lines[index + 2:]:
            if not line.startswith("    ! "):
                break
            found.append(line[6:])
        return found

    assert under("Beschrijf in twee of drie zinnen") == ["Korte omschrijving: 540 tekens, maximaal 400"]
    assert any(p.startswith("Contactgegevens:") for p in under("Waar kunnen mensen terecht"))
    assert under("Hoe heet het algoritme?") == []
    assert under("Waarom kies je een andere categorie") == [
        "Categorie: je kiest C terwijl de app A voorstelt; licht dat toe in minstens 20 tekens"]
    data = json.loads(run_cli("show", alg_id, "--json", "--lang", "en", env={"ALGOINVENTARIS_DB": str(path)}).stdout)
    by_question = {(a["form_id"], a["question_id"]): a["problems"] for a in data["answers"]}
    assert by_question[("register", "description-short")] == ["Short description: 540 characters, at most 400"]
    assert by_question[("register", "name")] == []
    assert by_question[("impact", "category-reason")][0].startswith("Category: you chose C where the app proposes A")
