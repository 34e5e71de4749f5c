"""SQLAlchemy models of the CDO database: rounds, units, trust store, packages, submissions, quarantine, audit, drafts.

This is a database of its own (never an owner's database), on SQLite or PostgreSQL; the migrations in
storage/cdo/migrations build exactly these tables on both, and a test compares them. Times are ISO
8601 UTC text (the owner database's UTCDateTime), so they sort as text on either engine.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from algoinventaris.storage.models import NAMING, UTCDateTime

MAX_NAME = 500  # the longest algorithm name the CDO database accepts (the owner's limit as well)


class CdoBase(DeclarativeBase):
    """Base of the CDO database's models (a metadata of its own, apart from the owner's)."""

    metadata = MetaData(naming_convention=NAMING)


class CdoMetaRow(CdoBase):
    """Facts about the database: which app created and last migrated it."""

    __tablename__ = "cdo_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class UnitRow(CdoBase):
    """An organisation unit that delivers packages (learned from the trust store, a round or a package)."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(String(500), unique=True)
    organisation: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RoundRow(CdoBase):
    """An inventory round ("Inventarisatie 2026"); declared with `cdo round add` or learned from a package."""

    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(String(500), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    declared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deadline: Mapped[str | None] = mapped_column(String(10))       # YYYY-MM-DD (revision 0002)
    organisation: Mapped[str | None] = mapped_column(Text)         # whose round it is, as round bundles name it


class RoundUnitRow(CdoBase):
    """A unit that is expected to deliver in a round."""

    __tablename__ = "round_units"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True)


