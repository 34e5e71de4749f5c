"""Tests of the decision runner: official semantics, clear errors naming the step, multiple choice."""

from __future__ import annotations

from pathlib import Path

import pytest

from algoinventaris.formengine.errors import DecisionError
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.model import Form
from algoinventaris.formengine.runner import Step, parse_steps, run, steps_from_refs
from tests.conftest import write_form

FORM = """\
id: t
version: "1"
languages: [nl]
title: {nl: T}
start: role
labels:
  - {id: provider, text: {nl: Aanbieder}, facts: {rol-ai-act: aanbieder}}
  - {id: deployer, text: {nl: Gebruiker}, facts: {rol-ai-act: gebruiksverantwoordelijke}}
  - {id: ai, text: {nl: AI}, facts: {soort-toepassing: ai-systeem}}
questions:
  - id: role
    ref: "1"
    text: {nl: "Rol?"}
    answers:
      - id: both
        ref: "0"
        text: {nl: Beide}
        labels: [provider, deployer]
        next: [{question: ai}]
      - id: provider
        ref: "1"
        text: {nl: Aanbieder}
        labels: [provider]
        next: [{question: ai}]
      - id: none
        ref: "2"
        text: {nl: Geen}
        next: [{conclusion: out}]
  - id: ai
    ref: "2"
    text: {nl: "AI?"}
    answers:
      - id: "yes"
        ref: "0"
        text: {nl: Ja}
        labels: [ai]
        next:
          - {if: ai and provider and deployer, conclusion: both-ai}
          - {if: ai, conclusion: provider-ai}
      - id: "no"
        ref: "1"
        text: {nl: Nee}
        next:
          - {if: ai, conclusion: both-ai}
  - id: kinds
    type: multiple
    text: {nl: "Soorten?"}
    answers:
      - {id: text, text: {nl: Tekst}}
      - {id: image, text: {nl: Beeld}}
    next: [{if: answer(kinds) == image, conclusion: out}, {conclusion: both-ai}]
conclusions:
  - {id: out, ref: "9", title: {nl: Buiten}, text: {nl: Buiten.}, facts: {ai-verordening: niet-van-toepassing}}
  - {id: both-ai, ref: "10", title: {nl: B}, text: {nl: B.}}
  - {id: provider-ai, ref: "11", title: {nl: P}, text: {nl: P.}}
"""


@pytest.fixture
def form(tmp_path: Path) -> Form:
    return load_form(write_form(tmp_path, FORM))


def test_labels_count_before_rules_and_first_rule_wins(form: Form) -> None:
    d = run(form, [Step.of("role", "both"), Step.of("ai", "yes")])
    assert d.conclusion is not None and d.conclusion.id == "both-ai"
    assert d.labels == ["provider", "deployer", "ai"]
    d2 = run(form, [Step.of("role", "provider"), Step.of("ai", "yes")])
    assert d2.conclusion is not None and d2.conclusion.id == "provider-ai"
    assert d2.facts() == {"rol-ai-act": ["aanbieder"], "soort-toepassing": ["ai-systeem"]}


def test_partial_path_gives_next_question(form: Form) -> None:
    d = run(form, [Step.of("role", "both")])
    assert not d.done and d.next_question is not None and d.next_question.id == "ai"
    with pytest.raises(DecisionError, match="step 2: .*still open"):
        run(form, [Step.of("role", "both")], complete=True)


def test_stuck_is_an_error_naming_the_step(form: Form) -> None:
    with pytest.raises(DecisionError, match="step 2: no rule applies .* stuck"):
        run(form, [Step.of("role", "both"), Step.of("ai", "no")])


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([Step.of("nope", "x")], "step 1: unknown question 'nope'"),
        ([Step.of("ai", "yes")], "step 1: question 'ai' is not on the path here; the next question is 'role'"),
        ([Step.of("role", "maybe")], "step 1: question 'role' has no answer 'maybe'"),
        ([Step.of("role", ("both", "provider"))], "takes one answer"),
        ([Step.of("role", "none"), Step.of("ai", "yes")], "step 2: the path already ended at conclusion 'out'"),
    ],
)
def test_bad_sequences(form: Form, steps: list[Step], message: str) -> None:
    with pytest.raises(DecisionError, match=message):
        run(form, steps)


def test_by_ref(form: Form) -> None:
    steps = steps_from_refs(form, [("1", 0), ("2", "0")])
    assert run(form, steps).conclusion.ref == "10"  # type: ignore[union-attr]
    with pytest.raises(DecisionError, match="no question has the official id '7'"):
        steps_from_refs(form, [("7", 0)])
    with pytest.raises(DecisionError, match="no answer at position 5"):
        steps_from_refs(form, [("1", 5)])


def test_parse_steps_shape_errors(form: Form) -> None:
    with pytest.raises(DecisionError, match="steps"):
        parse_steps([], False, form)
    with pytest.raises(DecisionError, match="step 1: each step"):
        parse_steps({"steps": [{"question": "role"}]}, False, form)
    with pytest.raises(DecisionError, match="step 1: answer must be"):
        parse_steps({"steps": [{"question": "role", "answer": True}]}, False, form)


def test_multiple_choice_routing(tmp_path: Path) -> None:
    form = load_form(write_form(tmp_path, FORM.replace("start: role", "start: kinds")))
    assert run(form, [Step.of("kinds", ["text", "image"])]).conclusion.id == "out"  # type: ignore[union-attr]
    assert run(form, [Step.of("kinds", ["text"])]).conclusion.id == "both-ai"  # type: ignore[union-attr]
    with pytest.raises(DecisionError, match="given twice"):
        run(form, [Step.of("kinds", ["text", "text"])])


def test_to_json_shape(form: Form) -> None:
    out = run(form, [Step.of("role", "both"), Step.of("ai", "yes")]).to_json()
    assert out["status"] == "concluded" and out["conclusion"] == "both-ai" and out["conclusion_ref"] == "10"
    assert out["path"][0] == {
        "question": "role", "question_ref": "1", "answer": "both", "answer_ref": "0",
        "labels_added": ["provider", "deployer"], "next": "question:ai",
    }
    assert out["form"]["sha256"] == form.content_hash
