"""Algoritmeregister records (publication standard 1.0) from an algorithm's answers, with every check in words.

`build_record` turns the on-path answers of forms/register into one record in the register's v1.0 field
structure, the shape of its download files and of the body its delivery API takes: the 29 fields of the
standard (empty optional fields as null; `category` a list of themes; the three `*_grouping` fields lists of
{title, link}) plus `lars` when the algorithm already has an id. Fields the owner marked as internal
(partial exclusion) never appear in the record; a fully excluded algorithm has no record at all.

`build_entry` puts together everything about one algorithm that the export, the summary, the package and
`show` need: the AI-Act decision, the impact assessment (category, exclusion, tests), the register record,
the applicable requirements, and every problem that stands in the way of publication.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from algoinventaris.domain.category import (
    CATEGORY_OF_PUBLICATION,
    PUBLICATION_CATEGORY,
    ImpactAssessment,
    assess,
)
from algoinventaris.domain.requirements import Requirement, RequirementSet, applicable
from algoinventaris.formengine import fields
from algoinventaris.formengine.model import Form, Question
from algoinventaris.formengine.runner import Decision
from algoinventaris.formengine.session import SessionState, resolve

StoredAnswers = Mapping[str, Sequence[str]]

# The fields of publication standard 1.0 in the register's order, then the register's own id.
STANDARD_FIELDS = (
    "name", "description_short", "organization", "category", "status", "begin_date", "end_date",
    "contact_email", "website", "publication_category", "url", "goal", "proportionality",
    "human_intervention", "risks", "lawful_basis", "lawful_basis_grouping", "process_index_url",
    "impacttoetsen_grouping", "impacttoetsen", "source_data", "source_data_grouping", "methods_and_models",
    "provider", "publiccode", "lang", "standard_version", "source_id", "tags",
)
# Set by the register itself: lars (its id, kept when the owner knows it) and publication_dt (never sent).
REGISTER_ASSIGNED = ("lars", "publication_dt")
REQUIRED_FIELDS = ("name", "description_short", "organization", "status", "contact_email", "publication_category", "lang")

AI_ACT_FORM = "ai-act"
IMPACT_FORM = "impact"
REGISTER_FORM = "register"
FORM_IDS = (AI_ACT_FORM, IMPACT_FORM, REGISTER_FORM)


def _msg(lang: str, nl: str, en: str) -> str:
    return en if lang == "en" else nl


def register_questions(form: Form) -> dict[str, Question]:
    """The questions of a form that fill a register field, by register field name."""
    return {q.field.register_field: q for q in form.questions if q.field is not None and q.field.register_field}


def _field_value(question: Question, text: str) -> Any:
    if fields.is_empty(question, text):
        return None
    value = fields.decode(question, text)
    if question.type == "group" and question.field is not None and isinstance(value, list):
        names = {sub.id: (sub.field.register_field or sub.id) for sub in question.field.fields}
        out = []
        for item in value:
            assert isinstance(item, dict)
            out.append({names.get(k, k): (v if v.strip() else None) for k, v in item.items() if k in names})
        return out
    return value


def build_record(form: Form, answers: StoredAnswers, *, internal_fields: Sequence[str] = ()) -> dict[str, Any]:
    """One register record (standard 1.0 keys) from the on-path answers of the register form.

    Fields without an on-path answer are null; `lars` is present only when given; internal fields are left
    out entirely (not null: absent).
    """
    by_field = register_questions(form)
    record: dict[str, Any] = {}
    for name in STANDARD_FIELDS:
        question = by_field.get(name)
        given = answers.get(question.id) if question is not None else None
        record[name] = _field_value(question, given[0]) if question is not None and given else None
    lars_q = by_field.get("lars")
    if lars_q is not None:
        given = answers.get(lars_q.id)
        if given and given[0].strip():
            record["lars"] = given[0].strip()
    hidden = set(internal_fields)
    return {k: v for k, v in record.items() if k not in hidden}


def record_problems(form: Form, answers: StoredAnswers, lang: str = "nl") -> dict[str, list[str]]:
    """Every rule the register answers break, per question id (field-named messages); empty: all fine."""
    out: dict[str, list[str]] = {}
    for question in form.questions:
        if question.field is None or question.id not in answers:
            continue
        given = answers[question.id]
        value = given[0] if given else ""
        msgs = fields.validate(question, value, lang)
        if msgs:
            out[question.id] = msgs
    begin_q = next((q for q in form.questions if q.field is not None and q.field.register_field == "begin_date"), None)
    end_q = next((q for q in form.questions if q.field is not None and q.field.register_field == "end_date"), None)
    if begin_q is not None and end_q is not None:
        begin = fields.parse_month((answers.get(begin_q.id) or [""])[0])
        end = fields.parse_month((answers.get(end_q.id) or [""])[0])
        if begin is not None and end is not None and end < begin:
            label = fields.label_of(end_q.field, lang, end_q.id) if end_q.field else end_q.id
            out.setdefault(end_q.id, []).append(_msg(
                lang, f"{label}: ligt vóór de begindatum", f"{label}: is before the start date"))
    return out


@dataclass
class FormState:
    """One form's answers replayed: the session state and the on-path answers."""

    form: Form
    state: SessionState
    answers: dict[str, tuple[str, ...]]

    @property
    def done(self) -> bool:
        return self.state.done

    def open_question_text(self, lang: str) -> str:
        q = self.state.current
        if q is None:
            return ""
        if q.field is not None:
            return fields.label_of(q.field, lang, q.id)
        return q.text.get(lang) or q.text.get("nl") or q.id


