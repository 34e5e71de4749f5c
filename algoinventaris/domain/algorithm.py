"""Plain data about an owner's algorithms and their stored answers (no SQL, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

# The life of an algorithm record on the owner's machine.
ALGORITHM_STATES = ("draft", "complete", "exported")
# How a stored answer came to be: confirmed by the owner, set aside because the path moved away
# from it (kept until the owner discards it), or filled in from earlier data and not yet confirmed.
ANSWER_STATUSES = ("confirmed", "set_aside", "prefilled")
# The register's publication categories.
CATEGORIES = ("A", "B", "C")


def iso_utc(value: datetime | None) -> str | None:
    """An aware datetime as ISO 8601 text in UTC (e.g. 2026-01-05T10:11:12.123456Z), None stays None."""
    if value is None:
        return None
    text = value.isoformat(timespec="microseconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


@dataclass(frozen=True)
class AlgorithmSummary:
    """One algorithm the owner keeps: who and what it is, where the owner stands, and the outcome so far."""

    id: str
    name: str
    organisation: str
    unit: str
    round: str
    state: str
    created_at: datetime
    updated_at: datetime
    current_question: str | None
    current_form: str | None
    conclusion: str | None
    conclusion_ref: str | None
    category: str | None
    deleted_at: datetime | None

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    def to_json(self) -> dict[str, Any]:
        """The record as JSON-ready data (times as ISO 8601 UTC text)."""
        return {
            "id": self.id,
            "name": self.name,
            "organisation": self.organisation,
            "unit": self.unit,
            "round": self.round,
            "state": self.state,
            "conclusion": self.conclusion,
            "conclusion_ref": self.conclusion_ref,
            "category": self.category,
            "current_form": self.current_form,
            "current_question": self.current_question,
            "created_at": iso_utc(self.created_at),
            "updated_at": iso_utc(self.updated_at),
            "deleted_at": iso_utc(self.deleted_at),
        }


@dataclass(frozen=True)
class StoredAnswer:
    """The stored answer to one question, with the identity of the form version it was given in."""

    form_id: str
    form_version: str
    form_hash: str
    question_id: str
    answers: tuple[str, ...]
    status: str
    updated_at: datetime

    def to_json(self) -> dict[str, Any]:
        """The answer as JSON-ready data."""
        return {
            "form_id": self.form_id,
            "form_version": self.form_version,
            "form_hash": self.form_hash,
            "question_id": self.question_id,
            "answers": list(self.answers),
            "status": self.status,
            "updated_at": iso_utc(self.updated_at),
        }
