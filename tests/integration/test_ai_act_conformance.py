"""Conformance: every path of the official tree gives the same conclusion in our forms/ai-act."""

from __future__ import annotations

from pathlib import Path

from algoinventaris.formengine.beslishulp import import_file
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.paths import compare_by_ref
from algoinventaris.formengine.validator import check_form, check_path
from tests.conftest import FORMS


def test_ai_act_form_checks_clean() -> None:
    report = check_path(FORMS / "ai-act")
    assert report.ok, report.render()
    assert report.form is not None
    assert set(report.form.languages) == {"nl", "en"}
    dead = [f for f in report.warnings if f.code in ("dead-rule", "stuck", "cycle")]
    assert not dead, "\n".join(map(str, dead))


def test_every_official_path_matches_ai_act(current_tree: Path) -> None:
    _, official = import_file(current_tree)
    ours = load_form(FORMS / "ai-act")
    result = compare_by_ref(official, ours)
    print(f"\nforms/ai-act conformance: {result.matched} of {result.total} official paths give the same conclusion")
    assert result.total == 3140
    assert result.ok, "\n".join(result.mismatches)


def test_every_ref_of_the_official_tree_is_covered(current_tree: Path) -> None:
    _, official = import_file(current_tree)
    ours = load_form(FORMS / "ai-act")
    assert set(official.question_by_ref) == set(ours.question_by_ref)
    assert set(official.conclusion_by_ref) == set(ours.conclusion_by_ref)
    official_labels = {lab.ref for lab in official.labels}
    assert official_labels == {lab.ref for lab in ours.labels}
    report = check_form(ours)
    assert report.exploration is not None and not report.exploration.truncated
