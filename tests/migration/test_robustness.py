"""Random and broken input: migrate gives a result or our own FormEngineError, never another exception."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from algoinventaris.formengine.errors import FormEngineError
from algoinventaris.formengine.migration import MigrationResult, Migrator, load_map, migrate_chain, replay
from algoinventaris.formengine.model import Form
from algoinventaris.formengine.paths import WalkedPath
from algoinventaris.formengine.session import SessionState, resolve
from tests.migration.conftest import stored_of, write_map
from tests.migration.demo_forms import demo_map_text, write_demo_forms

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
QUESTION_IDS = ["q1.1", "q1.2", "q1.3", "q1.4.1", "q1.4.2", "q1.5", "q1.6", "q1.7", "q1.8.1", "q2.1", "q2.2",
                "q2.4", "q2.9", "q2.11"]
ANSWER_IDS = ["a0", "a1", "a2", "a4", "a5", "a8"]
junk_text = st.text(min_size=0, max_size=6)
answer_list = st.lists(st.one_of(st.sampled_from(ANSWER_IDS), junk_text), max_size=3)
answer_value = st.one_of(answer_list, answer_list, junk_text, st.integers(), st.none(), st.lists(st.integers(), max_size=2))
answer_dicts = st.dictionaries(st.one_of(st.sampled_from(QUESTION_IDS), junk_text), answer_value, max_size=10)
valid_dicts = st.dictionaries(st.sampled_from(QUESTION_IDS), st.lists(st.sampled_from(ANSWER_IDS), min_size=1, max_size=1),
                              max_size=14)


def same_state(a: SessionState, b: SessionState) -> bool:
    da, db = a.decision, b.decision
    return (
        (da.conclusion.id if da.conclusion else None) == (db.conclusion.id if db.conclusion else None)
        and (da.next_question.id if da.next_question else None) == (db.next_question.id if db.next_question else None)
        and da.labels == db.labels and a.on_path == b.on_path and a.set_aside == b.set_aside and a.problem == b.problem
        and [(t.question, t.answers, t.rule_index) for t in da.path] == [(t.question, t.answers, t.rule_index) for t in db.path]
    )


def check_result(result: MigrationResult, new_form: Form) -> None:
    """Invariants of every result: reasons in both languages, answers on the new form, no silent change."""
    for item in result.review:
        assert item.reason.get("nl") and item.reason.get("en")
    for qid in result.answers:
        assert new_form.question(qid) is not None
    assert result.prefilled <= set(result.answers)
    if result.conclusion_changed:
        assert any(i.kind == "conclusion_changed" and "conclusie gewijzigd" in i.message for i in result.review)
    result.to_json()


@SETTINGS
@given(stored=answer_dicts)
def test_random_answers_give_a_result_or_our_own_error(migrator_2025: Migrator, stored: dict[Any, Any]) -> None:
    before = copy.deepcopy(stored)
    try:
        result = migrator_2025.migrate(stored)
    except FormEngineError:
        pass
    else:
        check_result(result, migrator_2025.new)
    assert stored == before


@SETTINGS
@given(stored=valid_dicts)
def test_random_valid_ids_migrate_and_replay_like_resolve(migrator_2025: Migrator, migrator_2026: Migrator,
                                                          stored: dict[str, list[str]]) -> None:
    old = migrator_2025.old
    stored = {q: a for q, a in stored.items() if old.question_map[q].answer(a[0]) is not None}
    assert same_state(replay(old, stored), resolve(old, stored))
    check_result(migrator_2025.migrate(stored), migrator_2025.new)
    check_result(migrate_chain([migrator_2025, migrator_2026], stored), migrator_2026.new)


def test_replay_equals_session_resolve(trees: dict[str, Form], tree_paths: dict[str, list[WalkedPath]]) -> None:
    """replay() is the one-pass form of session.resolve: same state on complete, partial, gapped and stale answers."""
    checked = 0
    for name, form in trees.items():
        for path in tree_paths[name][::9]:
            full = stored_of(path)
            keys = list(full)
            variants = [full, dict(list(full.items())[:-1])]
            if len(keys) > 2:
                variants.append({k: v for k, v in full.items() if k != keys[1]})  # a gap: the walk stops there
                stale = dict(full)
                q = form.question_map[keys[1]]
                other = next(a.id for a in q.answers if [a.id] != full[keys[1]])
                stale[keys[1]] = [other]  # an earlier answer changed: later ones may be set aside
                variants.append(stale)
            for stored in variants:
                assert same_state(replay(form, stored), resolve(form, stored)), (name, stored)
                checked += 1
    assert checked > 1000


@pytest.fixture(scope="module")
def demo_migrator(tmp_path_factory: pytest.TempPathFactory) -> Migrator:
    folder = tmp_path_factory.mktemp("demo")
    old, new = write_demo_forms(folder)
    return Migrator(old, new, load_map(write_map(folder, demo_map_text(old, new))))


DEMO_KEYS = ["kind", "role", "impact", "data", "legacy", "phase", "name"]
DEMO_IDS = ["ai", "tool", "none", "build", "buy", "both", "high", "low", "personal", "special", "yes", "no", "dev", "live"]
demo_dicts = st.dictionaries(
    st.sampled_from(DEMO_KEYS),
    st.lists(st.one_of(st.sampled_from(DEMO_IDS), st.text(max_size=40)), min_size=1, max_size=3),
    max_size=7,
)


@SETTINGS
@given(stored=demo_dicts)
def test_random_values_and_choices_on_the_demo_forms(demo_migrator: Migrator, stored: dict[str, list[str]]) -> None:
    before = copy.deepcopy(stored)
    try:
        result = demo_migrator.migrate(stored)
    except FormEngineError:
        pass
    else:
        check_result(result, demo_migrator.new)
    assert stored == before
