"""Ties one algorithm's questionnaires together for the wizard (Qt-free): proposals, the category and the overview.

The owner walks forms/ai-act, then forms/impact, then forms/register (form_cache.FORM_SEQUENCE). Each
form has its own WizardController; this module adds what crosses forms:

- the category question of the impact form is pre-selected with the app's proposal
  (domain/category.derive from the AI-Act outcome and the four impact answers), with the reasons;
- choosing another category than proposed needs a reason of at least 20 characters (checked on Next);
- once the impact form is complete, the category in force is recorded on the algorithm (set_outcome);
- entering the register form stores register.prefill values (name, organisation, publication category,
  field defaults) as *pre-filled* answers that the owner confirms one by one; for an algorithm started from a
  CDO draft the draft's answers stay as they came (only questions without an answer get a value, and the
  publication category once the category is known);
- for an algorithm started from a CDO draft: the register texts beside an unanswered AI-Act question
  (`hints`, never an answer) and what of the draft was not taken (`not_taken`, for the summary);
- `overview(lang)` gathers, for the summary and the export dialog, the category with its reasons, the
  override flag, exclusion, assessments, the Algoritmekader requirements and what is still incomplete.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from algoinventaris.ui.form_cache import AI_ACT, FORM_SEQUENCE, IMPACT, REGISTER, FormCache

if TYPE_CHECKING:
    from algoinventaris.domain.algorithm import AlgorithmSummary
    from algoinventaris.domain.category import Derivation
    from algoinventaris.domain.drafts import DraftOrigin
    from algoinventaris.formengine.model import Form
    from algoinventaris.ui.controller import WizardController

log = logging.getLogger(__name__)

CATEGORY_QUESTION = "category"
CATEGORY_REASON_QUESTION = "category-reason"


@dataclass(frozen=True)
class Overview:
    """What the summary shows beside one form's own conclusion: the algorithm as a whole, in words."""

    ai_act_done: bool
    has_impact_form: bool
    impact_done: bool
    has_register_form: bool
    register_done: bool
    register_problems: int = 0
    category: str | None = None
    category_title: str = ""
    reasons: tuple[str, ...] = ()
    overridden: bool = False
    proposed: str | None = None
    override_reason: str = ""
    warnings: tuple[str, ...] = ()
    exclusion: str = ""
    human_rights_test: str = ""
    dpia: str = ""
    requirements: tuple[tuple[str, str], ...] = ()   # (code, short title)
    incomplete: tuple[str, ...] = field(default_factory=tuple)  # what export will say is not finished


@dataclass(frozen=True)
class NotTakenView:
    """For the summary of an algorithm started from a draft: where it came from, what was not taken, the deviations."""

    source: str                                    # "register" | "spreadsheet"
    origin: str                                    # DraftOrigin.describe(lang)
    fields: tuple[tuple[str, str, str], ...]       # (field label or name, value, why it was not taken)
    deviations: tuple[str, ...]                    # the deviations found when the source was read, as messages


def _msg(lang: str, nl: str, en: str) -> str:
    return en if lang == "en" else nl


