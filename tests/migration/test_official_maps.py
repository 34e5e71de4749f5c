"""The real maps between the three official beslishulp trees, checked on every path of each tree.

What the maps must do is written down here from the comparison of the trees (see the header of each
map file), independently of the map files themselves:

2026-01-06 -> current: same questions, answers, labels and routing; only texts changed. Every answer
is carried over, nothing needs review, and every path keeps its conclusion.

2025-01-22 -> 2026-01-06:
- questions 1.6 and 1.7 (impact, register exception) were removed: an answer to them needs review;
- questions 1.8.1-1.8.3 became 1.6.1-1.6.3 with the same answers: carried over;
- in question 1.2 answers 4 and 5 swapped places (same roles): mapped;
- conclusions renumbered: 11.6 -> 11.3, and 11.3, 11.4, 11.5 -> 11.1;
- question 2.11 (open source) is now also asked for AI systems that are not high-risk: on a 2025 path
  where the owner, as provider or deployer, answered 2.4 "no" (not in annex III) or 2.6 "yes" (an
  exception applies), the new tree stops at 2.11, which must be flagged; the conclusion is then open and
  must be flagged as changed;
- question 2.2 "yes" no longer makes the system high-risk by itself, so such a path can no longer reach
  its old high-risk conclusion.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from algoinventaris.formengine.migration import (
    MapValidationError,
    MigrationMap,
    Migrator,
    check_map,
    load_map,
    migrate,
    migrate_chain,
)
from algoinventaris.formengine.model import Form
from algoinventaris.formengine.paths import WalkedPath
from tests.migration.conftest import MAP_2025_2026, MAP_2026_CURRENT, stored_of, write_map

RENUMBERED = {"11.6": "11.3", "11.3": "11.1", "11.4": "11.1", "11.5": "11.1"}
ROLES_ASKED_OPEN_SOURCE = {"aanbieder", "gebruiksverantwoordelijke"}
HIGH_RISK_VARIANT = {"1": "3", "2": "4"}  # x.y.1 (with transparency) -> x.y.3, x.y.2 -> x.y.4


def expected_flags(path: WalkedPath) -> set[str]:
    """The questions a 2025 path must have flagged after migration to 2026, from the documented changes."""
    steps = dict(path.steps)
    flags = {q for q in ("q1.6", "q1.7") if q in steps}
    not_high_risk = steps.get("q2.4") == ("a1",) or steps.get("q2.6") == ("a0",)
    if not_high_risk and ROLES_ASKED_OPEN_SOURCE & set(path.labels):
        flags.add("q2.11")
    return flags


def test_real_maps_fit_their_trees_without_errors_or_warnings(
        trees: dict[str, Form], map_2025_2026: MigrationMap, map_2026_current: MigrationMap) -> None:
    for mapping, old, new in ((map_2025_2026, "2025-01-22", "2026-01-06"), (map_2026_current, "2026-01-06", "current")):
        report = check_map(mapping, trees[old], trees[new])
        assert report.findings == [], report.render()
        # identified by the official files' SHA-256, as recorded by the importer
        assert mapping.source.sha256 == trees[old].origin["sha256"]
        assert mapping.target.sha256 == trees[new].origin["sha256"]


def test_2026_to_current_every_path_carries_over_without_review(
        migrator_2026: Migrator, tree_paths: dict[str, list[WalkedPath]]) -> None:
    paths = tree_paths["2026-01-06"]
    assert len(paths) == 3140
    notes = 0
    for path in paths:
        stored = stored_of(path)
        result = migrator_2026.migrate(stored)
        assert result.review == [], (path.steps, result.review)
        assert not result.conclusion_changed
        assert result.old_conclusion is not None and result.new_conclusion is not None
        assert result.old_conclusion.ref == result.new_conclusion.ref == path.end[1:]
        assert {o.status for o in result.outcomes} == {"carried"}
        assert result.answers == {q: tuple(a) for q, a in stored.items()}
        notes += bool(result.notes)
    assert notes > 0  # the wording notes reach the owners whose path they concern


def test_2025_to_2026_review_flags_exactly_where_the_structure_changed(
        migrator_2025: Migrator, trees: dict[str, Form], tree_paths: dict[str, list[WalkedPath]]) -> None:
    paths = tree_paths["2025-01-22"]
    assert len(paths) == 2620
    flagged_paths = open_paths = q22_paths = 0
    for path in paths:
        result = migrator_2025.migrate(stored_of(path))
        expected = expected_flags(path)
        question_flags = {i.question for i in result.review if i.question is not None}
        assert question_flags == expected, (path.steps, result.review)
        flagged_paths += bool(expected)
        old_ref = path.end[1:]
        assert result.old_conclusion is not None and result.old_conclusion.ref == old_ref
        new_ref = result.new_conclusion.ref if result.new_conclusion is not None else None
        changed_items = [i for i in result.review if "conclusie gewijzigd" in i.message]
        # Never a changed conclusion without a flag: the official ref stays, or is the documented renumbering,
        # or the result says "conclusie gewijzigd".
        if new_ref is not None and new_ref in (old_ref, RENUMBERED.get(old_ref, old_ref)):
            assert not result.conclusion_changed and not changed_items
        else:
            assert result.conclusion_changed and result.needs_review and len(changed_items) == 1
        if "q2.11" in expected:
            open_paths += 1
            assert new_ref is None and result.next_question == "q2.11"
            item = next(i for i in result.review if i.kind == "new_question")
            options = {answer: conclusion for answer, conclusion in item.options}
            steps = dict(path.steps)
            if steps.get("q2.2") == ("a0",):
                # 2.2 "yes" made the old conclusion high-risk; the new tree cannot reach it any more.
                q22_paths += 1
                assert f"c{old_ref}" not in options.values()
                prefix, last = old_ref.rsplit(".", 1)
                assert options["a1"] == f"c{prefix}.{HIGH_RISK_VARIANT[last]}"
            else:
                # Not open source: the same conclusion as before.
                assert options["a1"] == f"c{old_ref}"
            # The answers given after the new question wait, set aside, until it is answered.
            assert "q2.9" in result.set_aside
        else:
            assert new_ref == RENUMBERED.get(old_ref, old_ref)
    assert flagged_paths == 192 + 648
    assert open_paths == 648
    assert q22_paths == 324


def test_2025_to_2026_renamed_and_mapped_answers(
        migrator_2025: Migrator, trees: dict[str, Form], tree_paths: dict[str, list[WalkedPath]]) -> None:
    renamed = {"q1.8.1": "q1.6.1", "q1.8.2": "q1.6.2", "q1.8.3": "q1.6.3"}
    seen_rename = seen_swap = 0
    for path in tree_paths["2025-01-22"]:
        steps = dict(path.steps)
        result = migrator_2025.migrate(stored_of(path))
        outcome = {o.old_question: o for o in result.outcomes}
        for old_q, new_q in renamed.items():
            if old_q in steps:
                seen_rename += 1
                assert outcome[old_q].status == "carried" and outcome[old_q].new_question == new_q
                assert result.answers[new_q] == steps[old_q]
        if steps.get("q1.2") in (("a4",), ("a5",)):
            seen_swap += 1
            assert outcome["q1.2"].status == "mapped"
            assert outcome["q1.2"].new_answers == ({"a4": "a5", "a5": "a4"}[steps["q1.2"][0]],)
            # The same roles as before: the answers mean the same.
            old_roles = {lab for lab in path.labels if lab in ("aanbieder", "gebruiksverantwoordelijke")}
            assert result.state is not None
            assert {lab for lab in result.state.decision.labels if lab in old_roles | ROLES_ASKED_OPEN_SOURCE} == old_roles
    assert seen_rename > 0 and seen_swap > 0


def test_chained_2025_to_2026_to_current(
        migrator_2025: Migrator, migrator_2026: Migrator, tree_paths: dict[str, list[WalkedPath]]) -> None:
    for path in tree_paths["2025-01-22"]:
        stored = stored_of(path)
        before = copy.deepcopy(stored)
        one = migrator_2025.migrate(stored)
        chained = migrate_chain([migrator_2025, migrator_2026], stored)
        assert stored == before
        assert chained.flagged_questions == expected_flags(path)
        assert chained.old_conclusion is not None and chained.old_conclusion.ref == path.end[1:]
        assert (chained.new_conclusion.ref if chained.new_conclusion else None) == (
            one.new_conclusion.ref if one.new_conclusion else None)
        assert chained.conclusion_changed == one.conclusion_changed
        assert chained.answers == one.answers
        assert chained.new_form is migrator_2026.new
        assert [(o.old_question, o.status) for o in chained.outcomes] == [(o.old_question, o.status) for o in one.outcomes]


def test_real_map_naming_unknown_ids_is_refused_with_file_and_line(
        tmp_path: Path, trees: dict[str, Form], tree_paths: dict[str, list[WalkedPath]]) -> None:
    text = MAP_2025_2026.read_text(encoding="utf-8")
    lines = text.splitlines()
    stored = stored_of(tree_paths["2025-01-22"][0])
    before = copy.deepcopy(stored)
    cases = [
        ("  - from: q1.8.1\n", "  - from: q1.8.9\n", "question 'q1.8.9' does not exist in the old form"),
        ("    to: q1.6.1\n", "    to: q1.6.9\n", "question 'q1.6.9' does not exist in the new form"),
        ("      a4: a5 ", "      a9: a5 ", "answer 'a9' does not exist in question 'q1.2' of the old form"),
        ("      a5: a4 ", "      a5: a7x ", "answer 'a7x' does not exist in question 'q1.2' of the new form"),
        ("    to: c11.3\n", "    to: c11.9\n", "conclusion 'c11.9' does not exist in the new form"),
        ("  - id: q2.11\n", "  - id: q2.99\n", "new question 'q2.99' does not exist in the new form"),
    ]
    for old, new, message in cases:
        assert text.count(old) == 1, old
        bad = write_map(tmp_path, text.replace(old, new), "bad.yaml")
        line = next(i for i, ln in enumerate(lines, start=1) if ln.startswith(old.rstrip("\n")))
        with pytest.raises(MapValidationError) as info:
            migrate(trees["2025-01-22"], trees["2026-01-06"], load_map(bad), stored)
        assert message in str(info.value)
        assert f"{bad}:{line}" in str(info.value), str(info.value)
        assert stored == before


def test_real_map_leaving_out_a_removed_question_is_refused(tmp_path: Path, trees: dict[str, Form]) -> None:
    text = MAP_2025_2026.read_text(encoding="utf-8")
    start = text.index("  - from: q1.7\n")
    end = text.index("  - from: q1.8.1\n")
    bad = write_map(tmp_path, text[:start] + text[end:], "gap.yaml")
    report = check_map(load_map(bad), trees["2025-01-22"], trees["2026-01-06"])
    assert [f.code for f in report.errors] == ["incomplete"]
    assert "question 'q1.7'" in report.errors[0].message and "does not say what became of it" in report.errors[0].message


def test_map_for_other_forms_is_refused(trees: dict[str, Form], map_2026_current: MigrationMap,
                                        tree_paths: dict[str, list[WalkedPath]]) -> None:
    stored = stored_of(tree_paths["2025-01-22"][0])
    with pytest.raises(MapValidationError) as info:
        migrate(trees["2025-01-22"], trees["2026-01-06"], map_2026_current, stored)
    message = str(info.value)
    assert f"{MAP_2026_CURRENT}:" in message
    assert "does not match the old form" in message and "version is '1.0.0+3273efa99c2e'" in message
    assert "sha256 892f09b5447091d6055ea9bc6b81b9db78db91a8b5818c41ad5fd85a05eded52" in message
    # The right forms, the other way round, are refused too.
    with pytest.raises(MapValidationError, match="does not match the new form"):
        Migrator(trees["2026-01-06"], trees["2025-01-22"], map_2026_current)


def test_unacknowledged_text_change_is_a_warning(tmp_path: Path, trees: dict[str, Form]) -> None:
    text = MAP_2026_CURRENT.read_text(encoding="utf-8")
    start = text.index("  - questions: [q2.1]\n")
    end = text.index("  - conclusions: [c12.0.1")
    report = check_map(load_map(write_map(tmp_path, text[:start] + text[end:])), trees["2026-01-06"], trees["current"])
    assert report.ok
    assert [(f.code, "'q2.1'" in f.message) for f in report.warnings] == [("text-changed", True)]