def replay(form: Form, stored: StoredAnswers) -> FormState:
    """Replay stored answers (question id -> answers) through a form; keep only the answers on the path."""
    state = resolve(form, stored)
    on_path = {qid: tuple(stored[qid]) for qid in state.on_path}
    return FormState(form, state, on_path)


@dataclass
class RegisterEntry:
    """Everything about one algorithm's publication: outcome, category, exclusion, record and problems."""

    algorithm_id: str
    name: str
    organisation: str
    ai_act: FormState | None
    impact: FormState | None
    register: FormState | None
    assessment: ImpactAssessment
    record: dict[str, Any] | None
    requirements: list[Requirement] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    field_problems: dict[str, list[str]] = field(default_factory=dict)

    @property
    def category(self) -> str:
        return self.assessment.category.category

    @property
    def excluded(self) -> bool:
        """True when publication is fully excluded (there is no record to export)."""
        return self.assessment.exclusion.full

    @property
    def publishable(self) -> bool:
        """True when the record can go to the register: no problems and not fully excluded."""
        return self.record is not None and not self.problems and not self.excluded

    def decision(self) -> Decision | None:
        return self.ai_act.state.decision if self.ai_act is not None else None


def build_entry(algorithm_id: str, name: str, organisation: str, forms: Mapping[str, Form],
                stored: Mapping[str, StoredAnswers], *, lang: str = "nl",
                requirements: RequirementSet | None = None) -> RegisterEntry:
    """Assemble the publication view of one algorithm from its stored answers per form id.

    `forms` maps "ai-act", "impact" and "register" to loaded forms (a missing form is reported as a problem).
    """
    problems: list[str] = []
    states: dict[str, FormState | None] = {}
    for fid in FORM_IDS:
        form = forms.get(fid)
        if form is None:
            states[fid] = None
            problems.append(_msg(lang, f"de vragenlijst '{fid}' ontbreekt", f"the questionnaire '{fid}' is missing"))
            continue
        state = replay(form, stored.get(fid, {}))
        states[fid] = state
        if state.state.problem:
            problems.append(_msg(lang, f"{fid}: een opgeslagen antwoord past niet meer ({state.state.problem})",
                                 f"{fid}: a stored answer no longer fits ({state.state.problem})"))
        if not state.done:
            what = state.open_question_text(lang)
            problems.append(_msg(lang, f"{fid}: nog niet af, vraag '{what}' staat open",
                                 f"{fid}: not finished, question '{what}' is open"))
    ai_act = states["ai-act"]
    impact = states["impact"]
    register = states["register"]
    decision = ai_act.state.decision if ai_act is not None else None
    facts = decision.facts() if decision is not None and decision.done else None
    assessment = assess(facts, impact.answers if impact is not None else {},
                        ai_act_concluded=bool(decision is not None and decision.done),
                        impact_complete=bool(impact is not None and impact.done))
    problems.extend(assessment.category.problems(lang))
    field_problems: dict[str, list[str]] = {}
    record: dict[str, Any] | None = None
    if register is not None:
        field_problems = record_problems(register.form, register.answers, lang)
        for msgs in field_problems.values():
            problems.extend(msgs)
        if not assessment.exclusion.full:
            record = build_record(register.form, register.answers, internal_fields=assessment.exclusion.internal_fields)
            given = record.get("publication_category")
            if given is not None and given != PUBLICATION_CATEGORY[assessment.category.category]:
                problems.append(_msg(
                    lang,
                    f"Publicatiecategorie: '{given}' past niet bij categorie {assessment.category.category} "
                    f"('{PUBLICATION_CATEGORY[assessment.category.category]}')",
                    f"Publication category: '{given}' does not match category {assessment.category.category} "
                    f"('{PUBLICATION_CATEGORY[assessment.category.category]}')"))
    reqs = applicable(facts, requirements) if facts is not None else []
    return RegisterEntry(algorithm_id, name, organisation, ai_act, impact, register, assessment, record,
                         reqs, problems, field_problems)


