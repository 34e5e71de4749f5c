"""The package's JSON documents (answers, outcome, register, manifest) and the content digest that ties the PDF to them.

Content digest: the SHA-256 of the text that `sha256sum answers.json outcome.json register.json`
prints, i.e. for each of the three files in that order one line "<hex sha256><two spaces><name>\\n".
So `sha256sum answers.json outcome.json register.json | sha256sum` recomputes it anywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from algoinventaris import __version__
from algoinventaris.domain.submission import (
    CategoryInfo,
    FormInfo,
    PathStep,
    Requirement,
    SourceRef,
    Submission,
)
from algoinventaris.package.canonical import canonical_json, sha256_hex

FORMAT_VERSION = 1
PACKAGE_FORMAT = "algoinventaris-package"
ANSWERS = "answers.json"
OUTCOME = "outcome.json"
REGISTER = "register.json"
REPORT = "report.pdf"
MANIFEST = "manifest.json"
DIGEST_FILES = (ANSWERS, OUTCOME, REGISTER)
CONTENT_FILES = (ANSWERS, OUTCOME, REGISTER, REPORT)
SHORT_DIGEST_LENGTH = 16


def form_json(info: FormInfo) -> dict[str, Any]:
    """A form as the documents name it: id, version and content SHA-256."""
    return {"id": info.id, "version": info.version, "sha256": info.sha256}


def _source_json(src: SourceRef) -> dict[str, Any]:
    return {"title": src.title, "article": src.article, "url": src.url}


def _answer_json(step: PathStep) -> dict[str, Any]:
    return {
        "question": step.question_id,
        "question_ref": step.question_ref,
        "answers": list(step.answer_ids),
        "answer_refs": list(step.answer_refs),
        "status": step.status,
    }


def answers_document(sub: Submission) -> dict[str, Any]:
    """answers.json: which algorithm, in which language, and every answer given per form (path order)."""
    alg = sub.algorithm
    return {
        "format": "algoinventaris-answers",
        "format_version": FORMAT_VERSION,
        "algorithm": {"id": alg.id, "name": alg.name, "organisation": alg.organisation, "unit": alg.unit,
                      "round": alg.round},
        "language": sub.language,
        "forms": [
            {"form": form_json(fa.form), "answers": [_answer_json(s) for s in fa.steps]}
            for fa in sub.answers
        ],
    }


def _category_json(cat: CategoryInfo | None) -> dict[str, Any] | None:
    if cat is None:
        return None
    return {"category": cat.category, "reasons": list(cat.reasons), "exclusion_ground": cat.exclusion_ground,
            "human_rights_test": cat.human_rights_test}


def _requirement_json(req: Requirement) -> dict[str, Any]:
    return {"id": req.id, "title": req.title, "reason": req.reason, "sources": list(req.sources)}


def outcome_document(sub: Submission) -> dict[str, Any]:
    """outcome.json: the AI-Act conclusion with its path, facts and obligations; category; requirements."""
    out = sub.ai_act
    steps = next((fa.steps for fa in sub.answers if (fa.form.id, fa.form.sha256) == (out.form.id, out.form.sha256)), ())
    return {
        "format": "algoinventaris-outcome",
        "format_version": FORMAT_VERSION,
        "language": sub.language,
        "ai_act": {
            "form": form_json(out.form),
            "conclusion": out.conclusion_id,
            "conclusion_ref": out.conclusion_ref,
            "title": out.title,
            "text": out.text,
            "obligations": list(out.obligations),
            "sources": [_source_json(s) for s in out.sources],
            "labels": list(out.labels),
            "label_refs": list(out.label_refs),
            "facts": {dim: list(values) for dim, values in out.facts.items()},
            "path": [
                {"question": s.question_id, "answers": list(s.answer_ids), "labels_added": list(s.labels_added),
                 "next": f"{s.next_kind}:{s.next_id}" if s.next_kind else None}
                for s in steps
            ],
        },
        "category": _category_json(sub.category),
        "requirements": [_requirement_json(r) for r in sub.requirements],
    }


def register_document(sub: Submission) -> dict[str, Any]:
    """register.json: the Algoritmeregister fields by their key in the standard ('not-filled' until there are any)."""
    reg = sub.register
    return {
        "format": "algoinventaris-register",
        "format_version": FORMAT_VERSION,
        "standard": reg.standard,
        "form": form_json(reg.form) if reg.form is not None else None,
        "status": reg.status,
        "fields": {f.key: f.value for f in reg.fields},
    }


def content_documents(sub: Submission) -> dict[str, bytes]:
    """The three canonical JSON files, by member name."""
    return {
        ANSWERS: canonical_json(answers_document(sub)),
        OUTCOME: canonical_json(outcome_document(sub)),
        REGISTER: canonical_json(register_document(sub)),
    }


def digest_lines(file_hashes: Mapping[str, str]) -> bytes:
    """The text the content digest is taken over (what `sha256sum` prints for the three files)."""
    return "".join(f"{file_hashes[name]}  {name}\n" for name in DIGEST_FILES).encode("ascii")


def content_digest(documents: Mapping[str, bytes]) -> tuple[str, dict[str, str]]:
    """The content digest and the SHA-256 of each of the three files."""
    hashes = {name: sha256_hex(documents[name]) for name in DIGEST_FILES}
    return sha256_hex(digest_lines(hashes)), hashes


def short_digest(digest: str) -> str:
    """The first 16 hex digits in groups of four, as printed on every page."""
    head = digest[:SHORT_DIGEST_LENGTH]
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


def utc_text(moment: dt.datetime) -> str:
    """A moment as RFC 3339 UTC text with whole seconds, e.g. 2026-03-12T14:03:05Z."""
    if moment.tzinfo is None:
        raise ValueError("created_at must be timezone-aware")
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def manifest_document(*, sub: Submission, submission_id: str, corrects: str | None, created_at: dt.datetime,
                      signer: Mapping[str, Any], digest: str, files: Sequence[tuple[str, bytes]],
                      previous: str | None = None) -> dict[str, Any]:
    """manifest.json: what the package is, who signed it, and the SHA-256 and size of every other file.

    `previous` (last year's submission id, for an algorithm carried over into a new round) is written only when given.
    """
    alg = sub.algorithm
    manifest = {
        "format": PACKAGE_FORMAT,
        "format_version": FORMAT_VERSION,
        "submission_id": submission_id,
        "corrects": corrects,
        "created_at": utc_text(created_at),
        "app": {"name": "algoinventaris", "version": __version__},
        "language": sub.language,
        "algorithm": {"id": alg.id, "name": alg.name, "round": alg.round},
        "organisation": {"name": alg.organisation, "unit": alg.unit},
        "forms": [form_json(f) for f in sub.forms()],
        "signer": dict(signer),
        "content_digest": digest,
        "files": [{"name": name, "sha256": sha256_hex(data), "size": len(data)} for name, data in files],
    }
    if previous is not None:
        manifest["previous"] = previous
    return manifest