class TrustRow(CdoBase):
    """An enrolled Ed25519 public key or CA certificate of one unit; revoked from a moment on, never deleted."""

    __tablename__ = "trust"
    __table_args__ = (
        CheckConstraint("kind IN ('ed25519', 'ca')", name="kind"),
        UniqueConstraint("unit_id", "fingerprint"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    fingerprint: Mapped[str] = mapped_column(String(80), index=True)
    material: Mapped[bytes] = mapped_column(LargeBinary)
    label: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())
    added_by: Mapped[str] = mapped_column(Text)
    revoked_from: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_by: Mapped[str | None] = mapped_column(Text)
    revoke_reason: Mapped[str | None] = mapped_column(Text)


class PackageRow(CdoBase):
    """The original bytes of a package as received (imported or in quarantine)."""

    __tablename__ = "packages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    file_name: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_by: Mapped[str] = mapped_column(Text)


class SubmissionRow(CdoBase):
    """One imported submission with the facts the dashboard counts; `documents` holds the parsed JSON files."""

    __tablename__ = "submissions"
    __table_args__ = (
        CheckConstraint("category IS NULL OR category IN ('A', 'B', 'C')", name="category"),
        CheckConstraint(f"length(algorithm_name) BETWEEN 1 AND {MAX_NAME}", name="name_length"),
        CheckConstraint("exclusion_level IN ('none', 'partial', 'full')", name="exclusion_level"),
        Index("ix_submissions_dashboard", "round_id", "is_current", "unit_id", "category"),
        Index("ix_submissions_algorithm", "algorithm_id", "round_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    submission_id: Mapped[str] = mapped_column(String(36), index=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("packages.id"), unique=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    algorithm_id: Mapped[str] = mapped_column(String(100))
    algorithm_name: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    imported_by: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    signer_method: Mapped[str] = mapped_column(String(16))
    signer_name: Mapped[str] = mapped_column(Text)
    signer_fingerprint: Mapped[str] = mapped_column(String(80))
    content_digest: Mapped[str] = mapped_column(String(64))
    corrects: Mapped[str | None] = mapped_column(String(36))
    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"))
    is_current: Mapped[bool] = mapped_column(Boolean)
    conclusion: Mapped[str | None] = mapped_column(Text)
    conclusion_ref: Mapped[str | None] = mapped_column(Text)
    conclusion_title: Mapped[str | None] = mapped_column(Text)
    high_risk: Mapped[bool] = mapped_column(Boolean)
    prohibited: Mapped[bool] = mapped_column(Boolean)
    category: Mapped[str | None] = mapped_column(String(1))
    category_source: Mapped[str | None] = mapped_column(String(16))
    exclusion_level: Mapped[str] = mapped_column(String(10))
    exclusion_ground: Mapped[str | None] = mapped_column(Text)
    human_rights_test: Mapped[str | None] = mapped_column(String(20))
    register_status: Mapped[str] = mapped_column(String(20))
    publishable: Mapped[bool] = mapped_column(Boolean)
    not_published_reason: Mapped[str | None] = mapped_column(Text)
    from_quarantine: Mapped[bool] = mapped_column(Boolean, default=False)
    documents: Mapped[str] = mapped_column(Text)


class QuarantineRow(CdoBase):
    """A package that waits for a person's decision (accept = import as it is, reject = keep out), with the reason."""

    __tablename__ = "quarantine"
    __table_args__ = (CheckConstraint("status IN ('waiting', 'accepted', 'rejected')", name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("packages.id"), unique=True)
    submission_id: Mapped[str | None] = mapped_column(String(36))
    algorithm_name: Mapped[str | None] = mapped_column(Text)
    unit_name: Mapped[str | None] = mapped_column(Text)
    round_name: Mapped[str | None] = mapped_column(Text)
    reason_code: Mapped[str] = mapped_column(String(40))
    reason_nl: Mapped[str] = mapped_column(Text)
    reason_en: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_by: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), index=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(Text)
    decision_note: Mapped[str | None] = mapped_column(Text)


class AuditRow(CdoBase):
    """One line of the audit trail: who did what when, with the result and the reason (append-only)."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(40))
    result: Mapped[str | None] = mapped_column(String(20))
    reason_code: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(Text)
    file_name: Mapped[str | None] = mapped_column(Text)
    package_sha256: Mapped[str | None] = mapped_column(String(64))
    submission_id: Mapped[str | None] = mapped_column(String(36))
    detail: Mapped[str | None] = mapped_column(Text)


# --- yearly rounds (revision 0002) -----------------------------------------------------------------


class RoundFileRow(CdoBase):
    """A file a round bundle carries: one of the round's forms, an earlier form a map starts from, or a map."""

    __tablename__ = "round_files"
    __table_args__ = (
        CheckConstraint("role IN ('form', 'previous', 'map')", name="role"),
        UniqueConstraint("round_id", "role", "sha256"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(Text)                 # the file name it came from (for people)
    form_id: Mapped[str | None] = mapped_column(Text)       # forms: the form's id; maps: the form it maps
    version: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))         # forms: content hash; maps: SHA-256 of the file
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())
    added_by: Mapped[str] = mapped_column(Text)


class RoundBundleRow(CdoBase):
    """A round bundle exported: its sequence number (higher = newer, for every round), hash and signing key."""

    __tablename__ = "round_bundles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    sequence: Mapped[int] = mapped_column(Integer, unique=True)
    sha256: Mapped[str] = mapped_column(String(64))          # of the bundle's round.json
    fingerprint: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(Text)


class SubmissionLinkRow(CdoBase):
    """Read once from a stored submission's documents: last year's submission it continues, and its AI-Act form."""

    __tablename__ = "submission_links"

    submission_row_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True)
    previous: Mapped[str | None] = mapped_column(String(36), index=True)
    ai_form_id: Mapped[str | None] = mapped_column(Text)
    ai_form_version: Mapped[str | None] = mapped_column(Text)
    ai_form_sha256: Mapped[str | None] = mapped_column(String(64))


# --- prefilled drafts (revision 0003) --------------------------------------------------------------


class DraftRow(CdoBase):
    """A prefilled draft the CDO made from a register entry or a spreadsheet row (domain/drafts.py's Draft), soft-deleted."""

    __tablename__ = "drafts"
    __table_args__ = (
        CheckConstraint("source IN ('register', 'spreadsheet')", name="source"),
        CheckConstraint("match_kind IN ('lars', 'source_id', 'organisation+name')", name="match_kind"),
        CheckConstraint("revision >= 1", name="revision"),
        Index("ix_drafts_match", "organisation", "round_id", "match_kind", "match_value"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)      # UUID4 text, stable over re-imports
    organisation: Mapped[str] = mapped_column(Text)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    unit: Mapped[str] = mapped_column(Text, default="")                 # "" = not yet assigned
    name: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20))
    origin: Mapped[str] = mapped_column(Text)
    match_kind: Mapped[str] = mapped_column(String(20))
    match_value: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer)
    answers: Mapped[str] = mapped_column(Text)                          # JSON: register question id -> text
    not_mapped: Mapped[str] = mapped_column(Text)                       # JSON: field or heading as found -> value
    deviations: Mapped[str] = mapped_column(Text)                       # JSON: list of {kind, field, value, message}
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[str] = mapped_column(Text)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