class AlgorithmFlow:
    """The cross-form logic for one algorithm, on the owner's repository and the cached forms."""

    def __init__(self, store: Any, forms: FormCache, algorithm_id: str) -> None:
        self.store = store
        self.forms = forms
        self.algorithm_id = algorithm_id
        # The other questionnaires' answers, read once per wizard: while the owner walks one form, only that
        # form's answers change (they come from its controller), so the summary need not read the others again.
        self._others: dict[str, tuple[dict[str, tuple[str, ...]], dict[str, str]]] = {}
        self._summary: AlgorithmSummary | None = None
        self._origin: DraftOrigin | None = None
        self._origin_read = False
        self._hints: dict[str, list[tuple[str, str]]] = {}

    # -- reading -------------------------------------------------------------------------------
    def algorithm(self) -> AlgorithmSummary:
        alg: AlgorithmSummary = self.store.get_algorithm(self.algorithm_id)
        return alg

    def _form(self, name: str) -> Form | None:
        return self.forms.available(name)

    def _stored(self, form: Form, controller: WizardController | None = None) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
        """A form's stored answers and their statuses; the controller's own form as it holds it (saved or about to be)."""
        if controller is not None and controller.form.id == form.id:
            rows = controller.stored
        elif controller is not None:
            cached = self._others.get(form.id)
            if cached is None:
                cached = self._others[form.id] = self._stored(form)
            return cached
        else:
            rows = self.store.answers(self.algorithm_id, form.id)
        return ({q: tuple(sa.answers) for q, sa in rows.items() if sa.answers},
                {q: str(sa.status) for q, sa in rows.items()})

    def ai_act_facts(self) -> dict[str, list[str]] | None:
        """The facts of the AI-Act outcome, or None while the AI-Act questions have no conclusion."""
        from algoinventaris.formengine.session import resolve

        form = self._form(AI_ACT)
        if form is None:
            return None
        answers, statuses = self._stored(form)
        state = resolve(form, answers)
        if not state.done or any(statuses.get(q) == "prefilled" for q in state.on_path):
            return None
        return {dim: list(values) for dim, values in state.decision.facts().items()}

    def category_proposal(self, impact_answers: Mapping[str, Sequence[str]]) -> Derivation:
        """The category the app proposes for these impact answers and the stored AI-Act outcome."""
        from algoinventaris.domain.category import IMPACT_QUESTIONS, derive

        facts = self.ai_act_facts()
        impact = {q: impact_answers[q][0] for q in IMPACT_QUESTIONS if impact_answers.get(q)}
        return derive(facts, impact, ai_act_concluded=facts is not None)

    # -- the wizard's hooks --------------------------------------------------------------------
    def _is(self, controller: WizardController, name: str) -> bool:
        """Whether the controller walks the form of this name (the wizard's forms come from the cache, so no load)."""
        form = self.forms.loaded(name)
        return form is not None and form.id == controller.form.id

    def _impact_answers(self, controller: WizardController) -> dict[str, tuple[str, ...]]:
        return {q: controller.answer_of(q) for q in controller.on_path}

    def proposal(self, controller: WizardController, qid: str) -> tuple[str, ...] | None:
        """An answer to pre-select on a question the owner has not answered yet (None: nothing to propose)."""
        if qid != CATEGORY_QUESTION or not self._is(controller, IMPACT):
            return None
        from algoinventaris.domain.category import proposed_choice

        question = controller.form.question(qid)
        choice = proposed_choice(self.category_proposal(self._impact_answers(controller)))
        if question is None or question.answer(choice) is None:
            return None
        return (choice,)

    def notice(self, controller: WizardController, qid: str, lang: str) -> str:
        """A remark above a question from outside its form: the category proposal with its reasons."""
        if qid != CATEGORY_QUESTION or not self._is(controller, IMPACT):
            return ""
        from algoinventaris.domain.category import CATEGORY_OF_CHOICE

        derived = self.category_proposal(self._impact_answers(controller))
        lines = [_msg(lang, f"De app stelt voor: {derived.title(lang)}.", f"The app proposes: {derived.title(lang)}.")]
        lines.extend(f"• {r}" for r in derived.reason_texts(lang))
        lines.extend(f"⚠ {w.in_lang(lang)}" for w in derived.warnings)
        chosen = CATEGORY_OF_CHOICE.get((controller.answer_of(qid) or ("",))[0])
        if chosen is not None and chosen != derived.category and controller.status_of(qid) == "confirmed":
            lines.append(_msg(lang, f"Je koos eerder categorie {chosen}: licht bij de volgende vraag toe waarom.",
                              f"You chose category {chosen} earlier: explain why in the next question."))
        return "\n".join(lines)

    def problems(self, controller: WizardController, qid: str, values: Sequence[str], lang: str) -> list[str]:
        """What keeps an answer from being taken beyond its own field checks (an override without a reason)."""
        if qid != CATEGORY_REASON_QUESTION or not self._is(controller, IMPACT):
            return []
        from algoinventaris.domain.category import CATEGORY_OF_CHOICE, decide

        chosen = CATEGORY_OF_CHOICE.get((controller.answer_of(CATEGORY_QUESTION) or ("",))[0])
        if chosen is None:
            return []
        derived = self.category_proposal(self._impact_answers(controller))
        return decide(derived, chosen, values[0] if values else "").problems(lang)

    def prefill(self, controller: WizardController) -> list[str]:
        """Store the register form's pre-filled values the owner has not answered yet; returns the questions written."""
        if not self._is(controller, REGISTER):
            return []
        from algoinventaris.domain.register import prefill

        alg = self.algorithm()
        values = prefill(controller.form, name=alg.name, organisation=alg.organisation, category=alg.category)
        if self.draft_origin() is not None:
            # the draft's answers came from the register or last year's sheet: fill only what is empty, and the
            # publication category once this year's category is known
            from algoinventaris.domain.register import register_questions

            publication = register_questions(controller.form).get("publication_category")
            keep = {q for q in values if controller.answer_of(q)}
            if publication is not None and alg.category is not None:
                keep.discard(publication.id)
            values = {q: v for q, v in values.items() if q not in keep}
        where = alg.current_question if alg.current_form == controller.form.id else None
        return controller.prefill({q: (v,) for q, v in values.items()}, current_question=where)

    def after_save(self, controller: WizardController) -> str | None:
        """After an impact answer was saved: once the impact form is complete, record the category in force.

        The category in force is the owner's answer to the category question (pre-selected with the
        proposal), so only the impact answers can change it; answers to other forms leave it alone.
        """
        if not self._is(controller, IMPACT) or not controller.done:
            return None
        from algoinventaris.domain.category import CATEGORY_OF_CHOICE, decide

        answers = {q: controller.answer_of(q) for q in controller.on_path}
        chosen = CATEGORY_OF_CHOICE.get((answers.get(CATEGORY_QUESTION) or ("",))[0])
        category = decide(self.category_proposal(answers), chosen).category
        alg = self.algorithm()
        if alg.category != category:
            self.store.set_outcome(alg.id, alg.conclusion, alg.conclusion_ref, category=category)
        return category

    # -- started from a CDO draft --------------------------------------------------------------
    def draft_origin(self) -> DraftOrigin | None:
        """The draft this algorithm was started from (read once per wizard), or None."""
        if not self._origin_read:
            finder = getattr(self.store, "draft_origin", None)
            self._origin = finder(self.algorithm_id) if finder is not None else None
            self._origin_read = True
        return self._origin

    def hints(self, controller: WizardController, qid: str, lang: str) -> list[tuple[str, str]]:
        """(label, text) of the register texts to show beside an unanswered AI-Act question; [] when there are none.

        Only for an algorithm started from a draft, only on the AI-Act questions and only while the question has
        no answer: the texts are information, never an answer.
        """
        if controller.answer_of(qid) or not self._is(controller, AI_ACT):
            return []
        origin = self.draft_origin()
        if origin is None:
            return []
        found = self._hints.get(lang)
        if found is None:
            from algoinventaris.package.drafts import register_hints

            found = self._hints[lang] = register_hints(origin, self._form(REGISTER), lang)
        return found

    def not_taken(self, lang: str) -> NotTakenView | None:
        """What of the draft did not become an answer, and how its source deviated (None: not started from a draft)."""
        origin = self.draft_origin()
        if origin is None:
            return None
        labels: dict[str, str] = {}
        register = self._form(REGISTER)
        if register is not None:
            from algoinventaris.formengine.fields import label_of

            for q in register.questions:
                if q.field is not None:
                    labels[q.id] = label_of(q.field, lang, q.id)
                    if q.field.register_field:
                        labels[q.field.register_field] = labels[q.id]
        fields = tuple((labels.get(n.field, n.field), n.value, n.reason_text(lang)) for n in origin.not_mapped)
        deviations = tuple(d.message or f"{d.field}: {d.value}" for d in origin.deviations)
        return NotTakenView(origin.source, origin.describe(lang), fields, deviations)

    # -- the overview --------------------------------------------------------------------------
    def year_changes(self, lang: str) -> list[str] | None:
        """"Veranderd sinds vorig jaar" for an algorithm started from last year's (None when it was started afresh)."""
        if getattr(self.store, "carry_over", None) is None or self.store.carry_over(self.algorithm_id) is None:
            return None
        from algoinventaris.package.rounds import year_changes

        changes = year_changes(self.store, self.algorithm_id)
        return None if changes is None else list(changes.lines(lang))

    def overview(self, lang: str, controller: WizardController | None = None) -> Overview:
        """Everything the summary shows about the algorithm as a whole (reads the database and the cached forms).

        With a controller, its form's answers are taken as the controller holds them: the wizard shows the
        summary before the last answer is on disk.
        """
        from algoinventaris.domain import requirements as ak
        from algoinventaris.domain.register import build_entry

        if controller is None or self._summary is None:
            self._summary = self.algorithm()
        alg = self._summary  # name and organisation, for the register record
        forms: dict[str, Form] = {}
        stored: dict[str, dict[str, tuple[str, ...]]] = {}
        statuses: dict[str, dict[str, str]] = {}
        for name in FORM_SEQUENCE:
            form = self._form(name)
            if form is None:
                continue
            forms[name] = form
            stored[name], statuses[name] = self._stored(form, controller)
        try:
            requirement_set = ak.load_requirements()
        except ak.RequirementsError as err:
            log.warning("the Algoritmekader requirements do not load: %s", err)
            requirement_set = ak.RequirementSet(())
        entry = build_entry(alg.id, alg.name, alg.organisation, forms, stored, lang=lang, requirements=requirement_set)
        replayed = {AI_ACT: entry.ai_act, IMPACT: entry.impact, REGISTER: entry.register}

        def done(name: str) -> bool:
            """The form's route is complete and no answer on it is an unconfirmed proposal."""
            state = replayed.get(name) if name in forms else None
            if state is None or not state.done:
                return False
            return not any(statuses[name].get(q) == "prefilled" for q in state.state.on_path)

        ai_act_done = done(AI_ACT)
        impact_done = IMPACT in forms and done(IMPACT)
        register_done = REGISTER in forms and done(REGISTER) and not entry.field_problems
        assessment = entry.assessment
        incomplete: list[str] = []
        if IMPACT in forms and not impact_done:
            incomplete.append(_msg(lang, "De vragen over impact, publicatie en toetsen zijn nog niet af: het pakket krijgt "
                                         "dan nog geen categorie.",
                                   "The questions on impact, publication and assessments are not finished: the package "
                                   "then has no category yet."))
        if REGISTER in forms and not register_done:
            count = sum(len(m) for m in entry.field_problems.values())
            incomplete.append(_msg(lang, "De beschrijving voor het Algoritmeregister is nog niet compleet; register.json "
                                         "in het pakket vermeldt dat.",
                                   "The description for the algorithm register is not complete yet; register.json in "
                                   "the package says so.")
                              + (_msg(lang, f" Problemen in de velden: {count}.", f" Problems in the fields: {count}.")
                                 if count else ""))
        category: str | None = None
        reasons: tuple[str, ...] = ()
        warnings: tuple[str, ...] = ()
        decision = assessment.category
        if impact_done:
            category = decision.category
            reasons = tuple(decision.derived.reason_texts(lang))
            warnings = tuple([w.in_lang(lang) for w in decision.derived.warnings] + decision.problems(lang))
        requirements = tuple((r.code, r.title_in(lang)) for r in entry.requirements) if ai_act_done else ()
        return Overview(
            ai_act_done=ai_act_done,
            has_impact_form=IMPACT in forms,
            impact_done=impact_done,
            has_register_form=REGISTER in forms,
            register_done=register_done,
            register_problems=sum(len(m) for m in entry.field_problems.values()),
            category=category,
            category_title=decision.derived.title(lang) if category is None else _category_title(category, lang),
            reasons=reasons,
            overridden=impact_done and decision.overridden,
            proposed=decision.derived.category,
            override_reason=decision.reason.strip() if impact_done else "",
            warnings=warnings,
            exclusion=assessment.exclusion.describe(lang) if impact_done else "",
            human_rights_test=assessment.human_rights_test.describe(lang) if impact_done else "",
            dpia=assessment.dpia.describe(lang) if impact_done else "",
            requirements=requirements,
            incomplete=tuple(incomplete),
        )


def _category_title(category: str, lang: str) -> str:
    from algoinventaris.domain.category import CATEGORY_TITLES

    titles = CATEGORY_TITLES.get(category, {})
    return titles.get(lang) or titles.get("nl") or category
