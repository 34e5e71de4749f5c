"""Exports an algorithm from the owner database as a signed package (used by the CLI and the wizard's "Exporteren").

`export_algorithm(repo, algorithm_id, signer, out_dir, progress=...)` reads the algorithm and its
AI-Act answers through the storage contract, replays the decision, refuses what is not finished
(NotReady, with the open question), writes the package, records it in the export log and marks
the algorithm "exported". The export log (`<data folder>/packages/exports.jsonl`, one JSON line
per package) remembers the last submission of each algorithm, so that a new export names the
submission it corrects.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from algoinventaris import config
from algoinventaris.domain.submission import AlgorithmInfo, Requirement, Submission
from algoinventaris.formengine.model import Form, text_in
from algoinventaris.package.assemble import form_answers, submission_from_answers
from algoinventaris.package.build import Progress, write_package
from algoinventaris.package.errors import NotReady, PackageError
from algoinventaris.package.keys import Signer

AI_ACT_FORM = "ai-act"


class OwnerRepo(Protocol):
    """The part of the storage contract (OwnerRepository) an export needs."""

    def get_algorithm(self, algorithm_id: str) -> Any: ...

    def answers(self, algorithm_id: str, form_id: str) -> Mapping[str, Any]: ...

    def set_outcome(self, algorithm_id: str, conclusion: str | None, conclusion_ref: str | None,
                    state: str | None = None, category: str | None = None) -> Any: ...


@dataclass(frozen=True)
class ExportResult:
    """One package written: where, for which algorithm, its ids and digest, and who signed it."""

    algorithm_id: str
    path: Path
    submission_id: str
    corrects: str | None
    content_digest: str
    fingerprint: str
    mark_error: str | None = None  # the package was written, but the database could not record "exported"


class ExportLog:
    """The append-only record of packages written on this machine (one JSON object per line)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else config.data_dir() / "packages" / "exports.jsonl"

    def entries(self) -> list[dict[str, Any]]:
        """All readable entries, oldest first (damaged lines are skipped, never fatal)."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError):
            return []
        out = []
        for line in lines:
            with contextlib.suppress(ValueError):
                item = json.loads(line)
                if isinstance(item, dict):
                    out.append(item)
        return out

    def last_submission(self, algorithm_id: str) -> str | None:
        """The submission id of the last package written for the algorithm."""
        for item in reversed(self.entries()):
            if item.get("algorithm_id") == algorithm_id and isinstance(item.get("submission_id"), str):
                return str(item["submission_id"])
        return None

    def record(self, result: ExportResult, created_at: dt.datetime) -> None:
        """Append one entry and flush it to disk."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({
            "algorithm_id": result.algorithm_id, "submission_id": result.submission_id, "corrects": result.corrects,
            "created_at": created_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "content_digest": result.content_digest, "fingerprint": result.fingerprint, "file": str(result.path),
        }, ensure_ascii=False)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
            handle.flush()
            os.fsync(handle.fileno())


def load_ai_act_form() -> Form:
    """The bundled AI-Act form (config.form_path('ai-act'))."""
    from algoinventaris.formengine.errors import FormLoadError
    from algoinventaris.formengine.loader import load_form

    path = config.form_path(AI_ACT_FORM)
    try:
        return load_form(path)
    except FormLoadError as err:
        raise PackageError(f"De vragenlijst {path} laadt niet:\n{err}", f"The questionnaire {path} does not load:\n{err}") from err


def submission_for(repo: OwnerRepo, algorithm_id: str, form: Form, *, language: str = "nl",
                   owner: str | None = None) -> Submission:
    """Rebuild the submission of one algorithm from the database; NotReady when it is not finished."""
    alg = repo.get_algorithm(algorithm_id)
    if getattr(alg, "deleted_at", None) is not None:
        raise NotReady(f"'{alg.name}' staat in de prullenbak; zet het eerst terug.",
                       f"'{alg.name}' is in the bin; restore it first.")
    from algoinventaris.package.rounds import round_forms_for

    round_forms = round_forms_for(repo, alg)  # an algorithm of an opened round is answered in the round's versions
    form = round_forms.get(form.id, form)
    stored = repo.answers(algorithm_id, form.id)
    answers: dict[str, Sequence[str]] = {qid: tuple(sa.answers) for qid, sa in stored.items()}
    statuses = {qid: str(sa.status) for qid, sa in stored.items()}
    info = AlgorithmInfo(id=str(alg.id), name=alg.name, organisation=alg.organisation, unit=alg.unit or "",
                         round=alg.round)
    try:
        submission = submission_from_answers(form, answers, info, language=language, owner=owner, statuses=statuses)
    except NotReady as err:
        raise NotReady(f"'{alg.name}': {err.nl}", f"'{alg.name}': {err.en}", err.question_id, err.form_id) from err
    submission = dataclasses.replace(submission, requirements=applicable_requirements(submission.ai_act.facts, language))
    return _with_impact_and_register(repo, alg, form, answers, submission, language, round_forms)


