"""The wizard's Qt-free controller: which page the owner sees, saving each answer, set-aside answers and the outcome.

The widgets only show what this controller says and hand it the owner's choices, so the whole walk
(answer, Back, change an earlier answer, resume tomorrow) can be driven and tested without a window.
Everything the controller knows is derived from the stored answers by `session.resolve`; the
algorithm row's `current_question` only says where the owner was looking when they last answered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from algoinventaris.formengine.errors import DecisionError
from algoinventaris.formengine.model import Conclusion, Form, Question
from algoinventaris.formengine.runner import Step, run
from algoinventaris.formengine.session import SessionState, remaining_estimate, resolve

if TYPE_CHECKING:
    from algoinventaris.domain.algorithm import AlgorithmSummary, StoredAnswer

CONFIRMED = "confirmed"
SET_ASIDE = "set_aside"
PREFILLED = "prefilled"


class OwnerStore(Protocol):
    """The part of the owner repository (algoinventaris.storage.OwnerRepository) the wizard uses."""

    def get_algorithm(self, algorithm_id: str) -> AlgorithmSummary: ...

    def answers(self, algorithm_id: str, form_id: str) -> dict[str, StoredAnswer]: ...

    def save_answer(self, algorithm_id: str, form: Form, question_id: str, answers: Sequence[str], *,
                    status: str = ..., current_question: str | None = ...) -> StoredAnswer: ...

    def mark_set_aside(self, algorithm_id: str, form_id: str, question_ids: Sequence[str]) -> None: ...

    def discard_set_aside(self, algorithm_id: str, form_id: str) -> int: ...

    def set_outcome(self, algorithm_id: str, conclusion: str | None, conclusion_ref: str | None,
                    state: str | None = None, category: str | None = None) -> AlgorithmSummary: ...


class AnswerRejected(Exception):
    """The given answer cannot be taken (no answer, unknown answer, or the form has no way on from it)."""


@dataclass
class AnswerPlan:
    """An answer checked and worked out, not yet written: where it leads and which statuses change."""

    question_id: str
    values: tuple[str, ...]
    new_state: SessionState
    next_view: str | None
    unchanged: bool
    back_on_route: list[str]
    newly_aside: list[str]
    previous: tuple[dict[str, Any], SessionState, str | None]
    saved: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Progress:
    """Where the shown question stands: its number on the route and about how many follow it."""

    number: int
    remaining: int
    answered: int


class WizardController:
    """Drives one owner through one form for one algorithm, saving every answer the moment it is given."""

    def __init__(self, store: OwnerStore, algorithm_id: str, form: Form, *, records_outcome: bool = True) -> None:
        self.store = store
        self.algorithm_id = algorithm_id
        self.form = form
        # Only the AI-Act form decides the algorithm's conclusion; later forms (the register) do not.
        self.records_outcome = records_outcome
        self.stored: dict[str, StoredAnswer] = {}
        self.state: SessionState = resolve(form, {})
        # The question on screen, or None for the summary.
        self.viewing: str | None = form.start
        self.reload()

    # -- reading -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the stored answers again and replay them."""
        self.stored = dict(self.store.answers(self.algorithm_id, self.form.id))
        self.state = resolve(self.form, self._given())

    def _given(self) -> dict[str, tuple[str, ...]]:
        return {qid: tuple(sa.answers) for qid, sa in self.stored.items() if sa.answers}

    @property
    def on_path(self) -> list[str]:
        """Answered questions on the route, in order."""
        return list(self.state.on_path)

    @property
    def set_aside(self) -> list[str]:
        """Stored answers that are no longer on the route (kept until the owner discards them).

        Pre-filled proposals the route has not reached yet are not set aside: they wait to be confirmed.
        """
        return [q for q in self.state.set_aside if self.status_of(q) != PREFILLED]

    @property
    def pending(self) -> list[str]:
        """Questions on the route whose answer was pre-filled and still waits for the owner's confirmation."""
        return [q for q in self.state.on_path if self.status_of(q) == PREFILLED]

    @property
    def frontier(self) -> str | None:
        """The first question the owner still has to answer or confirm; None when the route is complete.

        A pre-filled answer counts as given for the route (so the route runs on through it) but not as
        confirmed: the first one on the route is where the owner goes on.
        """
        pending = self.pending
        if pending:
            return pending[0]
        current = self.state.current
        return current.id if current is not None else None

    @property
    def done(self) -> bool:
        """The route has reached its end and every answer on it is confirmed."""
        return self.state.done and not self.pending

    @property
    def conclusion(self) -> Conclusion | None:
        """The conclusion of a complete route (None while a question is open or a proposal is unconfirmed)."""
        return self.state.decision.conclusion if self.done else None

    @property
    def problem(self) -> str | None:
        """Why a stored answer could not be used (the form changed since), or None."""
        return self.state.problem

    @property
    def labels(self) -> list[str]:
        return list(self.state.decision.labels)

    @property
    def form_changed(self) -> bool:
        """True when some stored answer was given to another version of this form."""
        return any(sa.form_hash != self.form.content_hash for sa in self.stored.values())

    def question(self, qid: str) -> Question:
        q = self.form.question(qid)
        if q is None:
            raise KeyError(qid)
        return q

    def current_question(self) -> Question | None:
        """The question on screen, or None on the summary."""
        return self.form.question(self.viewing) if self.viewing is not None else None

    def answer_of(self, qid: str) -> tuple[str, ...]:
        """The stored answer of a question (empty when there is none)."""
        sa = self.stored.get(qid)
        return tuple(sa.answers) if sa is not None else ()

    def status_of(self, qid: str) -> str | None:
        sa = self.stored.get(qid)
        return sa.status if sa is not None else None

    def reachable(self) -> list[str]:
        """The questions the owner may open now: the answered route and the first open question."""
        out = list(self.state.on_path)
        if self.frontier is not None:
            out.append(self.frontier)
        return out

    # -- navigation --------------------------------------------------------------------------
    def resume(self) -> str | None:
        """Open where the owner left off: the saved question if it is still reachable, else the first open one."""
        try:
            alg = self.store.get_algorithm(self.algorithm_id)
            saved = alg.current_question if alg.current_form == self.form.id else None
        except Exception:
            saved = None
        if saved is not None and saved in self.reachable():
            self.viewing = saved
        else:
            self.viewing = self.frontier
        return self.viewing

    def show_question(self, qid: str) -> None:
        """Open an answered question (or the first open one), e.g. from the summary."""
        if qid not in self.reachable():
            raise KeyError(f"question '{qid}' is not on the route now")
        self.viewing = qid

    def show_summary(self) -> None:
        self.viewing = None

    def jump_to_end(self) -> None:
        """Go to the first open question, or to the summary when the route is complete."""
        self.viewing = self.frontier

    def can_go_back(self) -> bool:
        return self.previous() is not None

    def previous(self) -> str | None:
        """The question before the one on screen (None at the start)."""
        path = self.state.on_path
        if self.viewing is None:
            return path[-1] if path else None
        if self.viewing in path:
            index = path.index(self.viewing)
            return path[index - 1] if index > 0 else None
        return path[-1] if path else None

    def back(self) -> str | None:
        prev = self.previous()
        if prev is not None:
            self.viewing = prev
        return prev

    def at_end(self) -> bool:
        """True when the screen shows the first open question (or the summary of a finished route)."""
        return self.viewing == self.frontier

    def progress(self) -> Progress | None:
        """Number of the question on screen and about how many follow it (None on the summary)."""
        if self.viewing is None:
            return None
        path = self.state.on_path
        after = questions_after(self.form, self.state) if not self.done else 0
        if self.viewing in path:
            index = path.index(self.viewing)
            # the answered questions after this one, the first open question, and what follows it
            open_question = 0 if self.done else 1
            return Progress(index + 1, len(path) - index - 1 + open_question + after, len(path))
        return Progress(len(path) + 1, after, len(path))

    # -- answering ---------------------------------------------------------------------------
    def answer(self, answers: Sequence[str]) -> str | None:
        """Answer the question on screen, save it and move on; returns the question now shown (None = summary).

        Raises AnswerRejected when the answer cannot be taken, and lets the storage error through
        when saving fails; in both cases nothing is changed and the same question stays on screen.
        """
        plan = self.plan(answers)
        self.persist(plan)
        self.apply(plan)
        return self.viewing

    def plan(self, answers: Sequence[str]) -> AnswerPlan:
        """Check an answer to the question on screen and work out where it leads; writes and changes nothing."""
        qid = self.viewing
        if qid is None:
            raise AnswerRejected("the summary has no answer to give")
        question = self.question(qid)
        values = tuple(answers)
        self._check(question, values)
        given = self._given()
        given[qid] = values
        new_state = resolve(self.form, given)
        if qid not in new_state.on_path:
            raise AnswerRejected(new_state.problem or f"question '{qid}' is not on the route")
        index = new_state.on_path.index(qid)
        if index + 1 < len(new_state.on_path):
            next_view: str | None = new_state.on_path[index + 1]
        else:
            current = new_state.current
            next_view = current.id if current is not None else None
        old = self.stored.get(qid)
        unchanged = (old is not None and tuple(old.answers) == values and old.status == CONFIRMED
                     and old.form_hash == self.form.content_hash)
        back = [q for q in new_state.on_path if q != qid and q in self.stored and self.stored[q].status == SET_ASIDE]
        aside = [q for q in new_state.set_aside
                 if q in self.stored and self.stored[q].status not in (SET_ASIDE, PREFILLED)]
        return AnswerPlan(qid, values, new_state, next_view, unchanged, back, aside,
                          previous=(dict(self.stored), self.state, self.viewing))

    def apply(self, plan: AnswerPlan) -> None:
        """Take the planned answer in memory and move on (the wizard shows the next page before the disk is done)."""
        from dataclasses import replace
        from datetime import UTC, datetime

        from algoinventaris.domain.algorithm import StoredAnswer

        now = datetime.now(UTC)
        if not plan.unchanged and plan.question_id not in plan.saved:
            plan.saved[plan.question_id] = StoredAnswer(self.form.id, self.form.version, self.form.content_hash,
                                                        plan.question_id, plan.values, CONFIRMED, now)
        for qid, stored in plan.saved.items():
            self.stored[qid] = stored
        for qid in plan.back_on_route:
            if qid not in plan.saved:
                self.stored[qid] = replace(self.stored[qid], status=CONFIRMED)
        for qid in plan.newly_aside:
            self.stored[qid] = replace(self.stored[qid], status=SET_ASIDE)
        self.state = plan.new_state
        nxt = plan.next_view
        self.viewing = nxt if nxt is None or nxt in self.reachable() else self.frontier

    def persist(self, plan: AnswerPlan) -> None:
        """Write the planned answer: the answer row (one transaction), statuses, and the outcome when it changed."""
        before = {q: sa.status for q, sa in plan.previous[0].items()}
        was = self._conclusion_of(plan.previous[1], before)
        if not plan.unchanged:
            plan.saved[plan.question_id] = self.store.save_answer(
                self.algorithm_id, self.form, plan.question_id, plan.values, status=CONFIRMED,
                current_question=plan.next_view)
        for q in plan.back_on_route:
            plan.saved[q] = self.store.save_answer(self.algorithm_id, self.form, q, self.stored[q].answers,
                                                   status=CONFIRMED, current_question=plan.next_view)
        if plan.newly_aside:
            self.store.mark_set_aside(self.algorithm_id, self.form.id, plan.newly_aside)
        statuses = dict(before)
        statuses.update({q: CONFIRMED for q in (plan.question_id, *plan.back_on_route)})
        self._sync_outcome(was, self._conclusion_of(plan.new_state, statuses), force=not plan.unchanged)

    def revert(self, plan: AnswerPlan) -> None:
        """Undo `apply` after `persist` failed: back to the question, then re-read what the database holds."""
        stored, state, viewing = plan.previous
        self.stored, self.state, self.viewing = dict(stored), state, viewing
        try:
            self.reload()
        except Exception:
            self.stored, self.state = dict(stored), state
        if self.viewing is not None and self.viewing not in self.reachable():
            self.viewing = self.frontier

    def _check(self, question: Question, values: tuple[str, ...]) -> None:
        """Refuse an impossible answer before anything is written."""
        if not values:
            raise AnswerRejected(f"question '{question.id}' has no answer")
        if not getattr(question, "is_value", False):
            for value in values:
                if question.answer(value) is None:
                    raise AnswerRejected(f"question '{question.id}' has no answer '{value}'")
        # Replaying the route up to this question with the new answer must give a way on.
        path = self.state.on_path
        prefix = path[: path.index(question.id)] if question.id in path else list(path)
        steps = [Step(q, self.answer_of(q)) for q in prefix]
        try:
            run(self.form, [*steps, Step(question.id, values)])
        except DecisionError as err:
            raise AnswerRejected(str(err)) from err

    @staticmethod
    def _conclusion_of(state: SessionState, statuses: dict[str, str]) -> Conclusion | None:
        """The conclusion a state reaches when no answer on its route is an unconfirmed proposal."""
        if any(statuses.get(q) == PREFILLED for q in state.on_path):
            return None
        return state.decision.conclusion

    def _sync_outcome(self, before: Conclusion | None, after: Conclusion | None, force: bool) -> None:
        if not self.records_outcome:
            return
        if before is not None and after is not None and before.id == after.id and not force:
            return
        if after is not None:
            self.store.set_outcome(self.algorithm_id, after.id, after.ref, state="complete")
        elif before is not None:
            self.store.set_outcome(self.algorithm_id, None, None, state="draft")

    def prefill(self, proposals: Mapping[str, Sequence[str]], *, current_question: str | None = None) -> list[str]:
        """Store proposals as pre-filled answers (status "prefilled") for questions the owner has not answered.

        A pre-filled answer that is still unconfirmed is replaced when the proposal changed; a confirmed or
        set-aside answer is never touched. Each answer is one transaction; returns the questions written.
        """
        written: list[str] = []
        for qid, values in proposals.items():
            if self.form.question(qid) is None or not values:
                continue
            old = self.stored.get(qid)
            if old is not None and (old.status != PREFILLED or tuple(old.answers) == tuple(values)):
                continue
            self.stored[qid] = self.store.save_answer(self.algorithm_id, self.form, qid, tuple(values), status=PREFILLED,
                                                      current_question=current_question)
            written.append(qid)
        if written:
            self.state = resolve(self.form, self._given())
        return written

    def discard_set_aside(self) -> int:
        """Delete the set-aside answers (after the owner confirmed); returns how many went."""
        aside = [q for q in self.set_aside if q in self.stored and self.stored[q].status != SET_ASIDE]
        if aside:
            self.store.mark_set_aside(self.algorithm_id, self.form.id, aside)
        count = self.store.discard_set_aside(self.algorithm_id, self.form.id)
        self.reload()
        if self.viewing is not None and self.viewing not in self.reachable():
            self.viewing = self.frontier
        return count

    # -- texts -------------------------------------------------------------------------------
    def answer_texts(self, qid: str, lang: str) -> list[str]:
        """The stored answer of a question in words (answer texts, or the value itself)."""
        from algoinventaris.formengine.model import text_in

        question = self.form.question(qid)
        values = self.answer_of(qid)
        if question is None:
            return list(values)
        if getattr(question, "is_value", False):
            return [describe_value(question, v, lang) for v in values]
        out = []
        for value in values:
            ans = question.answer(value)
            out.append(text_in(ans.text, lang) if ans is not None else value)
        return out


