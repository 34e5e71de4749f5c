"""Answer-session logic for the wizard: which stored answers are on the path, which are set aside, what comes next.

The wizard stores answers by question id, in any order and possibly stale (an earlier answer was
changed and the path moved). `resolve` replays the stored answers from the start question along
the routing rules: every answer met on the way is *on the path*; the first question without an
answer is the *current* question; stored answers the walk did not meet are *set aside* (kept, shown,
never deleted until the owner confirms).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from algoinventaris.formengine.errors import DecisionError
from algoinventaris.formengine.model import Form, Question
from algoinventaris.formengine.runner import Decision, Walk

StoredAnswers = Mapping[str, Sequence[str]]


@dataclass
class SessionState:
    """The result of replaying stored answers: the decision so far and where the owner stands."""

    decision: Decision
    on_path: list[str] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)
    problem: str | None = None

    @property
    def current(self) -> Question | None:
        return self.decision.next_question

    @property
    def done(self) -> bool:
        return self.decision.done

    @property
    def answered_count(self) -> int:
        return len(self.on_path)


def resolve(form: Form, stored: StoredAnswers) -> SessionState:
    """Replay stored answers (question id -> answer ids) along the form's routing, in one pass."""
    walk = Walk(form)
    problem: str | None = None
    while not walk.decision.done:
        question = walk.current
        given = stored.get(question.id)
        if not given:
            break
        try:
            walk.apply(question.id, tuple(given), len(walk.decision.path) + 1)
        except DecisionError as err:
            # A stored answer no longer fits (unknown answer id, invalid value, or the form is stuck
            # here): the owner must answer this question again.
            problem = f"question '{question.id}': {err}"
            break
    on_path = [t.question for t in walk.decision.path]
    aside = [qid for qid in stored if qid not in on_path and stored[qid]]
    return SessionState(walk.decision, on_path, aside, problem)


def remaining_estimate(form: Form, state: SessionState) -> int:
    """About how many questions are still to come from the current question (shortest route to an end)."""
    if state.current is None:
        return 0
    return _shortest_to_end(form, state.current.id)


def _shortest_to_end(form: Form, qid: str) -> int:
    @cache
    def dist(q: str, seen: frozenset[str]) -> int:
        question = form.question(q)
        if question is None or q in seen:
            return 10**6
        best = 10**6
        rules = [r for a in question.answers for r in a.rules] + list(question.rules)
        for rule in rules:
            if rule.target_kind == "conclusion":
                return 1
            best = min(best, 1 + dist(rule.target, seen | {q}))
        return best

    value = dist(qid, frozenset())
    return value if value < 10**6 else 1