def prefill(form: Form, *, name: str = "", organisation: str = "", category: str | None = None) -> dict[str, str]:
    """Values the wizard can pre-fill in the register form: name, organisation, category and field defaults."""
    by_field = register_questions(form)
    out: dict[str, str] = {}
    for question in form.questions:
        if question.field is not None and question.field.default is not None:
            out[question.id] = question.field.default
    if name and "name" in by_field:
        out[by_field["name"].id] = name
    if organisation and "organization" in by_field:
        out[by_field["organization"].id] = organisation
    if category is not None and "publication_category" in by_field:
        out[by_field["publication_category"].id] = PUBLICATION_CATEGORY[category]
    return out


def category_of_record(record: Mapping[str, Any]) -> str | None:
    """A/B/C from a record's publication_category, or None."""
    value = record.get("publication_category")
    return CATEGORY_OF_PUBLICATION.get(value) if isinstance(value, str) else None


def submission_parts(entry: RegisterEntry, lang: str = "nl") -> tuple[Any, Any, tuple[Any, ...]]:
    """The register, category and requirement parts of a package Submission (domain/submission.py) for an entry.

    Returns (RegisterInfo, CategoryInfo or None, requirements). The register part holds every register field
    on the path, by its key in the standard, including fields marked internal: the package goes to the CDO,
    not to the public register (the register export leaves internal fields out). List and group values
    are their JSON text.
    """
    from algoinventaris.domain.submission import CategoryInfo, FormInfo, RegisterField, RegisterInfo
    from algoinventaris.domain.submission import Requirement as RequirementInfo

    register_info = RegisterInfo()
    if entry.register is not None:
        form = entry.register.form
        values: list[RegisterField] = []
        for question in form.questions:
            spec = question.field
            given = entry.register.answers.get(question.id)
            if spec is None or not spec.register_field or not given or fields.is_empty(question, given[0]):
                continue
            values.append(RegisterField(spec.register_field, fields.label_of(spec, lang, question.id), given[0]))
        register_info = RegisterInfo(
            standard="algoritmeregister-1.0",
            form=FormInfo(form.id, form.version, form.content_hash, form.title.get(lang) or form.title.get("nl", "")),
            fields=tuple(values),
            complete=entry.register.done and not entry.field_problems,
        )
    category_info = None
    if entry.impact is not None and entry.impact.done:
        assessment = entry.assessment
        reasons = list(assessment.category.derived.reason_texts(lang))
        if assessment.category.overridden:
            reasons.append(("Reason of the owner: " if lang == "en" else "Toelichting van de eigenaar: ")
                           + assessment.category.reason.strip())
        category_info = CategoryInfo(
            category=assessment.category.category,
            reasons=tuple(reasons),
            exclusion_ground=assessment.exclusion.ground,
            human_rights_test=assessment.human_rights_test.status,
        )
    requirements = tuple(RequirementInfo(r.id, f"{r.code}: {r.title_in(lang)}") for r in entry.requirements)
    return register_info, category_info, requirements
