"""Exhaustive walk of every condition-respecting path through a form, with rule statistics for the validator."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from algoinventaris.formengine.expr import Context
from algoinventaris.formengine.fields import sample_values
from algoinventaris.formengine.model import Form, Question, Rule

MAX_MULTIPLE_OPTIONS = 10


@dataclass(frozen=True)
class WalkedPath:
    """One complete path: the answers given, and how it ended (conclusion, stuck or cycle)."""

    steps: tuple[tuple[str, tuple[str, ...]], ...]
    end_kind: str  # "conclusion" | "stuck" | "cycle"
    end: str
    labels: tuple[str, ...]


@dataclass
class Exploration:
    """Everything the walk saw: paths, reached items, rule hits, overlaps, stuck places."""

    paths: list[WalkedPath] = field(default_factory=list)
    reached_questions: set[str] = field(default_factory=set)
    reached_conclusions: set[str] = field(default_factory=set)
    # (question id, answer id or "" for question-level rules) -> set of rule indexes that won
    first_matches: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    # (question, answer, winning rule, shadowed rule) -> an example label set
    overlaps: dict[tuple[str, str, int, int], tuple[str, ...]] = field(default_factory=dict)
    # (question, answer) -> example label set where no rule held
    stuck: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    cycles: set[tuple[str, str]] = field(default_factory=set)
    labels_set: set[str] = field(default_factory=set)
    truncated: bool = False


def _choices(question: Question) -> list[tuple[str, ...]]:
    if question.is_value:
        # A value question is one branch, except a text with a fixed set of values: one branch per value.
        return [(v,) for v in sample_values(question)]
    ids = [a.id for a in question.answers]
    if question.type == "single":
        return [(i,) for i in ids]
    options = ids[:MAX_MULTIPLE_OPTIONS]
    out: list[tuple[str, ...]] = []
    for size in range(1, len(options) + 1):
        out.extend(combinations(options, size))
    return out


def explore(form: Form, max_paths: int = 1_000_000) -> Exploration:
    """Walk every path; collect statistics. Stops (truncated=True) after max_paths paths."""
    result = Exploration()
    start = form.question(form.start)
    if start is None:
        return result

    def rules_for(question: Question, choice: tuple[str, ...]) -> tuple[str, tuple[Rule, ...]]:
        if question.is_value:
            return "", question.rules
        if question.type == "single":
            ans = question.answer(choice[0])
            return choice[0], (ans.rules if ans is not None else ())
        return "", question.rules

    def walk(question: Question, labels: tuple[str, ...], answers: dict[str, Any],
             steps: tuple[tuple[str, tuple[str, ...]], ...]) -> Iterator[WalkedPath]:
        result.reached_questions.add(question.id)
        for choice in _choices(question):
            collected = list(labels)
            for aid in choice:
                ans = question.answer(aid)
                if ans is None:
                    continue
                for lab in ans.labels:
                    result.labels_set.add(lab)
                    if lab not in collected:
                        collected.append(lab)
            given = dict(answers)
            given[question.id] = choice[0] if question.type == "single" or question.is_value else choice
            ctx = Context(frozenset(collected), given)
            key_answer, rules = rules_for(question, choice)
            key = (question.id, key_answer)
            holds = [i for i, r in enumerate(rules) if r.condition is None or r.condition.evaluate(ctx)]
            here = (*steps, (question.id, choice))
            if not holds:
                result.stuck.setdefault(key, tuple(collected))
                yield WalkedPath(here, "stuck", question.id, tuple(collected))
                continue
            first = holds[0]
            result.first_matches.setdefault(key, set()).add(first)
            win = rules[first]
            for other in holds[1:]:
                r = rules[other]
                if (r.target_kind, r.target) != (win.target_kind, win.target):
                    result.overlaps.setdefault((question.id, key_answer, first, other), tuple(collected))
            if win.target_kind == "conclusion":
                result.reached_conclusions.add(win.target)
                yield WalkedPath(here, "conclusion", win.target, tuple(collected))
                continue
            nxt = form.question(win.target)
            if nxt is None:
                yield WalkedPath(here, "stuck", question.id, tuple(collected))
                continue
            if nxt.id in given:
                result.cycles.add((question.id, nxt.id))
                yield WalkedPath(here, "cycle", nxt.id, tuple(collected))
                continue
            yield from walk(nxt, tuple(collected), given, here)

    for path in walk(start, (), {}, ()):
        result.paths.append(path)
        if len(result.paths) >= max_paths:
            result.truncated = True
            break
    return result


@dataclass
class Conformance:
    """How a candidate form compares with a reference form on every path of the reference."""

    total: int = 0
    matched: int = 0
    mismatches: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.total > 0 and self.matched == self.total


def ref_steps(form: Form, path: WalkedPath) -> list[tuple[str, tuple[str, ...]]]:
    """A walked path written with official refs: (question ref, answer refs)."""
    out = []
    for qid, aids in path.steps:
        q = form.question_map[qid]
        refs = []
        for aid in aids:
            a = q.answer(aid)
            refs.append(a.ref if a is not None and a.ref is not None else aid)
        out.append((q.ref or qid, tuple(refs)))
    return out


def compare_by_ref(reference: Form, candidate: Form, max_report: int = 20) -> Conformance:
    """Replay every path of the reference through the candidate by official refs; compare conclusion refs."""
    from algoinventaris.formengine.errors import DecisionError
    from algoinventaris.formengine.runner import run, steps_from_refs

    result = Conformance()
    for path in explore(reference).paths:
        if path.end_kind != "conclusion":
            continue
        result.total += 1
        expected = reference.conclusion_map[path.end].ref
        steps = ref_steps(reference, path)
        try:
            decision = run(candidate, steps_from_refs(candidate, [(q, list(a)) for q, a in steps]), complete=True)
            got = decision.conclusion.ref if decision.conclusion else None
        except DecisionError as err:
            got = f"error: {err}"
        if got == expected:
            result.matched += 1
        elif len(result.mismatches) < max_report:
            shown = " > ".join(f"{q}={'+'.join(a)}" for q, a in steps)
            result.mismatches.append(f"{shown}: expected {expected}, got {got}")
    return result