def _with_impact_and_register(repo: OwnerRepo, alg: Any, ai_form: Form, ai_answers: Mapping[str, Sequence[str]],
                              submission: Submission, language: str, round_forms: Mapping[str, Form] | None = None) -> Submission:
    """Add the impact and register questionnaires (answers, category, register fields) when they are bundled."""
    from algoinventaris.domain import register as reg
    from algoinventaris.formengine.errors import FormLoadError
    from algoinventaris.formengine.loader import load_form

    forms: dict[str, Form] = {AI_ACT_FORM: ai_form}
    for fid in (reg.IMPACT_FORM, reg.REGISTER_FORM):
        if round_forms and fid in round_forms:
            forms[fid] = round_forms[fid]
            continue
        path = config.form_path(fid)
        if not (path / "form.yaml").exists():
            continue
        try:
            forms[fid] = load_form(path)
        except FormLoadError as err:
            raise PackageError(f"De vragenlijst {path} laadt niet:\n{err}", f"The questionnaire {path} does not load:\n{err}") from err
    if len(forms) == 1:
        return submission
    stored: dict[str, dict[str, Sequence[str]]] = {AI_ACT_FORM: dict(ai_answers)}
    statuses: dict[str, dict[str, str]] = {}
    for fid in forms:
        if fid == AI_ACT_FORM:
            continue
        rows = repo.answers(str(alg.id), fid)
        stored[fid] = {qid: tuple(sa.answers) for qid, sa in rows.items()}
        statuses[fid] = {qid: str(sa.status) for qid, sa in rows.items()}
        _refuse_unconfirmed(alg.name, forms[fid], stored[fid], statuses[fid])
    entry = reg.build_entry(str(alg.id), alg.name, alg.organisation, forms, stored, lang=language)
    register_info, category_info, requirements = reg.submission_parts(entry, language)
    extra = []
    for fid in (reg.IMPACT_FORM, reg.REGISTER_FORM):
        if fid in forms:
            given = form_answers(forms[fid], stored[fid], language, statuses[fid])
            if given is not None:
                extra.append(given)
    return dataclasses.replace(
        submission,
        answers=(*submission.answers, *extra),
        register=register_info,
        category=category_info,
        requirements=requirements or submission.requirements,
    )


def _question_name(form: Form, qid: str, lang: str) -> str:
    """A question as a person knows it: a register field's short name, else the question's text, else its id."""
    q = form.question(qid)
    if q is None:
        return qid
    return (text_in(q.field.label, lang) if q.field is not None else "") or text_in(q.text, lang) or qid


def _refuse_unconfirmed(name: str, form: Form, stored: Mapping[str, Sequence[str]], statuses: Mapping[str, str]) -> None:
    """NotReady when an answer on the form's path was proposed (last year's, or the CDO's draft) but never confirmed."""
    from algoinventaris.formengine.session import resolve

    for qid in resolve(form, stored).on_path:
        if statuses.get(qid, "confirmed") == "prefilled":
            label, label_en = _question_name(form, qid, "nl"), _question_name(form, qid, "en")
            title, title_en = text_in(form.title, "nl") or form.id, text_in(form.title, "en") or form.id
            raise NotReady(
                f"'{name}': nog niet afgerond: het vooraf ingevulde antwoord op '{label}' ({title}) is nog niet bevestigd; "
                "bevestig of wijzig het eerst",
                f"'{name}': not finished: the proposed answer to '{label_en}' ({title_en}) has not been confirmed yet; "
                "confirm or change it first", qid, form.id)


def applicable_requirements(facts: Mapping[str, Sequence[str]], language: str) -> tuple[Requirement, ...]:
    """The Algoritmekader requirements that apply for the outcome's facts (empty when the data file is absent)."""
    from algoinventaris.domain import requirements as ak

    try:
        found = ak.applicable(facts)
    except ak.RequirementsError:
        return ()
    general = {"nl": "Algemene wet- en regelgeving", "en": "General law and policy"}
    ai_act = {"nl": "AI-verordening, volgens de uitkomst van de vragen", "en": "AI Act, by the outcome of the questions"}
    return tuple(Requirement(id=r.id, title=r.title_in(language),
                             reason=(ai_act if r.ai_act else general)["en" if language == "en" else "nl"])
                 for r in found)


def export_algorithm(repo: OwnerRepo, algorithm_id: str, signer: Signer, out_dir: str | Path, *,
                     form: Form | None = None, language: str = "nl", progress: Progress | None = None,
                     owner: str | None = None, log: ExportLog | None = None) -> ExportResult:
    """Write the signed package of one finished algorithm into out_dir and mark it exported.

    Raises NotReady (a question is open; err.question_id names it), WriteError (the folder cannot
    be written; nothing is left behind) or another PackageError, each with a message for a person.
    When the package is written but the database cannot record the state, result.mark_error says why.
    """
    form = form or load_ai_act_form()
    log = log or ExportLog()
    submission = submission_for(repo, algorithm_id, form, language=language, owner=owner or signer.name or None)
    corrects = log.last_submission(algorithm_id)
    from algoinventaris.package.rounds import previous_submission_for

    previous = previous_submission_for(repo, algorithm_id)  # last year's submission, when carried over into a new round
    written = write_package(submission, signer, out_dir, progress=progress, corrects=corrects, previous=previous)
    contents = written.contents
    result = ExportResult(algorithm_id, written.path, contents.submission_id, corrects, contents.content_digest,
                          signer.fingerprint)
    with contextlib.suppress(OSError):  # the log only names what a new export corrects; never fail over it
        log.record(result, contents.created_at)
    # the category changes only when the submission has one (set_outcome leaves it alone for None)
    category = submission.category.category if submission.category is not None else None
    from algoinventaris.storage import StorageError

    try:
        repo.set_outcome(algorithm_id, submission.ai_act.conclusion_id, submission.ai_act.conclusion_ref,
                         state="exported", category=category)
    except StorageError as err:
        return dataclasses.replace(result, mark_error=str(err))
    return result
