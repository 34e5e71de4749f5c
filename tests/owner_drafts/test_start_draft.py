"""Owner side of CDO drafts: listed from a real signed bundle, started with register answers prefilled, nothing else."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from algoinventaris import config
from algoinventaris.domain.drafts import DOES_NOT_FIT, NOT_IN_FORM, NOT_IN_STANDARD, Draft
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.paths import explore
from algoinventaris.package.drafts import DraftError, available_drafts, has_open_drafts, split_answers, start_from_draft
from algoinventaris.package.errors import NotReady
from algoinventaris.package.export import export_algorithm
from algoinventaris.package.keys import Ed25519Signer, KeyStore
from algoinventaris.package.rounds import open_bundle, round_folder
from algoinventaris.storage import open_owner_db
from algoinventaris.storage.sqlitefile import SCHEMA_VERSION
from tests.conftest import run_cli, write_form
from tests.owner_drafts.conftest import ORG, ROUND, UNIT, draft_bundle, make_draft
from tests.rounds.conftest import cdo_signer  # noqa: F401
from tests.storage.helpers import chain_form_yaml, older_owner_db, sql_rows, table_names


def _names(items: Any) -> list[str]:
    return [i.draft.name for i in items]


def test_a_bundle_with_drafts_lists_them_and_a_start_prefills_only_the_register(opened: Any, drafts: list[Draft]) -> None:
    items = available_drafts(opened)
    assert sorted(_names(items)) == ["Aanvragen voorsorteren", "Chatbot", "Parkeerscan"]
    assert {i.round.name for i in items} == {ROUND} and all(i.started is None for i in items)
    # a unit: its drafts and the unassigned one; the other unit only sees the unassigned one
    assert sorted(_names(available_drafts(opened, unit="  directie   a "))) == ["Aanvragen voorsorteren", "Chatbot", "Parkeerscan"]
    assert _names(available_drafts(opened, unit="Directie B")) == ["Chatbot"]
    assert has_open_drafts(opened)

    first = drafts[0]
    started = start_from_draft(opened, first.id)
    alg = started.algorithm
    assert (alg.name, alg.organisation, alg.unit, alg.round, alg.state) == (first.name, ORG, UNIT, ROUND, "draft")
    ai_act = load_form(config.form_path("ai-act"))
    assert (alg.current_form, alg.current_question) == ("ai-act", ai_act.start)
    register = opened.answers(alg.id, "register")
    expected = {q: v for q, v in first.answers.items() if q != "oude-vraag"}
    assert {q: a.answers for q, a in register.items()} == {q: (v,) for q, v in expected.items()}
    assert {a.status for a in register.values()} == {"prefilled"}
    # the AI-Act and impact questions are never answered from register text
    assert opened.answers(alg.id, "ai-act") == {} and opened.answers(alg.id, "impact") == {}
    assert {a.form_id for a in opened.all_answers(alg.id)} == {"register"}
    assert alg.conclusion is None and alg.category is None

    origin = opened.draft_origin(alg.id)
    assert origin is not None and origin.draft_id == first.id and origin.revision == 1 and origin.round == ROUND
    assert origin.describe() == "Uit het register: Centric.json, record 3, gevonden op LARS-id 1234567"
    assert origin.describe("en") == "From the register: Centric.json, record 3, matched on LARS id 1234567"
    kept = {(n.field, n.value, n.reason) for n in origin.not_mapped}
    assert kept == {("type", "Beslisboom", NOT_IN_STANDARD), ("iama_description", "IAMA in 2024 gedaan", NOT_IN_STANDARD),
                    ("oude-vraag", "oud antwoord", NOT_IN_FORM)}
    assert [d.value for d in origin.deviations] == ["NLD"] and dict(origin.answers) == dict(first.answers)
    assert started.prefilled == [q for q in [q.id for q in load_form(config.form_path("register")).questions]
                                 if q in expected]

    assert {i.draft.id: i.started for i in available_drafts(opened)}[first.id] == alg.id
    with pytest.raises(DraftError) as again:
        start_from_draft(opened, first.id)
    assert again.value.code == "already-started" and "Aanvragen voorsorteren" in again.value.text("nl")
    assert alg.id in again.value.text("en") and again.value.algorithm_id == alg.id
    assert len(opened.list_algorithms()) == 1

    # the one left out by a deletion can be started again; restoring gives the first one back as it was
    opened.delete_algorithm(alg.id)
    assert opened.started_drafts() == {}
    opened.restore_algorithm(alg.id)
    assert opened.started_drafts() == {first.id: alg.id}


def test_refusals_say_why_and_store_nothing(opened: Any, drafts: list[Draft], tmp_path: Path) -> None:
    with pytest.raises(DraftError) as unknown:
        start_from_draft(opened, "00000000-no-such-draft")
    assert unknown.value.code == "unknown-draft" and "round drafts" in unknown.value.text("nl")
    unassigned = drafts[2]
    with pytest.raises(DraftError) as no_unit:
        start_from_draft(opened, unassigned.id)
    assert no_unit.value.code == "unit-needed" and "--unit" in no_unit.value.text("en")
    with pytest.raises(DraftError) as other:
        start_from_draft(opened, drafts[1].id, unit="Directie B")
    assert other.value.code == "other-unit" and "'Directie A'" in other.value.text("nl")
    assert opened.list_algorithms() == [] and opened.started_drafts() == {}

    by_prefix = start_from_draft(opened, unassigned.id[:8], unit=" Team   Digitaal ")
    assert by_prefix.algorithm.unit == "Team Digitaal" and by_prefix.draft.id == unassigned.id

    with open_owner_db(tmp_path / "empty.sqlite3") as empty:
        with pytest.raises(DraftError) as not_opened:
            start_from_draft(empty, unassigned.id)
        assert not_opened.value.code == "not-opened" and "round open" in not_opened.value.text("nl")


def test_values_the_form_cannot_take_are_kept_not_dropped(tmp_path: Path) -> None:
    register = load_form(config.form_path("register"))
    draft = make_draft("Iets", answers={"name": "Iets", "lang": "nld", "verdwenen": "x"}, not_mapped={"uuid": "u-1"})
    taken, kept = split_answers(draft, register)
    assert taken == [("name", ("Iets",)), ("lang", ("nld",))]
    assert {(k.field, k.value, k.reason) for k in kept} == {("uuid", "u-1", NOT_IN_STANDARD), ("verdwenen", "x", NOT_IN_FORM)}
    # an answer its question cannot take (a choice the question does not offer) is kept too
    chain = load_form(write_form(tmp_path, chain_form_yaml(2)))
    taken, kept = split_answers(make_draft("Keuze", answers={"q0": "zz", "q1": "b"}), chain)
    assert taken == [("q1", ("b",))] and [(k.field, k.reason) for k in kept] == [("q0", DOES_NOT_FIT)]
    # without a register form in the round or the app, every answer is kept aside
    taken, kept = split_answers(draft, None)
    assert taken == [] and {k.reason for k in kept} == {NOT_IN_STANDARD, NOT_IN_FORM} and len(kept) == 4


def test_export_is_refused_while_the_ai_act_questions_are_open_and_marks_register_proposals(
        opened: Any, drafts: list[Draft], tmp_path: Path) -> None:
    signer = KeyStore(tmp_path / "owner-keys").create_ed25519("geheim-genoeg-123", "Eigenaar")
    assert isinstance(signer, Ed25519Signer)
    alg = start_from_draft(opened, drafts[1].id).algorithm
    ai_act = load_form(config.form_path("ai-act"))
    with pytest.raises(NotReady) as refused:
        export_algorithm(opened, alg.id, signer, tmp_path / "out", form=ai_act)
    assert refused.value.question_id == ai_act.start and "staat open" in str(refused.value)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    assert opened.get_algorithm(alg.id).state == "draft"

    # the owner answers the AI-Act questions; the register proposals still wait for confirmation
    path = next(p for p in explore(ai_act).paths if p.end_kind == "conclusion")
    for qid, answers in path.steps:
        opened.save_answer(alg.id, ai_act, qid, answers)
    with pytest.raises(NotReady) as unconfirmed:
        export_algorithm(opened, alg.id, signer, tmp_path / "out", form=ai_act)
    assert unconfirmed.value.form_id == "register" and "nog niet bevestigd" in str(unconfirmed.value)
    register = load_form(config.form_path("register"))
    proposed = opened.answers(alg.id, "register")
    assert unconfirmed.value.question_id in proposed
    for qid, stored in proposed.items():  # the owner confirms every proposal as it is
        opened.save_answer(alg.id, register, qid, stored.answers)
    done = export_algorithm(opened, alg.id, signer, tmp_path / "out", form=ai_act)
    answers = json.loads(zipfile.ZipFile(done.path).read("answers.json"))
    by_form = {f["form"]["id"]: f for f in answers["forms"]}
    assert {s["status"] for s in by_form["ai-act"]["answers"]} == {"confirmed"}
    assert {s["status"] for s in by_form["register"]["answers"]} == {"confirmed"}


def test_a_newer_bundle_replaces_the_drafts_and_keeps_started_algorithms(
        opened: Any, drafts: list[Draft], cdo_signer: Ed25519Signer, tmp_path: Path) -> None:  # noqa: F811
    first, dropped = drafts[0], drafts[1]
    alg = start_from_draft(opened, first.id).algorithm
    before = opened.answers(alg.id, "register")
    revised = make_draft(first.name, draft_id=first.id, revision=2, answers={"name": first.name, "goal": "Nieuw doel"})
    added = make_draft("Subsidiescan")
    assert open_bundle(opened, draft_bundle(cdo_signer, tmp_path / "b2", [revised, added, drafts[2]], sequence=2)).status == "updated"
    items = {i.draft.id: i for i in available_drafts(opened)}
    assert set(items) == {first.id, added.id, drafts[2].id} and dropped.id not in items
    assert items[first.id].draft.revision == 2 and items[first.id].started == alg.id and items[added.id].started is None
    assert opened.answers(alg.id, "register") == before  # the started algorithm stays as it is
    assert opened.draft_origin(alg.id).revision == 1


def test_a_damaged_drafts_file_is_refused_naming_the_round_and_the_file(opened: Any) -> None:
    installed = opened.installed_rounds()[0]
    file = round_folder(installed) / "drafts.json"
    original = file.read_bytes()
    file.write_bytes(original.replace(b"Parkeerscan", b"Parkeerscam"))
    with pytest.raises(DraftError) as changed:
        available_drafts(opened)
    text = changed.value.text("nl")
    assert changed.value.code == "drafts-damaged" and ROUND in text and str(file) in text and "gewijzigd" in text
    assert not has_open_drafts(opened)
    file.unlink()
    with pytest.raises(DraftError) as missing:
        available_drafts(opened)
    assert "ontbreekt" in missing.value.text("nl")
    file.write_bytes(original)
    assert len(available_drafts(opened)) == 3


def test_an_owner_database_of_schema_2_upgrades_with_a_backup_and_keeps_everything(tmp_path: Path) -> None:
    db = tmp_path / "owner.sqlite3"
    older_owner_db(db, "0002", "22222222-2222-4222-8222-222222222222",
                   "INSERT INTO answers VALUES ('22222222-2222-4222-8222-222222222222', 'ai-act', 'is-algorithm', '1', "
                   "'abc', '[\"yes\"]', 'confirmed', '2026-01-01T00:00:00.000000Z')",
                   "INSERT INTO cdo_keys VALUES ('SHA256:aa', x'00', 'O', 'enrolled', '2026-01-01T00:00:00.000000Z', NULL)")
    before = {t: sql_rows(db, f"SELECT * FROM {t}") for t in ("algorithms", "answers", "cdo_keys")}
    assert sql_rows(db, "PRAGMA user_version") == [(2,)]
    with open_owner_db(db) as repo:
        assert [a.name for a in repo.list_algorithms()] == ["Oud"]
        assert repo.draft_origin("22222222-2222-4222-8222-222222222222") is None and repo.started_drafts() == {}
    assert SCHEMA_VERSION == 3 and sql_rows(db, "PRAGMA user_version") == [(3,)]
    assert {t: sql_rows(db, f"SELECT * FROM {t}") for t in before} == before
    backups = list(tmp_path.glob("owner.backup-0002-*.sqlite3"))
    assert len(backups) == 1 and sql_rows(backups[0], "SELECT name FROM algorithms") == [("Oud",)]
    assert "draft_origins" not in table_names(backups[0]) and "draft_origins" in table_names(db)


def test_the_round_commands_list_start_and_show(opened: Any, drafts: list[Draft]) -> None:
    db = str(opened.path)
    listed = run_cli("--db", db, "round", "drafts", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert {r["name"]: r["started"] for r in rows} == {"Aanvragen voorsorteren": False, "Parkeerscan": False, "Chatbot": False}
    park = next(r for r in rows if r["name"] == "Parkeerscan")
    assert (park["unit"], park["round"], park["source"], park["origin"]) == (UNIT, ROUND, "spreadsheet", "inventaris-2025.xlsx, rij 7")

    started = run_cli("--db", db, "round", "start-draft", drafts[0].id)
    assert started.returncode == 0, started.stderr
    assert "'Aanvragen voorsorteren' begonnen in Inventarisatie 2027" in started.stdout
    assert "8 registerantwoorden vooraf ingevuld" in started.stdout and "oude-vraag: oud antwoord" in started.stdout
    new_id = opened.started_drafts()[drafts[0].id]

    text = run_cli("--db", db, "round", "drafts", "--unit", "Directie B").stdout
    assert "Chatbot" in text and "Parkeerscan" not in text and "(nog niet toegewezen)" in text
    assert "al begonnen: Aanvragen voorsorteren" in run_cli("--db", db, "round", "drafts").stdout

    twice = run_cli("--db", db, "round", "start-draft", drafts[0].id, "--json")
    assert twice.returncode == 1 and json.loads(twice.stdout)["reason_code"] == "already-started"
    no_unit = run_cli("--db", db, "round", "start-draft", drafts[2].id)
    assert no_unit.returncode == 1 and "--unit" in no_unit.stderr

    shown = run_cli("--db", db, "show", new_id)
    assert shown.returncode == 0, shown.stderr
    assert "Uit het register: Centric.json, record 3, gevonden op LARS-id 1234567" in shown.stdout
    assert "Niet overgenomen (3):" in shown.stdout and "type: Beslisboom  [geen veld van onze vragenlijst]" in shown.stdout
    assert "prefilled, not confirmed" in shown.stdout
    as_json = json.loads(run_cli("--db", db, "show", new_id, "--json", "--lang", "en").stdout)
    assert as_json["draft_origin"]["text"].startswith("From the register: Centric.json")
    assert {n["field"] for n in as_json["draft_origin"]["not_mapped"]} == {"type", "iama_description", "oude-vraag"}


def test_a_round_without_drafts_has_none_to_start(owner: Any, cdo_signer: Ed25519Signer, tmp_path: Path) -> None:  # noqa: F811
    owner.trust_cdo_key(cdo_signer.public_raw, cdo_signer.fingerprint)
    assert available_drafts(owner) == [] and not has_open_drafts(owner)
    open_bundle(owner, draft_bundle(cdo_signer, tmp_path / "b", []))
    assert [r.name for r in owner.installed_rounds()] == [ROUND]
    assert available_drafts(owner) == [] and not has_open_drafts(owner)
    assert not (round_folder(owner.installed_rounds()[0]) / "drafts.json").exists()
    with pytest.raises(DraftError) as unknown:
        start_from_draft(owner, "11111111-2222-4333-8444-555555555555")
    assert unknown.value.code == "unknown-draft" and ROUND in unknown.value.text("nl")