def describe_value(question: Any, value: str, lang: str) -> str:
    """A stored value in words: the label of an allowed value, else the value itself."""
    spec = getattr(question, "field", None)
    if spec is not None and hasattr(spec, "value_label"):
        return str(spec.value_label(value, lang))
    return value




class RouteNode:
    """A node of the tree of known routes: after these answers, how many questions followed the next one."""

    __slots__ = ("after", "children", "median")

    def __init__(self) -> None:
        self.children: dict[tuple[str, tuple[str, ...]], RouteNode] = {}
        self.after: list[int] = []
        self.median: int | None = None

    def typical(self) -> int:
        if self.median is None:
            ordered = sorted(self.after)
            self.median = ordered[len(ordered) // 2]
        return self.median


_ROUTES: dict[str, RouteNode] = {}


def route_tree(form: Form) -> RouteNode:
    """Every condition-respecting route that ends in a conclusion, as a tree keyed by the answers (built once per form).

    Value questions count as one branch whatever the text (they match on the question alone).
    """
    found = _ROUTES.get(form.content_hash)
    if found is not None:
        return found
    from algoinventaris.formengine.paths import explore

    value_questions = {q.id for q in form.questions if getattr(q, "is_value", False)}
    root = RouteNode()
    for walked in explore(form, max_paths=50_000).paths:
        if walked.end_kind != "conclusion":
            continue
        node = root
        total = len(walked.steps)
        for depth, (qid, answers) in enumerate(walked.steps):
            node.after.append(total - depth - 1)
            key = (qid, () if qid in value_questions else tuple(answers))
            child = node.children.get(key)
            if child is None:
                child = node.children[key] = RouteNode()
            node = child
    if len(_ROUTES) > 8:
        _ROUTES.clear()
    _ROUTES[form.content_hash] = root
    return root


def questions_after(form: Form, state: SessionState) -> int:
    """About how many questions follow the first open one: the median over the known routes with the same answers so far.

    When no known route matches (a form too big to walk, or answers the walk did not try), the
    shortest way to a conclusion is used (session.remaining_estimate).
    """
    if state.current is None:
        return 0
    node: RouteNode | None = route_tree(form)
    value_questions = {q.id for q in form.questions if getattr(q, "is_value", False)} if form.questions else set()
    for trace in state.decision.path:
        if node is None:
            break
        key = (trace.question, () if trace.question in value_questions else tuple(trace.answers))
        node = node.children.get(key)
    if node is not None and node.after:
        return node.typical()
    return max(remaining_estimate(form, state) - 1, 0)
