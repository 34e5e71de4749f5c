"""The decision runner: walks a form with a sequence of answers to the next question or a conclusion.

Semantics follow the official beslishulp tool: the chosen answer's labels are collected first, then
the answer's rules are tried in order and the first whose condition holds decides where to go; when
no rule holds the walk is stuck (an error here, never a silent default).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from algoinventaris.formengine.errors import DecisionError
from algoinventaris.formengine.expr import Context
from algoinventaris.formengine.fields import validate_cached
from algoinventaris.formengine.model import FACT_DIMENSIONS, Conclusion, Form, Question, Rule


@dataclass(frozen=True)
class Step:
    """One given answer: a question id and the chosen answer id(s)."""

    question: str
    answers: tuple[str, ...]

    @classmethod
    def of(cls, question: str, answer: str | Sequence[str]) -> Step:
        if isinstance(answer, str):
            return cls(question, (answer,))
        return cls(question, tuple(answer))


@dataclass(frozen=True)
class Trace:
    """What happened at one step: the answer, the labels it added and the rule that was taken."""

    question: str
    answers: tuple[str, ...]
    labels_added: tuple[str, ...]
    rule_index: int
    target_kind: str
    target: str


@dataclass
class Decision:
    """Result of a walk: either a conclusion or the next question, with labels, facts and path."""

    form: Form
    path: list[Trace] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    conclusion: Conclusion | None = None
    next_question: Question | None = None

    @property
    def done(self) -> bool:
        return self.conclusion is not None

    def facts(self) -> dict[str, list[str]]:
        """Outcome facts per dimension, from the collected labels and the conclusion."""
        found: dict[str, set[str]] = {}
        for lab in self.labels:
            ldef = self.form.label_map.get(lab)
            if ldef is None:
                continue
            for dim, value in ldef.facts.items():
                found.setdefault(dim, set()).add(value)
        if self.conclusion is not None:
            for dim, value in self.conclusion.facts.items():
                found[dim] = {value}
        return {dim: sorted(found[dim]) for dim in FACT_DIMENSIONS if dim in found}

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON form of the decision."""
        form = self.form
        out: dict[str, Any] = {
            "form": {"id": form.id, "version": form.version, "sha256": form.content_hash},
            "status": "concluded" if self.done else "open",
            "labels": list(self.labels),
            "label_refs": [form.label_map[lab].ref or lab if lab in form.label_map else lab for lab in self.labels],
            "facts": self.facts(),
            "path": [self._trace_json(t) for t in self.path],
        }
        if self.conclusion is not None:
            out["conclusion"] = self.conclusion.id
            out["conclusion_ref"] = self.conclusion.ref
        if self.next_question is not None:
            out["next_question"] = self.next_question.id
            out["next_question_ref"] = self.next_question.ref
        return out

    def _trace_json(self, t: Trace) -> dict[str, Any]:
        q = self.form.question_map[t.question]
        if q.is_value:
            return {
                "question": t.question,
                "question_ref": q.ref,
                "answer": t.answers[0],
                "answer_ref": None,
                "labels_added": [],
                "next": f"{t.target_kind}:{t.target}",
            }
        refs = []
        for aid in t.answers:
            a = q.answer(aid)
            refs.append(a.ref if a is not None else None)
        return {
            "question": t.question,
            "question_ref": q.ref,
            "answer": t.answers[0] if q.type == "single" else list(t.answers),
            "answer_ref": refs[0] if q.type == "single" else refs,
            "labels_added": list(t.labels_added),
            "next": f"{t.target_kind}:{t.target}",
        }


def choose(form: Form, question: Question, answer_ids: Sequence[str], labels: Iterable[str],
           answers: Mapping[str, Any], step: int | None = None) -> tuple[list[str], int, Rule]:
    """Apply one answer: return the labels it adds, the index of the rule taken and that rule."""
    if question.is_value:
        return _choose_value(question, answer_ids, labels, answers, step)
    if not answer_ids:
        raise DecisionError(f"question '{question.id}' has no answer", step)
    if question.type == "single" and len(answer_ids) != 1:
        raise DecisionError(f"question '{question.id}' takes one answer, got {len(answer_ids)}", step)
    if len(set(answer_ids)) != len(answer_ids):
        raise DecisionError(f"question '{question.id}': an answer is given twice", step)
    chosen = []
    for aid in answer_ids:
        ans = question.answer(aid)
        if ans is None:
            known = ", ".join(a.id for a in question.answers)
            raise DecisionError(f"question '{question.id}' has no answer '{aid}' (answers: {known})", step)
        chosen.append(ans)
    collected = list(labels)
    added: list[str] = []
    for ans in chosen:
        for lab in ans.labels:
            if lab not in collected:
                collected.append(lab)
                added.append(lab)
    rules = chosen[0].rules if question.type == "single" else question.rules
    given = dict(answers)
    given[question.id] = answer_ids[0] if question.type == "single" else tuple(answer_ids)
    ctx = Context(frozenset(collected), given)
    for index, rule in enumerate(rules):
        if rule.condition is None or rule.condition.evaluate(ctx):
            return added, index, rule
    raise DecisionError(
        f"no rule applies after answer {', '.join(answer_ids)} to question '{question.id}' "
        f"with labels [{', '.join(collected)}]: the form is stuck here",
        step,
    )


