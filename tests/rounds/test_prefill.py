"""Starting this year's algorithm from last year's: everything prefilled, nothing exported before it is confirmed."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from algoinventaris import config
from algoinventaris.domain.rounds import CHANGED, CONFIRMED, DROPPED, UNCONFIRMED
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.model import Form
from algoinventaris.formengine.paths import explore
from algoinventaris.formengine.session import resolve
from algoinventaris.package.errors import NotReady
from algoinventaris.package.export import export_algorithm
from algoinventaris.package.keys import Ed25519Signer
from algoinventaris.package.rounds import RoundError, open_bundle, start_from_last_year, year_changes
from algoinventaris.package.verify import verify_bytes
from algoinventaris.storage import open_owner_db
from algoinventaris.storage.repository import AlreadyStarted
from algoinventaris.storage.sqlitefile import SCHEMA_VERSION
from tests.rounds.conftest import LAST_ROUND, ORG, ROUND, form_text, make_bundle, map_text, sha_of
from tests.storage.helpers import older_owner_db, sql_rows, table_names


@pytest.fixture(scope="module")
def ai_act() -> Form:
    return load_form(config.form_path("ai-act"))


def _last_year(repo: Any, form: Form, steps: Any, name: str = "Toeslagen toekennen") -> Any:
    alg = repo.create_algorithm(name, ORG, "Directie A", LAST_ROUND)
    for qid, answers in steps:
        repo.save_answer(alg.id, form, qid, answers)
    state = resolve(form, dict(steps))
    if state.done:
        assert state.decision.conclusion is not None
        repo.set_outcome(alg.id, state.decision.conclusion.id, state.decision.conclusion.ref, state="complete")
    return repo.get_algorithm(alg.id)


def _answer_rows(db: Path, algorithm_id: str) -> list[tuple[Any, ...]]:
    return sql_rows(db, "SELECT * FROM answers WHERE algorithm_id = ? ORDER BY form_id, question_id", algorithm_id)


def test_prefill_confirm_and_export_with_the_real_ai_act_form(
        tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer, owner_signer: Ed25519Signer, ai_act: Form) -> None:
    path = next(p for p in explore(ai_act).paths if p.end_kind == "conclusion" and len(p.steps) >= 6)
    last = _last_year(trusting, ai_act, path.steps)
    first = export_algorithm(trusting, last.id, owner_signer, tmp_path / "out", form=ai_act)
    before = _answer_rows(trusting.path, last.id)
    bundle = make_bundle(cdo_signer, tmp_path / "b", forms=[config.form_path("ai-act").joinpath("form.yaml").read_text("utf-8")])
    open_bundle(trusting, bundle)

    started = start_from_last_year(trusting, last.id, ROUND)
    new = started.algorithm
    assert new.id != last.id and new.round == ROUND and (new.name, new.unit, new.organisation) == (last.name, last.unit, ORG)
    assert new.state == "draft" and (new.conclusion, new.conclusion_ref) == (last.conclusion, last.conclusion_ref)
    assert started.review == () and not started.conclusion_changed
    assert started.carry.previous_id == last.id and started.carry.previous_submission == first.submission_id
    stored = trusting.answers(new.id, "ai-act")
    assert {q: a.answers for q, a in stored.items()} == {q: tuple(a) for q, a in path.steps}
    assert {a.status for a in stored.values()} == {"prefilled"}
    assert {a.form_hash for a in stored.values()} == {ai_act.content_hash}
    assert _answer_rows(trusting.path, last.id) == before  # last year's answers are untouched
    assert trusting.successors(last.id)[0].id == new.id

    changes = year_changes(trusting, new.id)
    assert changes is not None and not changes.ready
    assert [c.state for c in changes.questions] == [UNCONFIRMED] * len(path.steps)

    with pytest.raises(NotReady) as refused:  # nothing unconfirmed goes out
        export_algorithm(trusting, new.id, owner_signer, tmp_path / "out", form=ai_act)
    assert refused.value.question_id == path.steps[0][0]
    assert "bevestigd" in refused.value.text("nl")

    for qid, answers in path.steps:  # the owner confirms each answer as it was
        trusting.save_answer(new.id, ai_act, qid, answers, status="confirmed")
    changes = year_changes(trusting, new.id)
    assert changes is not None and changes.ready
    assert {c.state for c in changes.questions} == {CONFIRMED}
    done = export_algorithm(trusting, new.id, owner_signer, tmp_path / "out", form=ai_act)
    data = done.path.read_bytes()
    result = verify_bytes(data, trusted_keys=[owner_signer.public_raw])
    assert result.ok, result.reason("en")
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))
    assert manifest["previous"] == first.submission_id and manifest["algorithm"]["id"] == new.id
    assert manifest["algorithm"]["round"] == ROUND
    # last year's package has no "previous" and still verifies
    old_manifest = json.loads(zipfile.ZipFile(first.path).read("manifest.json"))
    assert "previous" not in old_manifest and verify_bytes(first.path.read_bytes()).ok


def _chain_round(tmp_path: Path, repo: Any, signer: Ed25519Signer, *, new_version: str = "1", previous: bool = False,
                 body: str = "") -> Form:
    v1 = form_text("1")
    if new_version == "1":
        open_bundle(repo, make_bundle(signer, tmp_path / "b", forms=[v1]))
    else:
        v2 = form_text(new_version, questions=4)
        mapping = map_text("1", new_version, sha_of(tmp_path, v1), sha_of(tmp_path, v2), body)
        open_bundle(repo, make_bundle(signer, tmp_path / "b", forms=[v2], previous=[v1] if previous else [],
                                      maps=[("chain.yaml", mapping)] if previous else []))
    folder = tmp_path / "v1"
    folder.mkdir(exist_ok=True)
    (folder / "form.yaml").write_text(v1, encoding="utf-8")
    return load_form(folder)


def test_what_changed_since_last_year_per_question(tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer) -> None:
    form = _chain_round(tmp_path, trusting, cdo_signer)
    last = _last_year(trusting, form, [("q0", ("a",)), ("q1", ("a",)), ("q2", ("a",))])
    new = start_from_last_year(trusting, last.id, ROUND).algorithm
    trusting.save_answer(new.id, form, "q0", ["a"], status="confirmed")
    trusting.save_answer(new.id, form, "q1", ["b"], status="confirmed")
    changes = year_changes(trusting, new.id)
    assert changes is not None
    assert [(c.question, c.state, c.proposed, c.current) for c in changes.questions] == [
        ("q0", CONFIRMED, ("a",), ("a",)), ("q1", CHANGED, ("a",), ("b",)), ("q2", UNCONFIRMED, ("a",), ("a",))]
    lines = "\n".join(changes.lines("nl"))
    assert "1 nog te bevestigen" in lines and "gewijzigd chain/q1: a → b" in lines
    trusting.mark_set_aside(new.id, "chain", ["q2"])
    changes = year_changes(trusting, new.id)
    assert changes is not None and changes.questions[2].state == DROPPED
    assert changes.to_json()["counts"]["dropped"] == 1


def test_a_new_version_carried_through_the_map_with_review(tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer) -> None:
    # version 2 adds q3 at the end and says that answer c of q1 has no counterpart
    form = _chain_round(tmp_path, trusting, cdo_signer, new_version="2", previous=True,
                        body="questions:\n  - from: q1\n    answers: {c: null}\nnew_questions:\n  - id: q3\n    reason: nieuw\n")
    last = _last_year(trusting, form, [("q0", ("a",)), ("q1", ("c",)), ("q2", ("a",))])
    started = start_from_last_year(trusting, last.id, ROUND)
    kinds = {(r.kind, r.question) for r in started.review}
    assert ("unmapped", "q1") in kinds and ("conclusion_changed", None) in kinds
    stored = trusting.answers(started.algorithm.id, "chain")
    assert set(stored) == {"q0", "q2"}  # q1 is left out: the owner answers it again
    assert {a.form_version for a in stored.values()} == {"2"}
    assert started.algorithm.conclusion is None  # the recomputed walk stops at q1: no silent conclusion
    changes = year_changes(trusting, started.algorithm.id)
    assert changes is not None and [r.question for r in changes.open_review] == ["q1"]
    assert any(r.kind == "conclusion_changed" for r in changes.information)


def test_no_map_for_a_new_version_means_answer_again(tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer) -> None:
    form = _chain_round(tmp_path, trusting, cdo_signer, new_version="3")  # no map, no earlier form in the bundle
    last = _last_year(trusting, form, [("q0", ("a",)), ("q1", ("a",)), ("q2", ("a",))])
    started = start_from_last_year(trusting, last.id, ROUND)
    assert [(r.kind, r.form_id) for r in started.review] == [("no_map", "chain")]
    assert "beantwoord de vragen opnieuw" in started.review[0].text("nl")
    assert trusting.answers(started.algorithm.id, "chain") == {}


def test_starting_twice_or_from_the_wrong_place_is_refused(tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer) -> None:
    form = _chain_round(tmp_path, trusting, cdo_signer)
    last = _last_year(trusting, form, [("q0", ("a",)), ("q1", ("b",)), ("q2", ("c",))])
    with pytest.raises(RoundError) as caught:
        start_from_last_year(trusting, last.id, "Inventarisatie 2099")
    assert caught.value.code == "not-opened" and "round open" in caught.value.text("nl")
    first = start_from_last_year(trusting, last.id, ROUND).algorithm
    count = len(trusting.list_algorithms())
    with pytest.raises(RoundError) as caught:
        start_from_last_year(trusting, last.id, ROUND)
    assert caught.value.code == "already-started" and first.id in caught.value.text("nl")
    with pytest.raises(RoundError) as caught:
        start_from_last_year(trusting, first.id, ROUND)
    assert caught.value.code == "same-round"
    # the database refuses a second start even when the check above is bypassed (two windows at once)
    carry = trusting.carry_over(first.id)
    with pytest.raises(AlreadyStarted):
        trusting.start_from(last.id, round_name=ROUND, answers=[], carry=carry, conclusion=None, conclusion_ref=None,
                            category=None, current_form=None, current_question=None)
    # an answer that does not fit refuses the whole start: no algorithm, no answer, no link is left behind
    trusting.delete_algorithm(first.id)
    with pytest.raises(ValueError):
        trusting.start_from(last.id, round_name=ROUND, answers=[(form, "q0", ["zz"])], carry=carry, conclusion=None,
                            conclusion_ref=None, category=None, current_form=None, current_question=None)
    assert len(trusting.list_algorithms(include_deleted=True)) == count
    trusting.delete_algorithm(last.id)
    with pytest.raises(RoundError) as caught:
        start_from_last_year(trusting, last.id, ROUND)
    assert caught.value.code == "deleted"


def test_an_older_owner_database_gets_the_round_tables_after_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "owner.sqlite3"
    older_owner_db(db, "0001", "11111111-1111-4111-8111-111111111111")
    assert sql_rows(db, "PRAGMA user_version") == [(1,)]
    with open_owner_db(db) as repo:
        assert [a.name for a in repo.list_algorithms()] == ["Oud"]
        assert repo.installed_rounds() == [] and repo.cdo_keys() == []
        assert repo.carry_over("11111111-1111-4111-8111-111111111111") is None
    assert sql_rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    backups = list(tmp_path.glob("owner.backup-0001-*.sqlite3"))
    assert len(backups) == 1 and sql_rows(backups[0], "SELECT name FROM algorithms") == [("Oud",)]
    assert {"rounds", "cdo_keys", "carry_overs"} <= table_names(db)


def test_a_new_ai_act_version_in_the_round_is_used_for_answers_and_export(
        tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer, owner_signer: Ed25519Signer, ai_act: Form) -> None:
    old_text = config.form_path("ai-act").joinpath("form.yaml").read_text("utf-8")
    new_text = old_text.replace(f"version: '{ai_act.version}'", "version: '2027.1'", 1)
    assert new_text != old_text
    mapping = map_text(ai_act.version, "2027.1", ai_act.content_hash, sha_of(tmp_path, new_text), form_id="ai-act")
    open_bundle(trusting, make_bundle(cdo_signer, tmp_path / "b", forms=[new_text], previous=[old_text],
                                      maps=[("ai-act-2027.yaml", mapping)]))
    path = next(p for p in explore(ai_act).paths if p.end_kind == "conclusion")
    last = _last_year(trusting, ai_act, path.steps)
    started = start_from_last_year(trusting, last.id, ROUND)
    assert started.review == () and started.carry.forms[0].how == "migrated"
    new_id = started.algorithm.id
    stored = trusting.answers(new_id, "ai-act")
    assert {a.form_version for a in stored.values()} == {"2027.1"}
    for qid, answers in path.steps:
        trusting.save_answer(new_id, started.forms[0].form, qid, answers, status="confirmed")
    # the caller hands in the app's own version (as `export package` does); the round's version is used
    done = export_algorithm(trusting, new_id, owner_signer, tmp_path / "out", form=ai_act)
    manifest = json.loads(zipfile.ZipFile(done.path).read("manifest.json"))
    versions = {f["id"]: f["version"] for f in manifest["forms"]}
    assert versions["ai-act"] == "2027.1"
