"""Plain records the CDO database hands out and takes in (no SQL, no Qt): units, rounds, trust, submissions, audit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

RESULTS = ("imported", "duplicate", "superseded", "quarantined", "refused")
CATEGORY_KEYS = ("A", "B", "C")


def name_key(text: str) -> str:
    """The key a unit or round is matched by: case-folded, whitespace collapsed."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class UnitInfo:
    """An organisation unit known to the CDO database."""

    id: int
    name: str
    organisation: str | None = None


@dataclass(frozen=True)
class RoundInfo:
    """An inventory round; `units` are the units expected to deliver (declared or learned)."""

    id: int
    name: str
    position: int
    declared: bool
    created_at: dt.datetime
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class TrustEntry:
    """An enrolled Ed25519 key (raw 32 bytes) or CA certificate (DER) of one unit, possibly revoked from a moment."""

    id: int
    unit: str
    kind: str  # "ed25519" | "ca"
    fingerprint: str
    material: bytes
    label: str
    added_at: dt.datetime
    added_by: str
    revoked_from: dt.datetime | None = None
    revoked_at: dt.datetime | None = None
    revoked_by: str | None = None
    revoke_reason: str | None = None

    def valid_at(self, moment: dt.datetime) -> bool:
        """True when a signature made at `moment` counts (not revoked, or revoked only from a later moment)."""
        return self.revoked_from is None or moment < self.revoked_from

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "unit": self.unit, "kind": self.kind, "fingerprint": self.fingerprint, "label": self.label,
            "added_at": iso(self.added_at), "added_by": self.added_by, "revoked_from": iso(self.revoked_from),
            "revoked_at": iso(self.revoked_at), "revoked_by": self.revoked_by, "revoke_reason": self.revoke_reason,
        }


@dataclass(frozen=True)
class NewSubmission:
    """What the import pipeline hands to the database for one verified package."""

    submission_id: str
    algorithm_id: str
    algorithm_name: str
    organisation: str
    unit: str
    round: str
    created_at: dt.datetime
    language: str
    signer_method: str
    signer_name: str
    signer_fingerprint: str
    content_digest: str
    corrects: str | None
    conclusion: str | None
    conclusion_ref: str | None
    conclusion_title: str | None
    high_risk: bool
    prohibited: bool
    category: str | None
    category_source: str | None
    exclusion_level: str
    exclusion_ground: str | None
    human_rights_test: str | None
    register_status: str
    publishable: bool
    not_published_reason: str | None
    documents: dict[str, Any] = field(default_factory=dict)
    documents_json: str | None = None  # the same documents as JSON text, when the caller has it ready


@dataclass(frozen=True)
class SubmissionInfo:
    """One stored submission as lists, the dashboard, the exports and the detail view see it."""

    id: int
    submission_id: str
    algorithm_id: str
    algorithm_name: str
    organisation: str
    unit: str
    round: str
    created_at: dt.datetime
    imported_at: dt.datetime
    imported_by: str
    language: str
    signer_method: str
    signer_name: str
    signer_fingerprint: str
    content_digest: str
    corrects: str | None
    superseded_by: int | None
    is_current: bool
    conclusion: str | None
    conclusion_ref: str | None
    conclusion_title: str | None
    high_risk: bool
    prohibited: bool
    category: str | None
    category_source: str | None
    exclusion_level: str
    exclusion_ground: str | None
    human_rights_test: str | None
    register_status: str
    publishable: bool
    not_published_reason: str | None
    from_quarantine: bool
    package_sha256: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "submission_id": self.submission_id, "algorithm_id": self.algorithm_id,
            "algorithm": self.algorithm_name, "organisation": self.organisation, "unit": self.unit, "round": self.round,
            "created_at": iso(self.created_at), "imported_at": iso(self.imported_at), "imported_by": self.imported_by,
            "signer": {"method": self.signer_method, "name": self.signer_name, "fingerprint": self.signer_fingerprint},
            "content_digest": self.content_digest, "corrects": self.corrects, "superseded_by": self.superseded_by,
            "current": self.is_current, "conclusion": self.conclusion, "conclusion_ref": self.conclusion_ref,
            "high_risk": self.high_risk, "prohibited": self.prohibited, "category": self.category,
            "exclusion_level": self.exclusion_level, "exclusion_ground": self.exclusion_ground,
            "human_rights_test": self.human_rights_test, "register_status": self.register_status,
            "publishable": self.publishable, "not_published_reason": self.not_published_reason,
            "from_quarantine": self.from_quarantine, "package_sha256": self.package_sha256,
        }


@dataclass(frozen=True)
class StoreResult:
    """What storing a submission did: its row, whether it is current, and which submissions it replaced."""

    row_id: int
    is_current: bool
    superseded: tuple[str, ...] = ()
    superseded_by: str | None = None


@dataclass(frozen=True)
class QuarantineItem:
    """A package waiting for (or given) a decision, with the reason it was held."""

    id: int
    submission_id: str | None
    algorithm_name: str | None
    unit_name: str | None
    round_name: str | None
    reason_code: str
    reason_nl: str
    reason_en: str
    file_name: str
    received_at: dt.datetime
    received_by: str
    status: str
    package_sha256: str
    decided_at: dt.datetime | None = None
    decided_by: str | None = None
    decision_note: str | None = None

    def reason(self, lang: str = "nl") -> str:
        return self.reason_en if lang == "en" else self.reason_nl

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        return {
            "id": self.id, "file": self.file_name, "submission_id": self.submission_id, "algorithm": self.algorithm_name,
            "unit": self.unit_name, "round": self.round_name, "reason_code": self.reason_code, "reason": self.reason(lang),
            "received_at": iso(self.received_at), "received_by": self.received_by, "status": self.status,
            "decided_at": iso(self.decided_at), "decided_by": self.decided_by, "decision_note": self.decision_note,
            "package_sha256": self.package_sha256,
        }


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit trail."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    result: str | None
    reason_code: str | None
    reason: str | None
    file_name: str | None
    package_sha256: str | None
    submission_id: str | None
    detail: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "at": iso(self.at), "actor": self.actor, "action": self.action, "result": self.result,
                "reason_code": self.reason_code, "reason": self.reason, "file": self.file_name,
                "package_sha256": self.package_sha256, "submission_id": self.submission_id}


@dataclass(frozen=True)
class CategoryCount:
    """How many current submissions of one unit in one round fall in each category."""

    round: str
    unit: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def get(self, category: str | None) -> int:
        return self.counts.get(category or "?", 0)


def iso(moment: dt.datetime | None) -> str | None:
    """RFC 3339 UTC text with whole seconds, or None."""
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