def _choose_value(question: Question, values: Sequence[str], labels: Iterable[str],
                  answers: Mapping[str, Any], step: int | None) -> tuple[list[str], int, Rule]:
    """A value question takes one text (JSON for list and group); it must pass the field's checks."""
    if len(values) != 1:
        raise DecisionError(f"question '{question.id}' takes one value, got {len(values)}", step)
    problems = validate_cached(question, values[0], "en")
    if problems:
        raise DecisionError(f"question '{question.id}': {'; '.join(problems)}", step)
    given = dict(answers)
    given[question.id] = values[0]
    ctx = Context(frozenset(labels), given)
    for index, rule in enumerate(question.rules):
        if rule.condition is None or rule.condition.evaluate(ctx):
            return [], index, rule
    raise DecisionError(f"no rule applies after the value of question '{question.id}': the form is stuck here", step)


class Walk:
    """An incremental walk through a form: apply one answer at a time; a failed step changes nothing."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.decision = Decision(form)
        start = form.question(form.start)
        if start is None:
            raise DecisionError(f"the form's start question '{form.start}' does not exist")
        self.current: Question = start
        self.answers: dict[str, Any] = {}
        self.decision.next_question = start

    def apply(self, question_id: str, given: Sequence[str], number: int | None = None) -> None:
        """Answer the current question; DecisionError (naming the step) leaves the walk as it was."""
        form, decision = self.form, self.decision
        if decision.conclusion is not None:
            raise DecisionError(
                f"the path already ended at conclusion '{decision.conclusion.id}'; "
                f"question '{question_id}' comes after the end", number)
        if form.question(question_id) is None:
            raise DecisionError(f"unknown question '{question_id}'", number)
        current = self.current
        if question_id != current.id:
            raise DecisionError(
                f"question '{question_id}' is not on the path here; the next question is '{current.id}'", number)
        chosen = tuple(given)
        added, index, rule = choose(form, current, chosen, decision.labels, self.answers, number)
        conclusion = nxt = None
        if rule.target_kind == "conclusion":
            conclusion = form.conclusion(rule.target)
            if conclusion is None:
                raise DecisionError(f"rule leads to unknown conclusion '{rule.target}'", number)
        else:
            nxt = form.question(rule.target)
            if nxt is None:
                raise DecisionError(f"rule leads to unknown question '{rule.target}'", number)
            if nxt.id in self.answers or nxt.id == current.id:
                raise DecisionError(f"the path returns to question '{nxt.id}': the form has a cycle", number)
        decision.labels.extend(added)
        self.answers[current.id] = chosen[0] if current.type == "single" or current.is_value else chosen
        decision.path.append(Trace(current.id, chosen, tuple(added), index, rule.target_kind, rule.target))
        if conclusion is not None:
            decision.conclusion = conclusion
            decision.next_question = None
        else:
            assert nxt is not None
            self.current = nxt
            decision.next_question = nxt


def run(form: Form, steps: Sequence[Step], *, complete: bool = False) -> Decision:
    """Walk the form with the given steps. With complete=True the walk must end in a conclusion."""
    walk = Walk(form)
    for number, step in enumerate(steps, start=1):
        walk.apply(step.question, step.answers, number)
    decision = walk.decision
    if decision.conclusion is None and complete:
        raise DecisionError(
            f"the answers stop before a conclusion; question '{walk.current.id}' is still open",
            len(steps) + 1)
    return decision


def steps_from_refs(form: Form, raw_steps: Sequence[tuple[str, Any]]) -> list[Step]:
    """Translate official ids (questionId, 0-based answer position) into our ids."""
    steps: list[Step] = []
    for number, (qref, aref) in enumerate(raw_steps, start=1):
        question = form.question_by_ref.get(str(qref))
        if question is None:
            raise DecisionError(f"no question has the official id '{qref}'", number)
        positions = aref if isinstance(aref, (list, tuple)) else [aref]
        ids = []
        for pos in positions:
            answer = question.answer_by_ref(str(pos))
            if answer is None:
                raise DecisionError(f"question '{question.id}' (official {qref}) has no answer at position {pos}", number)
            ids.append(answer.id)
        steps.append(Step(question.id, tuple(ids)))
    return steps


def parse_steps(data: Any, by_ref: bool, form: Form) -> list[Step]:
    """Read {"steps": [{"question": ..., "answer": ...}, ...]} into steps; DecisionError on a bad shape."""
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise DecisionError('answers must be an object {"steps": [{"question": ..., "answer": ...}, ...]}')
    raw: list[tuple[str, Any]] = []
    for number, item in enumerate(data["steps"], start=1):
        if not isinstance(item, dict) or "question" not in item or "answer" not in item:
            raise DecisionError('each step must be an object with "question" and "answer"', number)
        q, a = item["question"], item["answer"]
        if not isinstance(q, (str, int)) or isinstance(q, bool):
            raise DecisionError("question must be an id", number)
        value_question = form.question(str(q))
        if not by_ref and value_question is not None and value_question.is_value:
            if isinstance(a, (list, dict)):
                a = json.dumps(a, ensure_ascii=False, separators=(",", ":")) if a else ""
            if not isinstance(a, str):
                raise DecisionError(f"question '{q}' takes a text value", number)
            raw.append((str(q), [a]))
            continue
        if isinstance(a, bool) or not isinstance(a, (str, int, list)):
            raise DecisionError("answer must be an id, a position or a list of them", number)
        if isinstance(a, list) and not all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in a):
            raise DecisionError("answer list must hold ids or positions", number)
        raw.append((str(q), a))
    if by_ref:
        return steps_from_refs(form, raw)
    return [Step.of(q, [str(x) for x in a] if isinstance(a, list) else str(a)) for q, a in raw]
