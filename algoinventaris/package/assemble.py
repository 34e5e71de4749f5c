"""Turns a form and the stored answers into a Submission, replaying the decision (refuses what is not finished)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from algoinventaris.domain.submission import (
    AiActOutcome,
    AlgorithmInfo,
    CategoryInfo,
    FormAnswers,
    FormInfo,
    PathStep,
    RegisterInfo,
    Requirement,
    SourceRef,
    Submission,
)
from algoinventaris.formengine.model import Form, text_in
from algoinventaris.formengine.runner import Decision
from algoinventaris.formengine.session import resolve
from algoinventaris.package.errors import NotReady


def form_info(form: Form, language: str) -> FormInfo:
    """The form's identity, with its title in the language."""
    return FormInfo(form.id, form.version, form.content_hash, text_in(form.title, language))


def _question_label(form: Form, qid: str) -> str:
    """The question's id with its official ref, e.g. "'role' (1.2)"."""
    question = form.question(qid)
    if question is None:
        return f"'{qid}'"
    ref = f" ({question.ref})" if question.ref else ""
    return f"'{qid}'{ref}"


def _question_text(form: Form, qid: str, language: str) -> str:
    question = form.question(qid)
    return f": {text_in(question.text, language)}" if question is not None else ""


def submission_from_answers(
    form: Form,
    stored: Mapping[str, Sequence[str]],
    algorithm: AlgorithmInfo,
    *,
    language: str = "nl",
    owner: str | None = None,
    statuses: Mapping[str, str] | None = None,
    register: RegisterInfo | None = None,
    category: CategoryInfo | None = None,
    requirements: Sequence[Requirement] = (),
) -> Submission:
    """Replay the stored answers through the AI-Act form; NotReady when no conclusion is reached yet.

    `statuses` (question id -> "confirmed" | "prefilled" | ...) refuses answers on the path that
    were carried over but never confirmed by the owner.
    """
    state = resolve(form, stored)
    if state.problem is not None:
        current = state.current
        qid = current.id if current is not None else None
        label = _question_label(form, qid) if qid else ""
        raise NotReady(
            f"nog niet afgerond: het antwoord op vraag {label} past niet meer bij de vragenlijst; beantwoord hem "
            f"opnieuw{_question_text(form, qid, 'nl') if qid else ''}",
            f"not finished: the answer to question {label} no longer fits the questionnaire; answer it "
            f"again{_question_text(form, qid, 'en') if qid else ''}",
            qid)
    if not state.done:
        current = state.current
        qid = current.id if current is not None else "?"
        raise NotReady(f"nog niet afgerond: vraag {_question_label(form, qid)} staat open{_question_text(form, qid, 'nl')}",
                       f"not finished: question {_question_label(form, qid)} is still open{_question_text(form, qid, 'en')}",
                       qid)
    for qid in state.on_path:
        status = (statuses or {}).get(qid, "confirmed")
        if status != "confirmed":
            raise NotReady(
                f"nog niet afgerond: het antwoord op vraag {_question_label(form, qid)} is overgenomen "
                f"maar nog niet bevestigd{_question_text(form, qid, 'nl')}",
                f"not finished: the answer to question {_question_label(form, qid)} was carried over "
                f"but not confirmed yet{_question_text(form, qid, 'en')}", qid)
    decision = state.decision
    conclusion = decision.conclusion
    assert conclusion is not None  # state.done
    lang = language
    info = form_info(form, lang)
    steps = path_steps(form, decision, lang, statuses)
    outcome = AiActOutcome(
        form=info,
        conclusion_id=conclusion.id,
        conclusion_ref=conclusion.ref,
        title=text_in(conclusion.title, lang),
        text=text_in(conclusion.text, lang),
        obligations=tuple(text_in(o, lang) for o in conclusion.obligations),
        sources=tuple(SourceRef(text_in(s.title, lang), s.article, s.url) for s in conclusion.sources),
        labels=tuple(decision.labels),
        label_refs=tuple((form.label_map[lab].ref or lab) if lab in form.label_map else lab for lab in decision.labels),
        label_texts=tuple(text_in(form.label_map[lab].text, lang) if lab in form.label_map else lab
                          for lab in decision.labels),
        facts={dim: tuple(values) for dim, values in decision.facts().items()},
    )
    return Submission(
        algorithm=algorithm,
        ai_act=outcome,
        answers=(FormAnswers(info, tuple(steps)),),
        language=language,
        owner=owner,
        register=register or RegisterInfo(),
        category=category,
        requirements=tuple(requirements),
    )


def path_steps(form: Form, decision: Decision, lang: str, statuses: Mapping[str, str] | None = None) -> list[PathStep]:
    """The answered questions on a decision's path, with their texts in `lang`, as package path steps."""
    steps: list[PathStep] = []
    for trace in decision.path:
        question = form.question_map[trace.question]
        answers = [question.answer(a) for a in trace.answers]
        if trace.target_kind == "question":
            nxt = form.question(trace.target)
            next_text = text_in(nxt.text, lang) if nxt is not None else trace.target
        else:
            concl = form.conclusion(trace.target)
            next_text = text_in(concl.title, lang) if concl is not None else trace.target
        explanations = [text_in(a.explanation, lang) for a in answers if a is not None and a.explanation]
        steps.append(PathStep(
            question_id=question.id,
            question_ref=question.ref,
            question_text=text_in(question.text, lang),
            section=text_in(question.section, lang) or None,
            answer_ids=tuple(trace.answers),
            answer_refs=tuple(a.ref if a is not None else None for a in answers),
            answer_texts=tuple(text_in(a.text, lang) if a is not None else aid for a, aid in zip(answers, trace.answers, strict=True)),
            labels_added=tuple(trace.labels_added),
            label_texts=tuple(text_in(form.label_map[lab].text, lang) if lab in form.label_map else lab
                              for lab in trace.labels_added),
            next_kind=trace.target_kind,
            next_id=trace.target,
            next_text=next_text,
            explanation=" ".join(explanations) or None,
            status=(statuses or {}).get(question.id, "confirmed"),
        ))
    return steps


def form_answers(form: Form, stored: Mapping[str, Sequence[str]], lang: str,
                 statuses: Mapping[str, str] | None = None) -> FormAnswers | None:
    """The answers on the path of any form (impact, register), or None when nothing is answered yet."""
    state = resolve(form, stored)
    if not state.on_path:
        return None
    return FormAnswers(form_info(form, lang), tuple(path_steps(form, state.decision, lang, statuses)))
