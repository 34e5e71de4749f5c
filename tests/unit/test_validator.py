"""Tests of `forms check`: each kind of defect is found, with severity and location."""

from __future__ import annotations

from pathlib import Path

from algoinventaris.formengine.validator import check_path
from tests.conftest import write_form

BASE = """\
id: v
version: "1"
languages: [nl, en]
title: {nl: V, en: V}
start: q1
labels:
  - {id: a, text: {nl: A, en: A}}
  - {id: b, text: {nl: B, en: B}}
  - {id: unused, text: {nl: U, en: U}}
questions:
  - id: q1
    text: {nl: "Een?", en: "One?"}
    answers:
      - id: x
        text: {nl: X, en: X}
        labels: [a]
        next:
          - {if: a, question: q2}
          - {if: a and b, conclusion: c2}
      - id: y
        text: {nl: Y, en: Y}
        labels: [b]
        next:
          - {if: b, question: q2}
          - {conclusion: c1}
  - id: q2
    text: {nl: "Twee?", en: "Two?"}
    answers:
      - id: z
        text: {nl: Z, en: Z}
        next:
          - {if: a, conclusion: c1}
          - {if: b, conclusion: c2}
  - id: lonely
    text: {nl: "Alleen?", en: "Alone?"}
    answers:
      - {id: w, text: {nl: W, en: W}, next: [{conclusion: c1}]}
conclusions:
  - {id: c1, title: {nl: C1, en: C1}, text: {nl: C1, en: C1}}
  - {id: c2, title: {nl: C2, en: C2}, text: {nl: C2, en: C2}}
  - {id: c3, title: {nl: C3, en: C3}, text: {nl: C3, en: C3}}
"""


def codes(report, severity: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.code for f in report.findings if f.severity == severity}


def test_clean_logic_has_only_warnings(tmp_path: Path) -> None:
    report = check_path(write_form(tmp_path, BASE))
    assert report.ok, report.render()
    warnings = codes(report, "warning")
    assert {"unreachable", "dead-rule", "label-never-set"} <= warnings
    text = report.render()
    assert "no path reaches question 'lonely'" in text
    assert "no path reaches conclusion 'c3'" in text
    assert "question 'q1' answer 'x': rule 2" in text and "never the first" in text
    assert "question 'q1' answer 'y': rule 2" in text
    assert "label 'unused' is declared but no answer sets it" in text
    assert report.exploration is not None and len(report.exploration.paths) == 2


def test_overlap_is_reported(tmp_path: Path) -> None:
    text = BASE.replace("labels: [b]\n", "labels: [a, b]\n")
    report = check_path(write_form(tmp_path, text))
    assert "overlap" in codes(report, "warning"), report.render()


def test_stuck_path_is_an_error(tmp_path: Path) -> None:
    text = BASE.replace("          - {if: b, conclusion: c2}\n", "")
    report = check_path(write_form(tmp_path, text))
    assert not report.ok
    assert "stuck" in codes(report, "error")
    assert "question 'q2' answer 'z': no rule holds with labels [b]" in report.render()


def test_cycle_is_an_error(tmp_path: Path) -> None:
    text = BASE.replace("          - {if: b, conclusion: c2}\n", "          - {if: b, question: q1}\n")
    report = check_path(write_form(tmp_path, text))
    assert "cycle" in codes(report, "error"), report.render()


def test_dangling_and_duplicates_and_translations(tmp_path: Path) -> None:
    text = (BASE.replace("{if: a, conclusion: c1}", "{if: a, conclusion: nowhere}")
            .replace("id: lonely", "id: q2")
            .replace("{if: b, conclusion: c2}", "{if: ghost, conclusion: c2}")
            .replace('text: {nl: "Twee?", en: "Two?"}', 'text: {nl: "Twee?"}'))
    report = check_path(write_form(tmp_path, text))
    errors = codes(report, "error")
    assert {"dangling-id", "duplicate-id", "unknown-label", "translation"} <= errors, report.render()
    rendered = report.render()
    assert "unknown conclusion 'nowhere'" in rendered
    assert "undeclared label 'ghost'" in rendered
    assert "question 'q2' text: no text in en" in rendered
    assert "form.yaml:" in rendered


def test_schema_error_is_reported_not_raised(tmp_path: Path) -> None:
    report = check_path(write_form(tmp_path, "id: [broken\n"))
    assert not report.ok
    assert "YAML syntax" in report.render()
