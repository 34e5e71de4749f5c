"""Tests of the form loader: schema errors with file and line, content hash, YAML pitfalls."""

from __future__ import annotations

from pathlib import Path

import pytest

from algoinventaris.formengine.errors import FormLoadError
from algoinventaris.formengine.loader import load_form
from tests.conftest import write_form

SMALL = """\
id: small
version: "1"
languages: [nl, en]
title: {nl: Klein, en: Small}
start: q1
labels:
  - id: x
    text: {nl: X, en: X}
questions:
  - id: q1
    text: {nl: "Vraag?", en: "Question?"}
    answers:
      - id: "yes"
        text: {nl: Ja, en: "Yes"}
        labels: [x]
        next:
          - if: x
            conclusion: c1
      - id: "no"
        text: {nl: Nee, en: "No"}
        next:
          - conclusion: c2
conclusions:
  - id: c1
    title: {nl: Een, en: One}
    text: {nl: Een., en: One.}
  - id: c2
    title: {nl: Twee, en: Two}
    text: {nl: Twee., en: Two.}
"""


def test_loads_small_form(tmp_path: Path) -> None:
    form = load_form(write_form(tmp_path, SMALL))
    assert form.id == "small"
    assert [q.id for q in form.questions] == ["q1"]
    assert form.question_map["q1"].answer("yes").labels == ("x",)  # type: ignore[union-attr]
    assert len(form.content_hash) == 64


def test_content_hash_ignores_layout_but_not_content(tmp_path: Path) -> None:
    a = load_form(write_form(tmp_path / "a", SMALL))
    b = load_form(write_form(tmp_path / "b", "# a comment\n" + SMALL.replace("[nl, en]", "\n  - nl\n  - en")))
    c = load_form(write_form(tmp_path / "c", SMALL.replace("Vraag?", "Vraag!")))
    assert a.content_hash == b.content_hash
    assert a.content_hash != c.content_hash


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(FormLoadError) as info:
        load_form(write_form(tmp_path, text))
    return info.value.problems


def test_unknown_key_names_file_and_line(tmp_path: Path) -> None:
    problems = _problems(tmp_path, SMALL.replace("    text: {nl: \"Vraag?\"", "    colour: red\n    text: {nl: \"Vraag?\""))
    assert any("form.yaml:11:" in p and "unknown key 'colour'" in p for p in problems), problems


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    problems = _problems(tmp_path, SMALL.replace('version: "1"', 'version: "1"\nversion: "2"'))
    assert any(":3:" in p and "appears twice" in p for p in problems), problems


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    problems = _problems(tmp_path, SMALL + "  - id: [unclosed\n")
    assert any("YAML syntax" in p for p in problems)


def test_boolean_id_is_explained(tmp_path: Path) -> None:
    problems = _problems(tmp_path, SMALL.replace('id: "yes"', "id: yes"))
    assert any("put it in quotes" in p for p in problems), problems


def test_typed_content_hash_is_refused(tmp_path: Path) -> None:
    problems = _problems(tmp_path, SMALL + "content_hash: abc\n")
    assert any("computed" in p for p in problems)


def test_bad_condition_names_rule_and_column(tmp_path: Path) -> None:
    problems = _problems(tmp_path, SMALL.replace("- if: x", "- if: x &&"))
    assert any("next[1].if" in p and "column 3" in p for p in problems), problems


def test_missing_file_and_non_utf8(tmp_path: Path) -> None:
    with pytest.raises(FormLoadError, match="no such form file"):
        load_form(tmp_path / "nothing")
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "form.yaml").write_bytes(b"id: \xff\xfe\n")
    with pytest.raises(FormLoadError, match="not UTF-8"):
        load_form(folder)


def test_language_not_declared(tmp_path: Path) -> None:
    problems = _problems(tmp_path, SMALL.replace("title: {nl: Klein, en: Small}", "title: {nl: Klein, de: Klein}"))
    assert any("language 'de'" in p for p in problems)


def test_single_answer_without_rules(tmp_path: Path) -> None:
    text = SMALL.replace("        next:\n          - conclusion: c2\n", "")
    problems = _problems(tmp_path, text)
    assert any("needs 'next' rules" in p for p in problems)
