"""migrate() on two small form versions: every kind of rule, recomputed outcome, review reasons, no input change."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from algoinventaris.formengine.migration import (
    AnswersError,
    MigrationResult,
    Migrator,
    load_map,
    migrate,
    migrate_chain,
)
from algoinventaris.formengine.model import Form
from tests.migration.conftest import write_map
from tests.migration.demo_forms import BOUGHT, BUILT, NEW, OLD, demo_map_text, write_demo_forms


@pytest.fixture
def demo(tmp_path: Path) -> tuple[Form, Form]:
    return write_demo_forms(tmp_path)


IMPACT_REVIEW = "  - from: impact\n    removed: review\n"
IMPACT_DROP = "  - from: impact\n    removed: drop\n"


def run(tmp_path: Path, demo: tuple[Form, Form], stored: dict[str, list[str]], extra: str = "",
        drop_impact: bool = False) -> MigrationResult:
    old, new = demo
    text = demo_map_text(old, new, extra)
    if drop_impact:
        text = text.replace(IMPACT_REVIEW, IMPACT_DROP)
    mapping = load_map(write_map(tmp_path, text))
    before = copy.deepcopy(stored)
    result = migrate(old, new, mapping, stored)
    assert stored == before, "migrate must never modify the answers it is given"
    return result


def by_old(result: MigrationResult) -> dict[str, tuple[str, str | None, tuple[str, ...]]]:
    return {o.old_question: (o.status, o.new_question, o.new_answers) for o in result.outcomes}


def kinds(result: MigrationResult) -> set[tuple[str, str | None]]:
    return {(item.kind, item.question) for item in result.review}


def test_every_kind_of_rule_on_one_answer_set(tmp_path: Path, demo: tuple[Form, Form]) -> None:
    result = run(tmp_path, demo, BUILT)
    assert by_old(result) == {
        "kind": ("carried", "kind", ("ai",)),
        "role": ("carried", "actor", ("build",)),             # renamed question, same answer: carried
        "impact": ("needs_review", None, ()),                  # removed, the owner must look
        "data": ("mapped", "data", ("personal", "sensitive")),  # renamed answer
        "legacy": ("dropped", None, ()),                       # removed and not needed
        "phase": ("mapped", "phase", ("development",)),        # value mapped
        "name": ("carried", "name", ("Alg",)),
    }
    assert [o.old_question for o in result.carried] == ["kind", "role", "name"]
    assert [o.old_question for o in result.dropped] == ["legacy"]
    # The new form asks 'open' after 'name' for providers: declared new, with a preview of each answer.
    assert result.next_question == "open"
    assert result.new_conclusion is None
    new_item = next(i for i in result.review if i.kind == "new_question")
    assert new_item.question == "open"
    assert "de vraag naar open source is nieuw" in new_item.message
    assert new_item.options == (("yes", "c-open"), ("no", "c-prov"))
    # The old conclusion c-prov (2) no longer stands: flagged, never silently replaced.
    assert result.conclusion_changed
    assert result.old_conclusion is not None and result.old_conclusion.id == "c-prov"
    change = next(i for i in result.review if i.kind == "conclusion_changed")
    assert change.message.startswith("conclusie gewijzigd van c-prov (2) naar: nog geen conclusie")
    assert "met yes wordt het c-open (5), met no wordt het c-prov (2)" in change.message
    assert change.text("en").startswith("conclusion changed from c-prov (2)")
    removed = next(i for i in result.review if i.kind == "removed")
    assert removed.old_question == "impact" and removed.old_answers == ("high",)
    assert "de impact wordt nu elders gevraagd" in removed.message
    assert "impact is now asked elsewhere" in removed.text("en")
    assert result.flagged_questions == {"impact", "open"}
    assert result.answers == {"kind": ("ai",), "actor": ("build",), "data": ("personal", "sensitive"),
                              "phase": ("development",), "name": ("Alg",)}
    assert result.prefilled == set()
    assert [n.about for n in result.notes] == ["question data"]


def test_clean_migration_keeps_the_conclusion(tmp_path: Path, demo: tuple[Form, Form]) -> None:
    result = run(tmp_path, demo, BOUGHT, drop_impact=True)
    assert result.old_conclusion is not None and result.old_conclusion.id == "c-dep"
    assert not result.needs_review
    assert not result.conclusion_changed
    assert result.new_conclusion is not None and result.new_conclusion.id == "c-dep"
    assert by_old(result)["role"] == ("mapped", "actor", ("use",))
    assert by_old(result)["kind"] == ("mapped", "kind", ("rules",))
    assert result.state is not None and result.state.decision.labels == ["deployer"]


def test_split_needs_a_person_to_choose(tmp_path: Path, demo: tuple[Form, Form]) -> None:
    result = run(tmp_path, demo, {**BOUGHT, "data": ["none"]})
    split = next(i for i in result.review if i.kind == "split")
    assert split.question == "data"
    assert split.choices == ("anonymous", "aggregated")
    assert "kies de nieuwe soort" in split.message
    assert "data" not in result.answers
    # The walk now stops at 'data'; it is already flagged, so no second 'new question' item for it.
    assert result.next_question == "data"
    assert not any(i.kind == "new_question" for i in result.review)
    assert result.conclusion_changed


def test_partly_mapped_multiple_choice_is_proposed_not_confirmed(tmp_path: Path, demo: tuple[Form, Form]) -> None:
    result = run(tmp_path, demo, {**BOUGHT, "data": ["personal", "none"]})
    assert by_old(result)["data"] == ("needs_review", "data", ("personal",))
    assert result.answers["data"] == ("personal",)
    assert "data" in result.prefilled


def test_value_that_fails_the_new_checks_is_kept_and_flagged(tmp_path: Path, demo: tuple[Form, Form]) -> None:
    result = run(tmp_path, demo, {**BOUGHT, "name": ["A much longer name"]})
    invalid = next(i for i in result.review if i.kind == "invalid_value")
    assert invalid.question == "name"
    assert "Naam" in invalid.message and "10" in invalid.message
    assert "Name" in invalid.text("en")
    assert result.answers["name"] == ("A much longer name",)  # nothing is lost
    assert "name" in result.prefilled
    assert not any(i.kind == "no_longer_fits" for i in result.review)
    assert result.conclusion_changed


def test_value_without_mapping_is_flagged(tmp_path: Path, demo: tuple[Form, Form]) -> None:
    result = run(tmp_path, demo, {**BOUGHT, "phase": ["paused"]})
    item = next(i for i in result.review if i.question == "phase")
    assert item.kind == "invalid_value"
    assert "phase" in result.prefilled


def test_meaning_changed_per_the_map_is_proposed_for_review(tmp_path: Path, demo: tuple[Form, Form]) -> None:
    old, new = demo
    text = demo_map_text(old, new).replace(
        "  - from: kind\n    answers: {tool: rules}\n",
        "  - from: kind\n    answers: {tool: rules}\n    review: {nl: AI is nu ruimer omschreven, en: AI is defined more broadly}\n")
    result = migrate(old, new, load_map(write_map(tmp_path, text)), BOUGHT)
    item = next(i for i in result.review if i.kind == "meaning_changed")
    assert item.question == "kind"
    assert item.proposed == ("rules",)
    assert "AI is nu ruimer omschreven" in item.message
    assert result.answers["kind"] == ("rules",) and "kind" in result.prefilled


def test_unmapped_answer_is_flagged(tmp_path: Path, demo: tuple[Form, Form]) -> None:
    old, new = demo
    text = demo_map_text(old, new).replace("answers: {tool: rules}", "answers: {tool: null}")
    result = migrate(old, new, load_map(write_map(tmp_path, text)), BOUGHT)
    item = next(i for i in result.review if i.kind == "unmapped")
    assert item.question == "kind" and item.old_answers == ("tool",)
    assert "geen tegenhanger" in item.message
    assert "kind" not in result.answers
    assert result.next_question == "kind"


@pytest.mark.parametrize(("extra", "changed", "kind"), [
    ("  - from: c-dep\n    review: {nl: de plichten zijn anders, en: the duties differ}\n", False, "conclusion_review"),
    ("  - from: c-dep\n    to: c-prov\n", True, "conclusion_changed"),
    ("  - from: c-dep\n    removed: true\n", True, "conclusion_changed"),
])
def test_conclusion_map_decides_what_counts_as_changed(tmp_path: Path, demo: tuple[Form, Form],
                                                       extra: str, changed: bool, kind: str) -> None:
    result = run(tmp_path, demo, BOUGHT, extra, drop_impact=True)
    assert result.old_conclusion is not None and result.old_conclusion.id == "c-dep"
    assert result.conclusion_changed is changed
    assert [i.kind for i in result.review] == [kind]
    if changed:
        assert result.review[0].message == "conclusie gewijzigd van c-dep (3) naar c-dep (3)"


def test_owner_half_way_is_not_told_the_next_question_is_new(tmp_path: Path, demo: tuple[Form, Form]) -> None:
    result = run(tmp_path, demo, {"kind": ["ai"], "role": ["build"]})
    assert result.next_question == "data"
    assert not result.needs_review
    assert result.old_conclusion is None and not result.conclusion_changed


def test_answers_that_do_not_fit_the_old_form_are_refused(tmp_path: Path, demo: tuple[Form, Form]) -> None:
    old, new = demo
    migrator = Migrator(old, new, load_map(write_map(tmp_path, demo_map_text(old, new))))
    cases: list[tuple[object, str]] = [
        ({"nope": ["a"]}, "question 'nope'"),
        ({"kind": ["maybe"]}, "no answer 'maybe'"),
        ({"kind": ["ai", "tool"]}, "takes one answer"),
        ({"data": ["personal", "personal"]}, "stored twice"),
        ({"kind": "ai"}, "must be a list"),
        ({"kind": [1]}, "must be texts"),
        ({"name": ["a", "b"]}, "holds one value"),
        (["kind"], "must be a mapping"),
    ]
    for stored, expected in cases:
        before = copy.deepcopy(stored)
        with pytest.raises(AnswersError, match=expected):
            migrator.migrate(stored)  # type: ignore[arg-type]
        assert stored == before


def merge_forms(tmp_path: Path) -> tuple[Form, Form]:
    """The demo forms without the old 'none' data answer (so the map need not split it)."""
    return write_demo_forms(tmp_path, OLD.replace("      - {id: none, text: {nl: Geen, en: None}}\n", ""), NEW)


def merge_map(old: Form, new: Form, impact_rule: str) -> str:
    return demo_map_text(old, new).replace(
        "      none: {choose: [anonymous, aggregated], review: {nl: kies de nieuwe soort, en: choose the new kind}}\n", ""
    ).replace(IMPACT_REVIEW + "    reason: {nl: de impact wordt nu elders gevraagd, en: impact is now asked elsewhere}\n",
              impact_rule)


def test_two_questions_merged_into_one_multiple_choice(tmp_path: Path) -> None:
    old, new = merge_forms(tmp_path)
    mapping = load_map(write_map(tmp_path, merge_map(
        old, new, "  - from: impact\n    to: data\n    answers: {high: sensitive, low: anonymous}\n")))
    migrator = Migrator(old, new, mapping)
    result = migrator.migrate(BUILT)
    assert result.answers["data"] == ("personal", "sensitive")  # united, each once, in the new form's order
    assert by_old(result)["impact"] == ("mapped", "data", ("sensitive",))
    assert not any(i.question == "data" for i in result.review)
    result = migrator.migrate({**BUILT, "impact": ["low"]})
    assert result.answers["data"] == ("personal", "sensitive", "anonymous")


def test_two_questions_merged_into_one_single_choice(tmp_path: Path) -> None:
    old, new = merge_forms(tmp_path)
    text = merge_map(old, new, "  - from: impact\n    to: open\n    answers: {high: \"yes\", low: \"no\"}\n")
    text = text.replace("  - from: legacy\n    removed: drop\n    reason: {nl: niet meer nodig, en: no longer needed}\n",
                        "  - from: legacy\n    to: open\n")
    migrator = Migrator(old, new, load_map(write_map(tmp_path, text)))
    agree = migrator.migrate(BUILT)  # impact high -> yes, legacy yes -> yes
    assert agree.answers["open"] == ("yes",)
    assert agree.new_conclusion is not None and agree.new_conclusion.id == "c-open"
    differ = migrator.migrate({**BUILT, "impact": ["low"]})  # no versus yes: a person must choose
    item = next(i for i in differ.review if i.question == "open")
    assert item.kind == "split" and set(item.choices) == {"yes", "no"}
    assert "open" not in differ.answers
    assert by_old(differ)["impact"][0] == "needs_review" and by_old(differ)["legacy"][0] == "needs_review"


def test_chain_of_one_equals_migrate(tmp_path: Path, demo: tuple[Form, Form]) -> None:
    old, new = demo
    migrator = Migrator(old, new, load_map(write_map(tmp_path, demo_map_text(old, new))))
    single, chained = migrator.migrate(BUILT), migrate_chain([migrator], BUILT)
    assert single.to_json() == chained.to_json()
    with pytest.raises(Exception, match="at least one map"):
        migrate_chain([], BUILT)
    with pytest.raises(Exception, match="chain is broken"):
        migrate_chain([migrator, migrator], BUILT)


def test_report_json_is_complete(tmp_path: Path, demo: tuple[Form, Form]) -> None:
    data = run(tmp_path, demo, BUILT).to_json("en")
    assert data["status"] == "needs_review"
    assert data["counts"] == {"carried": 3, "mapped": 2, "needs_review": 1, "dropped": 1}
    assert data["old_conclusion"] == {"id": "c-prov", "ref": "2"}
    assert data["new_conclusion"] is None
    assert data["conclusion_changed"] is True
    assert data["from"]["version"] == "1" and data["to"]["version"] == "2"
    assert data["old_facts"] == {} and data["new_facts"] == {}  # the demo labels carry no facts
    assert {r["kind"] for r in data["review"]} == {"removed", "new_question", "conclusion_changed"}
    assert any(r["reason"].startswith("conclusion changed from") for r in data["review"])


def test_split_into_several_and_confirmed_mapping(tmp_path: Path, demo: tuple[Form, Form]) -> None:
    """An answer split into all of several answers (multiple choice), and a mapped answer the owner must confirm."""
    old, new = demo
    text = demo_map_text(old, new).replace(
        "      special: sensitive\n", "      special: [sensitive, personal]\n"
    ).replace("answers: {buy: use}", "answers: {buy: {to: use, review: {nl: gebruiken is ruimer, en: use is broader}}}")
    result = migrate(old, new, load_map(write_map(tmp_path, text)), {**BOUGHT, "data": ["special"]})
    assert by_old(result)["data"] == ("mapped", "data", ("sensitive", "personal"))
    assert result.answers["data"] == ("sensitive", "personal")
    item = next(i for i in result.review if i.question == "actor")
    assert item.kind == "meaning_changed" and item.proposed == ("use",)
    assert "gebruiken is ruimer" in item.message and "use is broader" in item.text("en")
    assert by_old(result)["role"] == ("needs_review", "actor", ("use",))
    assert result.answers["actor"] == ("use",) and result.prefilled == {"actor"}
