"""Realistic signed sample packages made with the real builder and the bundled forms (for tests, benchmarks and demos).

A `Sample` describes one algorithm: which kind of AI-Act outcome (a real path through forms/ai-act is
looked up once), the impact answers (forms/impact; category, exclusion ground, human-rights test) and
the register fields. `build_sample` turns it into a Submission and `write_sample` into a package
signed by the given signer, exactly as an owner's export would.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from algoinventaris import config
from algoinventaris.domain.submission import (
    AlgorithmInfo,
    CategoryInfo,
    FormAnswers,
    PathStep,
    RegisterField,
    RegisterInfo,
    Submission,
)
from algoinventaris.formengine.fields import sample_values, validate
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.model import Form, text_in
from algoinventaris.formengine.runner import Step, run
from algoinventaris.formengine.session import resolve
from algoinventaris.package.assemble import form_info, submission_from_answers
from algoinventaris.package.build import PackageContents, prepare_contents, write_atomic, zip_bytes
from algoinventaris.package.keys import Signer

KINDS = ("high-risk", "low-risk", "not-ai", "prohibited")
LONG_TEXT = "Een toelichting in gewone woorden, lang genoeg voor elke controle op dit veld."
STANDARD = "algoritmeregister-1.0"


@dataclass(frozen=True)
class Sample:
    """One algorithm as an owner would describe it."""

    name: str
    unit: str
    organisation: str = "Ministerie van Voorbeeldzaken"
    round: str = "Inventarisatie 2026"
    kind: str = "high-risk"
    impact: Mapping[str, str] = field(default_factory=dict)  # impact question id -> answer (overrides)
    with_impact: bool = True
    register_complete: bool = True
    language: str = "nl"
    algorithm_id: str = ""


@functools.cache
def _form(name: str, folder: str) -> Form:
    return load_form(Path(folder) / name)


def forms(folder: Path | None = None) -> dict[str, Form]:
    """The bundled ai-act and impact forms."""
    root = str(folder or config.forms_dir())
    return {"ai-act": _form("ai-act", root), "impact": _form("impact", root)}


@functools.cache
def _paths(folder: str) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """For each kind of outcome, the shortest real path through forms/ai-act that ends in it."""
    from algoinventaris.formengine.paths import explore

    form = _form("ai-act", folder)
    best: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    for path in explore(form).paths:
        if path.end_kind != "conclusion":
            continue
        decision = run(form, [Step(q, a) for q, a in path.steps])
        risk = set(decision.facts().get("risicogroep", []))
        applies = set(decision.facts().get("ai-verordening", []))
        ok = {"high-risk": "hoog-risico-ai-systeem" in risk, "prohibited": "verboden-ai" in risk,
              "low-risk": not risk & {"hoog-risico-ai-systeem", "verboden-ai"} and "van-toepassing" in applies,
              "not-ai": "niet-van-toepassing" in applies}
        for kind, fits in ok.items():
            if fits and (kind not in best or len(path.steps) < len(best[kind])):
                best[kind] = path.steps
    return best


def _path_for(kind: str, folder: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    found = _paths(folder).get(kind)
    if found is None:
        raise ValueError(f"forms/ai-act has no path ending in a {kind} outcome")
    return found


def walk(form: Form, wanted: Mapping[str, str]) -> dict[str, list[str]]:
    """Answers along the form's routing: the wanted answer where given, else the first answer or a valid sample value."""
    stored: dict[str, list[str]] = {}
    for _ in range(len(form.questions) + 1):
        state = resolve(form, stored)
        question = state.current
        if question is None or state.done:
            break
        if question.id in wanted:
            stored[question.id] = [wanted[question.id]]
        elif question.is_value:
            candidates = [*sample_values(question), LONG_TEXT]
            stored[question.id] = [next((v for v in candidates if not validate(question, v, "en")), candidates[0])]
        else:
            stored[question.id] = [question.answers[0].id]
    state = resolve(form, stored)
    return {qid: stored[qid] for qid in state.on_path}


DEFAULT_IMPACT = {
    "high-risk": {"legal-effects": "yes", "decisions-about-persons": "yes", "risk-selection": "yes", "judged-impactful": "yes",
                  "category": "a", "publication-excluded": "no", "iama-status": "done", "dpia-status": "done",
                  "eu-database": "registered"},
    "prohibited": {"legal-effects": "yes", "category": "b", "publication-excluded": "no", "iama-status": "not-started",
                   "dpia-status": "not-started"},
    "low-risk": {"legal-effects": "yes", "category": "b", "publication-excluded": "no", "iama-status": "planned",
                 "dpia-status": "done"},
    "not-ai": {"legal-effects": "no", "decisions-about-persons": "no", "risk-selection": "no", "judged-impactful": "no",
               "category": "c"},
}


