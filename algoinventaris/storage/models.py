"""SQLAlchemy 2 models of the owner's database: algorithms, their answers, and facts about the file itself.

The tables here must always equal what the migrations in migrations/versions build; a test compares
them with Alembic's autogenerate. Times are stored as ISO 8601 text in UTC so that they sort as text
and read back as aware datetimes. Answers are JSON text (a list of strings), one row per
(algorithm, form, question).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKeyConstraint, Index, Integer, LargeBinary, MetaData, String, Text, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from algoinventaris.domain.algorithm import AlgorithmSummary, StoredAnswer

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime kept as ISO 8601 UTC text with microseconds, e.g. 2026-01-05T10:11:12.000001Z."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("times must be timezone-aware")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        parsed = datetime.fromisoformat(str(value))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Base of the owner database's models."""

    metadata = MetaData(naming_convention=NAMING)


class AlgorithmRow(Base):
    """One algorithm the owner keeps."""

    __tablename__ = "algorithms"
    __table_args__ = (
        CheckConstraint("state IN ('draft', 'complete', 'exported')", name="state"),
        CheckConstraint("category IS NULL OR category IN ('A', 'B', 'C')", name="category"),
        CheckConstraint("length(trim(name)) > 0", name="name_given"),
        Index("ix_algorithms_updated_at", "updated_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(Text)
    round: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), server_default="draft")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    current_form: Mapped[str | None] = mapped_column(Text)
    current_question: Mapped[str | None] = mapped_column(Text)
    conclusion: Mapped[str | None] = mapped_column(Text)
    conclusion_ref: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(1))
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def summary(self) -> AlgorithmSummary:
        return AlgorithmSummary(
            id=self.id,
            name=self.name,
            organisation=self.organisation,
            unit=self.unit,
            round=self.round,
            state=self.state,
            created_at=self.created_at,
            updated_at=self.updated_at,
            current_question=self.current_question,
            current_form=self.current_form,
            conclusion=self.conclusion,
            conclusion_ref=self.conclusion_ref,
            category=self.category,
            deleted_at=self.deleted_at,
        )


class AnswerRow(Base):
    """The stored answer to one question of one form for one algorithm."""

    __tablename__ = "answers"
    __table_args__ = (
        ForeignKeyConstraint(["algorithm_id"], ["algorithms.id"], ondelete="CASCADE"),
        CheckConstraint("status IN ('confirmed', 'set_aside', 'prefilled')", name="status"),
        CheckConstraint("json_valid(answers_json) AND json_type(answers_json) = 'array'", name="answers_json"),
    )

    algorithm_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    form_id: Mapped[str] = mapped_column(Text, primary_key=True)
    question_id: Mapped[str] = mapped_column(Text, primary_key=True)
    form_version: Mapped[str] = mapped_column(Text)
    form_hash: Mapped[str] = mapped_column(String(64))
    answers_json: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    def stored(self) -> StoredAnswer:
        values = json.loads(self.answers_json)
        return StoredAnswer(
            form_id=self.form_id,
            form_version=self.form_version,
            form_hash=self.form_hash,
            question_id=self.question_id,
            answers=tuple(str(v) for v in values),
            status=self.status,
            updated_at=self.updated_at,
        )


class MetaRow(Base):
    """Facts about the database file: the oldest app version that reads it, which version created it."""

    __tablename__ = "db_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- yearly rounds (revision 0002) -----------------------------------------------------------------


class CdoKeyRow(Base):
    """A CDO public key round bundles are checked against; the active one has no retired_at."""

    __tablename__ = "cdo_keys"
    __table_args__ = (CheckConstraint("source IN ('enrolled', 'installed')", name="source"),)

    fingerprint: Mapped[str] = mapped_column(String(80), primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    organisation: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class RoundRow(Base):
    """A round bundle the owner opened: the signed round.json, its signature and where its forms were installed."""

    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("organisation_key", "name_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(String(500))
    organisation: Mapped[str] = mapped_column(Text)
    organisation_key: Mapped[str] = mapped_column(String(500))
    sequence: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deadline: Mapped[str | None] = mapped_column(String(10))
    units_json: Mapped[str] = mapped_column(Text)
    forms_json: Mapped[str] = mapped_column(Text)
    round_json: Mapped[bytes] = mapped_column(LargeBinary)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    signer_fingerprint: Mapped[str] = mapped_column(String(80))
    bundle_sha256: Mapped[str] = mapped_column(String(64))
    folder: Mapped[str] = mapped_column(Text)
    installed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CarryOverRow(Base):
    """This year's algorithm started from last year's: the link, the proposals, the review items, the old outcome."""

    __tablename__ = "carry_overs"
    __table_args__ = (
        ForeignKeyConstraint(["algorithm_id"], ["algorithms.id"], ondelete="CASCADE"),
        ForeignKeyConstraint(["previous_id"], ["algorithms.id"], ondelete="SET NULL"),
        Index("ix_carry_overs_previous_id", "previous_id"),
    )

    algorithm_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    previous_id: Mapped[str | None] = mapped_column(String(36))
    previous_submission: Mapped[str | None] = mapped_column(String(36))
    round: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    previous_json: Mapped[str] = mapped_column(Text)
    proposed_json: Mapped[str] = mapped_column(Text)
    forms_json: Mapped[str] = mapped_column(Text)
    review_json: Mapped[str] = mapped_column(Text)
    old_conclusion: Mapped[str | None] = mapped_column(Text)
    old_conclusion_ref: Mapped[str | None] = mapped_column(Text)
    old_category: Mapped[str | None] = mapped_column(String(1))
    new_conclusion: Mapped[str | None] = mapped_column(Text)
    new_conclusion_ref: Mapped[str | None] = mapped_column(Text)


# --- prefilled drafts from the CDO (revision 0003) ------------------------------------------------


class DraftOriginRow(Base):
    """An algorithm started from a CDO draft: which draft (and revision), where it was read, what was not taken."""

    __tablename__ = "draft_origins"
    __table_args__ = (
        ForeignKeyConstraint(["algorithm_id"], ["algorithms.id"], ondelete="CASCADE"),
        CheckConstraint("source IN ('register', 'spreadsheet')", name="source"),
        CheckConstraint("revision >= 1", name="revision"),
        CheckConstraint("json_valid(answers) AND json_type(answers) = 'object'", name="answers"),
        CheckConstraint("json_valid(not_mapped) AND json_type(not_mapped) = 'array'", name="not_mapped"),
        CheckConstraint("json_valid(deviations) AND json_type(deviations) = 'array'", name="deviations"),
        Index("ix_draft_origins_draft_id", "draft_id"),
    )

    algorithm_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    draft_id: Mapped[str] = mapped_column(String(36))
    round: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))
    origin: Mapped[str] = mapped_column(Text)
    match_kind: Mapped[str] = mapped_column(String(32))
    match_value: Mapped[str] = mapped_column(Text)
    answers: Mapped[str] = mapped_column(Text)
    not_mapped: Mapped[str] = mapped_column(Text)
    deviations: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
