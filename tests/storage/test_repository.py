"""Tests of the owner repository: round trips, soft delete and restore, answers with form identity, set-aside answers."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from algoinventaris import config
from algoinventaris.formengine.model import Form
from algoinventaris.formengine.session import resolve
from algoinventaris.storage import NotFound, OwnerRepository, StorageError, open_owner_db
from tests.storage.helpers import sql_rows, write_chain_form


def test_default_location_is_the_data_folder_and_can_be_moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = open_owner_db()
    try:
        assert repo.path == config.data_dir() / "owner.sqlite3"
        assert repo.path.exists()
    finally:
        repo.close()
    monkeypatch.setenv("ALGOINVENTARIS_DB", str(tmp_path / "elders" / "mijn.sqlite3"))
    moved = open_owner_db()
    try:
        assert moved.path == tmp_path / "elders" / "mijn.sqlite3"  # the folder is created
    finally:
        moved.close()


def test_create_get_list_round_trip(repo: OwnerRepository) -> None:
    before = datetime.now(UTC)
    a = repo.create_algorithm("  Parkeer\tvergunningen ", "Gemeente Voorbeeld", "Parkeren", "Inventarisatie 2026")
    assert a.name == "Parkeer vergunningen"  # white space tidied
    assert (a.organisation, a.unit, a.round, a.state) == ("Gemeente Voorbeeld", "Parkeren", "Inventarisatie 2026", "draft")
    assert a.created_at.tzinfo is not None and a.created_at.utcoffset() == timedelta(0)
    assert before <= a.created_at == a.updated_at <= datetime.now(UTC)
    assert a.current_question is a.current_form is a.conclusion is a.conclusion_ref is a.category is a.deleted_at is None
    assert repo.get_algorithm(a.id) == a
    b = repo.create_algorithm("Bijstand", "Gemeente Voorbeeld", "Sociaal", "Inventarisatie 2026")
    assert [x.id for x in repo.list_algorithms()] == [b.id, a.id]  # newest change first
    time.sleep(0.002)
    changed = repo.update_algorithm(a.id, unit="Mobiliteit", current_question="q2", current_form="chain", category="B")
    assert changed.unit == "Mobiliteit" and changed.category == "B" and changed.updated_at > a.updated_at
    assert [x.id for x in repo.list_algorithms()] == [a.id, b.id]
    assert repo.get_algorithm(a.id) == changed


def test_bad_values_are_refused_and_nothing_is_written(repo: OwnerRepository) -> None:
    a = repo.create_algorithm("A", "O", "U", "R")
    for fields, words in [
        ({"name": "   "}, "name may not be empty"),
        ({"state": "klaar"}, "state must be one of"),
        ({"category": "D"}, "category must be one of"),
        ({"colour": "red"}, "cannot update colour"),
        ({"name": "x" * 501}, "longer than 500"),
    ]:
        with pytest.raises(ValueError, match=words):
            repo.update_algorithm(a.id, **fields)
    with pytest.raises(ValueError, match="organisation may not be empty"):
        repo.create_algorithm("B", "", "U", "R")
    assert repo.get_algorithm(a.id) == a
    assert len(repo.list_algorithms()) == 1


def test_unknown_ids_raise_not_found_naming_the_file(repo: OwnerRepository, form: Form) -> None:
    for call in (
        lambda: repo.get_algorithm("nope"),
        lambda: repo.update_algorithm("nope", name="x"),
        lambda: repo.delete_algorithm("nope"),
        lambda: repo.restore_algorithm("nope"),
        lambda: repo.save_answer("nope", form, "q0", ["a"]),
        lambda: repo.answers("nope", form.id),
        lambda: repo.set_outcome("nope", None, None),
    ):
        with pytest.raises(NotFound) as caught:
            call()
        assert "'nope'" in str(caught.value) and str(repo.path) in str(caught.value)
        assert isinstance(caught.value, StorageError)


def test_soft_delete_and_restore(repo: OwnerRepository, form: Form) -> None:
    a = repo.create_algorithm("A", "O", "U", "R")
    b = repo.create_algorithm("B", "O", "U", "R")
    repo.save_answer(a.id, form, "q0", ["b"], current_question="q1")
    repo.delete_algorithm(a.id)
    assert [x.id for x in repo.list_algorithms()] == [b.id]
    deleted = repo.get_algorithm(a.id)
    assert deleted.deleted_at is not None and deleted.deleted
    assert {x.id for x in repo.list_algorithms(include_deleted=True)} == {a.id, b.id}
    first_deletion = deleted.deleted_at
    repo.delete_algorithm(a.id)  # deleting twice keeps the first time
    assert repo.get_algorithm(a.id).deleted_at == first_deletion
    assert sql_rows(repo.path, "SELECT count(*) FROM answers") == [(1,)]  # the answers stay
    repo.restore_algorithm(a.id)
    restored = repo.get_algorithm(a.id)
    assert restored.deleted_at is None
    assert {x.id for x in repo.list_algorithms()} == {a.id, b.id}
    assert repo.answers(a.id, form.id)["q0"].answers == ("b",)


def test_save_answer_upserts_in_one_row_with_form_identity(repo: OwnerRepository, form: Form, forms_dir: Path) -> None:
    a = repo.create_algorithm("A", "O", "U", "R")
    first = repo.save_answer(a.id, form, "q0", ["a"], current_question="q1")
    assert (first.form_id, first.form_version, first.form_hash) == ("chain", "1", form.content_hash)
    assert len(form.content_hash) == 64
    alg = repo.get_algorithm(a.id)
    assert (alg.current_form, alg.current_question, alg.updated_at) == ("chain", "q1", first.updated_at)
    # A new version of the form: answering again replaces the row and records the new identity.
    newer = write_chain_form(forms_dir / "v2", 6, version="2")
    assert newer.content_hash != form.content_hash
    second = repo.save_answer(a.id, newer, "q0", ["c"], current_question=None)
    stored = repo.answers(a.id, "chain")
    assert list(stored) == ["q0"]
    assert stored["q0"] == second
    assert (stored["q0"].answers, stored["q0"].form_version, stored["q0"].form_hash) == (("c",), "2", newer.content_hash)
    assert repo.get_algorithm(a.id).current_question is None  # None: the owner is at the summary
    assert sql_rows(repo.path, "SELECT form_version, form_hash, answers_json FROM answers") == [("2", newer.content_hash, '["c"]')]


def test_save_answer_refuses_answers_that_do_not_fit(repo: OwnerRepository, form: Form) -> None:
    a = repo.create_algorithm("A", "O", "U", "R")
    for question, answers, words in [
        ("q0", ["d"], "no answer 'd'"),
        ("q0", [], "needs an answer"),
        ("q0", ["a", "b"], "exactly one answer"),
        ("q99", ["a"], "has no question 'q99'"),
        ("q0", "a", "not a single string"),
    ]:
        with pytest.raises(ValueError, match=words):
            repo.save_answer(a.id, form, question, answers)
    with pytest.raises(ValueError, match="status must be one of"):
        repo.save_answer(a.id, form, "q0", ["a"], status="maybe")
    assert repo.answers(a.id, form.id) == {}
    assert repo.get_algorithm(a.id) == a


def test_set_aside_answers_are_kept_until_discarded(repo: OwnerRepository, form: Form) -> None:
    a = repo.create_algorithm("A", "O", "U", "R")
    for i in range(4):
        repo.save_answer(a.id, form, f"q{i}", ["a"], current_question=f"q{i + 1}")
    repo.save_answer(a.id, form, "q5", ["b"], status="prefilled")
    assert resolve(form, {q: s.answers for q, s in repo.answers(a.id, form.id).items()}).set_aside == ["q5"]
    repo.mark_set_aside(a.id, form.id, ["q2", "q3"])
    statuses = {q: s.status for q, s in repo.answers(a.id, form.id).items()}
    assert statuses == {"q0": "confirmed", "q1": "confirmed", "q2": "set_aside", "q3": "set_aside", "q5": "prefilled"}
    repo.mark_set_aside(a.id, form.id, ["q5"])  # adds to the set-aside answers, leaves the others
    assert {q for q, s in repo.answers(a.id, form.id).items() if s.status == "set_aside"} == {"q2", "q3", "q5"}
    # An answer on the path again is saved again as confirmed.
    repo.save_answer(a.id, form, "q2", ["a"], current_question="q3")
    assert repo.answers(a.id, form.id)["q2"].status == "confirmed"
    assert repo.discard_set_aside(a.id, "other-form") == 0
    assert repo.discard_set_aside(a.id, form.id) == 2
    assert sorted(repo.answers(a.id, form.id)) == ["q0", "q1", "q2"]
    assert repo.discard_set_aside(a.id, form.id) == 0


def test_set_outcome_records_conclusion_state_and_category(repo: OwnerRepository) -> None:
    a = repo.create_algorithm("A", "O", "U", "R")
    done = repo.set_outcome(a.id, "end", "9.9", state="complete", category="A")
    assert (done.conclusion, done.conclusion_ref, done.state, done.category) == ("end", "9.9", "complete", "A")
    reopened = repo.set_outcome(a.id, None, None, state="draft")
    assert (reopened.conclusion, reopened.conclusion_ref, reopened.state, reopened.category) == (None, None, "draft", "A")
    with pytest.raises(ValueError):
        repo.set_outcome(a.id, "end", "9.9", state="finished")
    assert repo.get_algorithm(a.id) == reopened


def test_answers_are_kept_per_form(repo: OwnerRepository, form: Form, forms_dir: Path) -> None:
    other = write_chain_form(forms_dir, 3, form_id="second")
    a = repo.create_algorithm("A", "O", "U", "R")
    repo.save_answer(a.id, form, "q0", ["a"])
    repo.save_answer(a.id, other, "q0", ["c"])
    assert repo.answers(a.id, "chain")["q0"].answers == ("a",)
    assert repo.answers(a.id, "second")["q0"].answers == ("c",)
    assert [s.form_id for s in repo.all_answers(a.id)] == ["chain", "second"]
    assert repo.get_algorithm(a.id).current_form == "second"


def test_purge_removes_only_old_deletions_with_their_answers(repo: OwnerRepository, form: Form) -> None:
    a = repo.create_algorithm("A", "O", "U", "R")
    b = repo.create_algorithm("B", "O", "U", "R")
    repo.save_answer(a.id, form, "q0", ["a"])
    repo.delete_algorithm(a.id)
    assert repo.purge_deleted(datetime.now(UTC) - timedelta(days=1)) == 0
    assert repo.purge_deleted(datetime.now(UTC) + timedelta(seconds=1)) == 1
    assert [x.id for x in repo.list_algorithms(include_deleted=True)] == [b.id]
    assert sql_rows(repo.path, "SELECT count(*) FROM answers") == [(0,)]  # the foreign key cascades


def test_data_survives_closing_and_reopening(tmp_path: Path, form: Form) -> None:
    path = tmp_path / "keep.sqlite3"
    with open_owner_db(path) as repo:
        a = repo.create_algorithm("Één algoritme — ü", "O", "U", "R")
        saved = repo.save_answer(a.id, form, "q0", ["b"], current_question="q1")
    with pytest.raises(StorageError, match="closed"):
        repo.list_algorithms()
    with open_owner_db(path) as again:
        assert again.get_algorithm(a.id).name == "Één algoritme — ü"
        assert again.answers(a.id, form.id) == {"q0": saved}
        assert again.integrity_problems() == []
