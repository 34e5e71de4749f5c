"""`algoinventaris demo` and `export register` end to end, on a real SQLite database in a temporary data folder."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.cli.register import entry_for, load_forms
from algoinventaris.domain.demo_data import ALGORITHMS, ORGANISATION
from algoinventaris.domain.register import STANDARD_FIELDS, submission_parts
from tests.conftest import run_cli
from tests.register.test_register_schema import RegisterValidator, errors, schema_from_standard


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo-data")
    result = run_cli("demo", env={"ALGOINVENTARIS_DATA_DIR": str(folder)})
    assert result.returncode == 0, result.stderr
    assert "21 algorithms" in result.stdout
    return folder


def cli(folder: Path, *args: str) -> Any:
    return run_cli(*args, env={"ALGOINVENTARIS_DATA_DIR": str(folder)})


def listed(folder: Path) -> list[dict[str, Any]]:
    result = cli(folder, "list", "--json")
    assert result.returncode == 0, result.stderr
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def test_demo_fills_the_ministry_inventory(demo_dir: Path) -> None:
    algos = listed(demo_dir)
    assert len(algos) == 21
    assert Counter(a["category"] for a in algos) == {"A": 2, "B": 10, "C": 9}
    assert {a["organisation"] for a in algos} == {ORGANISATION}
    assert len({a["unit"] for a in algos}) >= 5
    assert len({a["name"] for a in algos}) == 21
    assert all(a["state"] == "complete" and a["conclusion"] for a in algos)
    assert len({a["conclusion"] for a in algos}) >= 6  # varied AI-Act outcomes
    # a second run adds nothing
    again = cli(demo_dir, "demo")
    assert again.returncode == 0 and "nothing added" in again.stdout
    assert len(listed(demo_dir)) == 21


def test_demo_content_through_the_domain(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALGOINVENTARIS_DATA_DIR", str(demo_dir))
    from algoinventaris.storage import open_owner_db

    forms = load_forms()
    repo = open_owner_db()
    try:
        entries = [entry_for(repo, s, forms, "nl") for s in repo.list_algorithms()]
    finally:
        repo.close()
    assert all(e.problems == [] for e in entries), [(e.name, e.problems) for e in entries if e.problems]
    excluded = [e for e in entries if e.excluded]
    assert len(excluded) == 1 and excluded[0].assessment.exclusion.ground == "investigation-enforcement"
    partial = [e for e in entries if e.assessment.exclusion.level == "partial"]
    assert len(partial) == 1 and partial[0].record is not None and "methods_and_models" not in partial[0].record
    high_risk = [e for e in entries if e.category == "A"]
    unfinished = [e for e in high_risk if not e.assessment.human_rights_test.finished]
    assert len(high_risk) == 2 and len(unfinished) == 1
    assert "Hoog-risico-AI-systeem zonder afgeronde mensenrechtentoets" in unfinished[0].assessment.flags()
    overridden = [e for e in entries if e.assessment.category.overridden]
    assert len(overridden) == 1 and overridden[0].category == "C" and overridden[0].assessment.category.flagged
    assert all(e.requirements for e in entries if e.category == "A")
    register_info, category_info, requirements = submission_parts(unfinished[0], "en")
    assert category_info is not None and category_info.category == "A" and category_info.human_rights_test == "in-progress"
    assert register_info.complete and register_info.status == "complete"
    assert {f.key for f in register_info.fields} >= {"name", "description_short", "publication_category", "lang"}
    assert requirements and all(r.id.startswith("urn:nl:ak:ver:") for r in requirements)
    _, overridden_info, _ = submission_parts(next(e for e in entries if e.assessment.category.overridden), "nl")
    assert overridden_info is not None and overridden_info.reasons[-1].startswith("Toelichting van de eigenaar: ")
    assert any(r.code == "aia-27" for r in high_risk[0].requirements + high_risk[1].requirements)


def test_export_all_writes_every_publishable_record(demo_dir: Path, tmp_path: Path) -> None:
    from tests.conftest import reference_file

    out = tmp_path / "register.json"
    result = cli(demo_dir, "export", "register", "--all", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "20 registerbeschrijvingen" in result.stdout
    assert "opsporing en handhaving" in result.stderr  # the excluded one is named with its ground
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == 20
    names = {r["name"] for r in records}
    assert "Agrarische bedrijven selecteren voor een mestcontrole" not in names
    assert Counter(r["publication_category"] for r in records) == {
        "Hoog-risico AI-systeem": 2, "Impactvolle algoritmes": 9, "Overige algoritmes": 9}
    partial = next(r for r in records if r["name"].startswith("Declaraties van agrarisch natuurbeheer"))
    assert "methods_and_models" not in partial and "source_data_grouping" not in partial
    standard = json.loads(reference_file("algoritmeregister-standard-v1_0.json").read_text(encoding="utf-8"))
    validator = RegisterValidator(schema_from_standard(standard))
    for record in records:
        assert errors(validator, record) == [], record["name"]
        assert [k for k in record if k in STANDARD_FIELDS] == [k for k in STANDARD_FIELDS if k in record]
    assert sum(1 for r in records if "lars" in r) == sum(1 for a in ALGORITHMS if "lars" in a.register)


def test_export_named_ids_and_refusals(demo_dir: Path, tmp_path: Path) -> None:
    algos = {a["name"]: a["id"] for a in listed(demo_dir)}
    out = tmp_path / "two.json"
    ids = [algos["Hoogte van de kustbijdrage berekenen"], algos["Roosters van inspecteurs maken"][:8]]
    result = cli(demo_dir, "export", "register", *ids, "--out", str(out))
    assert result.returncode == 0, result.stderr
    records = json.loads(out.read_text(encoding="utf-8"))
    assert [r["name"] for r in records] == ["Hoogte van de kustbijdrage berekenen", "Roosters van inspecteurs maken"]
    assert records[1]["status"] == "Buiten gebruik" and records[1]["end_date"] == "2025-06"
    # an excluded algorithm named explicitly: nothing written, the previous file untouched
    before = out.read_bytes()
    excluded = algos["Agrarische bedrijven selecteren voor een mestcontrole"]
    result = cli(demo_dir, "export", "register", excluded, ids[0], "--out", str(out))
    assert result.returncode == 1
    assert "niets geschreven" in result.stderr and "uitgesloten" in result.stderr
    assert out.read_bytes() == before
    # unknown id, no ids, unwritable target
    result = cli(demo_dir, "export", "register", "deadbeef-0000", "--out", str(out))
    assert result.returncode == 1 and "geen algoritme met id 'deadbeef-0000'" in result.stderr
    assert cli(demo_dir, "export", "register", "--out", str(out)).returncode == 2
    result = cli(demo_dir, "export", "register", ids[0], "--out", str(tmp_path / "no" / "such" / "dir.json"))
    assert result.returncode == 3 and "kan" in result.stderr and "dir.json" in result.stderr
    assert not list(tmp_path.glob(".*.tmp"))


def test_unfinished_algorithm_is_refused_with_the_open_question(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    created = cli(folder, "new", "Half af", "--unit", "Team X", "--organisation", "Ministerie van Test", "--round", "R1")
    assert created.returncode == 0, created.stderr
    algo = listed(folder)[0]
    out = tmp_path / "x.json"
    result = cli(folder, "export", "register", algo["id"], "--out", str(out), "--lang", "en")
    assert result.returncode == 1
    assert "ai-act: not finished, question" in result.stderr
    assert "register: not finished, question 'Name' is open" in result.stderr
    assert not out.exists()
    check = cli(folder, "export", "register", "--all", "--check")
    assert check.returncode == 1 and "nog niet af" in check.stdout