def build_sample(sample: Sample, folder: Path | None = None) -> Submission:
    """The Submission an owner's app would build for this sample (AI-Act path, impact answers, register fields)."""
    from algoinventaris.domain.category import PUBLICATION_CATEGORY, assess

    root = str(folder or config.forms_dir())
    ai_form = _form("ai-act", root)
    steps = _path_for(sample.kind, root)
    info = AlgorithmInfo(id=sample.algorithm_id or str(uuid.uuid5(uuid.NAMESPACE_URL, f"{sample.unit}/{sample.name}")),
                         name=sample.name, organisation=sample.organisation, unit=sample.unit, round=sample.round)
    sub = submission_from_answers(ai_form, {q: list(a) for q, a in steps}, info, language=sample.language,
                                  owner="Eigenaar " + sample.unit)
    if not sample.with_impact:
        category = "A" if sample.kind == "high-risk" else None
        cat_info = CategoryInfo(category) if category else None
        return dataclasses.replace(sub, category=cat_info, register=_register(sample, category, PUBLICATION_CATEGORY))
    impact_form = _form("impact", root)
    wanted = dict(DEFAULT_IMPACT[sample.kind])
    wanted.update(sample.impact)
    answers = walk(impact_form, wanted)
    decision = run(impact_form, [Step(q, tuple(a)) for q, a in answers.items()])
    assessment = assess({k: list(v) for k, v in sub.ai_act.facts.items()}, answers, impact_complete=decision.done)
    category = assessment.category.category
    lang = sample.language
    impact_steps = []
    for trace in decision.path:
        question = impact_form.question_map[trace.question]
        chosen = [question.answer(a) for a in trace.answers] if not question.is_value else []
        impact_steps.append(PathStep(
            question_id=question.id, question_text=text_in(question.text, lang) or question.id,
            answer_ids=tuple(trace.answers),
            answer_texts=tuple(text_in(a.text, lang) if a is not None else v for a, v in zip(chosen, trace.answers, strict=True))
            if chosen else tuple(trace.answers),
            question_ref=question.ref, answer_refs=tuple(None for _ in trace.answers),
            labels_added=tuple(trace.labels_added), next_kind=trace.target_kind, next_id=trace.target))
    cat_info = CategoryInfo(category, tuple(assessment.category.derived.reason_texts(lang)), assessment.exclusion.ground,
                            assessment.human_rights_test.status)
    register = _register(sample, category, PUBLICATION_CATEGORY) if not assessment.exclusion.full else RegisterInfo()
    return dataclasses.replace(sub, answers=(*sub.answers, FormAnswers(form_info(impact_form, lang), tuple(impact_steps))),
                               category=cat_info, register=register)


def _register(sample: Sample, category: str | None, names: Mapping[str, str]) -> RegisterInfo:
    values = {
        "name": sample.name, "organization": sample.organisation,
        "description_short": f"{sample.name}: ondersteunt medewerkers van {sample.unit} bij hun werk.",
        "status": "In gebruik", "contact_email": "algoritmes@example.org", "lang": "nld", "standard_version": "1.0",
        "goal": "Sneller en zorgvuldiger beslissen.", "category": '["Organisatie en bedrijfsvoering"]',
    }
    if category is not None:
        values["publication_category"] = names[category]
    if not sample.register_complete:
        values.pop("contact_email")
    fields = tuple(RegisterField(key, key, value) for key, value in values.items())
    return RegisterInfo(standard=STANDARD, fields=fields, complete=sample.register_complete)


def package_bytes(submission: Submission, signer: Signer, *, submission_id: str | None = None, corrects: str | None = None,
                  created_at: dt.datetime | None = None,
                  tamper: Callable[[Submission], Submission] | None = None) -> tuple[bytes, PackageContents]:
    """A signed package of the submission (tamper: change the submission after it was built, before signing)."""
    if tamper is not None:
        submission = tamper(submission)
    contents = prepare_contents(submission, signer, submission_id=submission_id, corrects=corrects, created_at=created_at)
    return zip_bytes(contents.members), contents


def write_sample(sample: Sample, signer: Signer, out_dir: Path, *, submission_id: str | None = None,
                 corrects: str | None = None, created_at: dt.datetime | None = None, file_name: str | None = None,
                 tamper: Callable[[Submission], Submission] | None = None) -> Path:
    """Write one signed sample package into out_dir; returns its path."""
    data, contents = package_bytes(build_sample(sample), signer, submission_id=submission_id, corrects=corrects,
                                   created_at=created_at, tamper=tamper)
    name = file_name or f"{sample.unit}-{sample.name}-{contents.submission_id[:8]}.zip".replace(" ", "_").replace("/", "_")
    return write_atomic(out_dir, name, data)
