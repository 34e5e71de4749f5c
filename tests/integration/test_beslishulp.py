"""Tests of the beslishulp importer against the three official trees, checked by an independent Jexl walker."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from algoinventaris.formengine.beslishulp import import_file, import_to_dir, translate_condition
from algoinventaris.formengine.errors import ImportFormatError
from algoinventaris.formengine.expr import evaluate, parse
from algoinventaris.formengine.paths import explore
from algoinventaris.formengine.validator import check_form

# --- an independent reading of the official format (written from the reference README) ------

_TOKEN = re.compile(r'\s*("(?:[^"\\]|\\.)*"|&&|\|\||!|\(|\)|in\b|labels\b)')


def jexl_eval(source: str, labels: set[str]) -> bool:
    """Evaluate the official conditions the Jexl way: && and || equal precedence, left to right."""
    tokens = _TOKEN.findall(source)
    pos = 0

    def operand() -> bool:
        nonlocal pos
        tok = tokens[pos]
        pos += 1
        if tok == "!":
            return not operand()
        if tok == "(":
            value = chain()
            assert tokens[pos] == ")"
            pos += 1
            return value
        assert tok.startswith('"') and tokens[pos] == "in" and tokens[pos + 1] == "labels", source
        pos += 2
        return tok[1:-1] in labels

    def chain() -> bool:
        nonlocal pos
        value = operand()
        while pos < len(tokens) and tokens[pos] in ("&&", "||"):
            op = tokens[pos]
            pos += 1
            right = operand()
            value = (value and right) if op == "&&" else (value or right)
        return value

    result = chain()
    assert pos == len(tokens), source
    return result


def official_paths(tree: dict[str, Any]) -> list[tuple[list[tuple[str, int]], str]]:
    """Every path of the raw official tree as ([(questionId, answer position)], conclusionId)."""
    questions = {q["questionId"]: q for q in tree["questions"]}
    out: list[tuple[list[tuple[str, int]], str]] = []

    def walk(qid: str, labels: set[str], steps: list[tuple[str, int]]) -> None:
        for pos, answer in enumerate(questions[qid]["answers"]):
            now = labels | set(answer.get("labels") or [])
            here = [*steps, (qid, pos)]
            if answer.get("redirects"):
                target = next((r for r in answer["redirects"] if jexl_eval(r["if"], now)), None)
                assert target is not None, f"official tree stuck at {here}"
            else:
                target = answer
            if target.get("nextConclusionId"):
                out.append((here, str(target["nextConclusionId"])))
            else:
                walk(str(target["nextQuestionId"]), now, here)

    walk("1.1", set(), [])
    return out


# --- tests ---------------------------------------------------------------------------------------


def test_jexl_precedence_is_kept() -> None:
    labels: dict[str, str] = {}
    ours = translate_condition('"a" in labels || "b" in labels && "c" in labels', labels)
    assert ours == "(a or b) and c"
    tree = parse(ours)
    assert not evaluate(tree, {"a"})  # Jexl: (a || b) && c
    assert translate_condition('!("a" in labels) && "b" in labels', labels) == "not a and b"
    assert translate_condition('"hoog-risico AI" in labels', labels) == "hoog-risico-ai"
    assert labels["hoog-risico AI"] == "hoog-risico-ai"


def test_every_official_path_gives_the_same_conclusion(official_tree: Path) -> None:
    raw = yaml.safe_load(official_tree.read_text(encoding="utf-8"))
    expected = official_paths(raw)
    _, form = import_file(official_tree)
    walked = explore(form).paths
    ours = sorted(
        ([(form.question_map[q].ref, int(form.question_map[q].answer(a[0]).ref)) for q, a in p.steps],  # type: ignore[union-attr,arg-type]
         form.conclusion_map[p.end].ref)
        for p in walked
    )
    assert ours == sorted(expected)
    print(f"{official_tree.name}: {len(ours)} of {len(expected)} official paths give the same conclusion")


def test_import_keeps_refs_and_source_hash(current_tree: Path, tmp_path: Path) -> None:
    target, form = import_to_dir(current_tree, tmp_path / "out")
    assert target.exists()
    assert form.origin["sha256"] == __import__("hashlib").sha256(current_tree.read_bytes()).hexdigest()
    assert form.question_by_ref["1.4.1"].id == "q1.4.1"
    assert form.conclusion_by_ref["11.0"].id == "c11.0"
    assert form.label_map["hoog-risico-ai"].ref == "hoog-risico AI"
    assert form.label_map["niet-van-toepassing"].ref == "niet van toepassing"
    assert len(form.questions) == 22 and len(form.conclusions) == 50


def test_official_tree_defects_are_warnings(current_tree: Path) -> None:
    _, form = import_file(current_tree)
    report = check_form(form)
    assert report.ok, report.render()
    found = {f.code for f in report.warnings}
    assert {"dead-rule", "overlap"} <= found
    rendered = report.render()
    assert "question 'q1.5' answer 'a1': rule 2" in rendered  # the 13.2.1 rule the GPAI rule above shadows


def test_three_trees_import_with_path_counts(official_tree: Path) -> None:
    _, form = import_file(official_tree)
    paths = explore(form).paths
    assert all(p.end_kind == "conclusion" for p in paths)
    assert len(paths) in (3140, 2620)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("just: a mapping\n", "needs 'questions' and 'conclusions'"),
        ("- a list\n", "top level is not a mapping"),
        ("questions: []\nconclusions: []\n", "no questions"),
        ("questions:\n  - questionId: '1'\n    answers:\n      - answer: Ja\n        redirects:\n"
         "          - if: '\"a\" in labels &&'\n            nextConclusionId: '2'\nconclusions: []\n", "column"),
        ("questions:\n  - questionId: '1'\n    answers:\n      - answer: Ja\nconclusions: []\n",
         "nextQuestionId / nextConclusionId"),
        ("{{{{", "not valid YAML"),
    ],
)
def test_not_beslishulp_is_refused_clearly(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFormatError, match=message):
        import_file(bad)
