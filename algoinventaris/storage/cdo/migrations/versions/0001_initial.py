"""Initial CDO schema: units, rounds, trust store, packages, submissions, quarantine, audit, cdo_meta.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MIN_APP_VERSION = "0.1.0"
TIME = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "cdo_meta",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_cdo_meta"),
    )
    op.create_table(
        "units",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.String(500), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("created_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_units"),
        sa.UniqueConstraint("name_key", name="uq_units_name_key"),
    )
    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.String(500), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("declared", sa.Boolean(), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("closed_at", TIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_rounds"),
        sa.UniqueConstraint("name_key", name="uq_rounds_name_key"),
    )
    op.create_table(
        "round_units",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name="fk_round_units_round_id_rounds", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name="fk_round_units_unit_id_units", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("round_id", "unit_id", name="pk_round_units"),
    )
    op.create_table(
        "trust",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("fingerprint", sa.String(80), nullable=False),
        sa.Column("material", sa.LargeBinary(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("added_at", TIME, nullable=False),
        sa.Column("added_by", sa.Text(), nullable=False),
        sa.Column("revoked_from", TIME, nullable=True),
        sa.Column("revoked_at", TIME, nullable=True),
        sa.Column("revoked_by", sa.Text(), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("kind IN ('ed25519', 'ca')", name="ck_trust_kind"),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name="fk_trust_unit_id_units"),
        sa.PrimaryKeyConstraint("id", name="pk_trust"),
        sa.UniqueConstraint("unit_id", "fingerprint", name="uq_trust_unit_id_fingerprint"),
    )
    op.create_index("ix_trust_unit_id", "trust", ["unit_id"])
    op.create_index("ix_trust_fingerprint", "trust", ["fingerprint"])
    op.create_table(
        "packages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("received_at", TIME, nullable=False),
        sa.Column("received_by", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_packages"),
        sa.UniqueConstraint("sha256", name="uq_packages_sha256"),
    )
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.String(36), nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("algorithm_id", sa.String(100), nullable=False),
        sa.Column("algorithm_name", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("imported_at", TIME, nullable=False),
        sa.Column("imported_by", sa.Text(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("signer_method", sa.String(16), nullable=False),
        sa.Column("signer_name", sa.Text(), nullable=False),
        sa.Column("signer_fingerprint", sa.String(80), nullable=False),
        sa.Column("content_digest", sa.String(64), nullable=False),
        sa.Column("corrects", sa.String(36), nullable=True),
        sa.Column("superseded_by", sa.Integer(), nullable=True),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("conclusion", sa.Text(), nullable=True),
        sa.Column("conclusion_ref", sa.Text(), nullable=True),
        sa.Column("conclusion_title", sa.Text(), nullable=True),
        sa.Column("high_risk", sa.Boolean(), nullable=False),
        sa.Column("prohibited", sa.Boolean(), nullable=False),
        sa.Column("category", sa.String(1), nullable=True),
        sa.Column("category_source", sa.String(16), nullable=True),
        sa.Column("exclusion_level", sa.String(10), nullable=False),
        sa.Column("exclusion_ground", sa.Text(), nullable=True),
        sa.Column("human_rights_test", sa.String(20), nullable=True),
        sa.Column("register_status", sa.String(20), nullable=False),
        sa.Column("publishable", sa.Boolean(), nullable=False),
        sa.Column("not_published_reason", sa.Text(), nullable=True),
        sa.Column("from_quarantine", sa.Boolean(), nullable=False),
        sa.Column("documents", sa.Text(), nullable=False),
        sa.CheckConstraint("category IS NULL OR category IN ('A', 'B', 'C')", name="ck_submissions_category"),
        sa.CheckConstraint("length(algorithm_name) BETWEEN 1 AND 500", name="ck_submissions_name_length"),
        sa.CheckConstraint("exclusion_level IN ('none', 'partial', 'full')", name="ck_submissions_exclusion_level"),
        sa.ForeignKeyConstraint(["package_id"], ["packages.id"], name="fk_submissions_package_id_packages"),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name="fk_submissions_round_id_rounds"),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name="fk_submissions_unit_id_units"),
        sa.ForeignKeyConstraint(["superseded_by"], ["submissions.id"], name="fk_submissions_superseded_by_submissions"),
        sa.PrimaryKeyConstraint("id", name="pk_submissions"),
        sa.UniqueConstraint("package_id", name="uq_submissions_package_id"),
    )
    op.create_index("ix_submissions_submission_id", "submissions", ["submission_id"])
    op.create_index("ix_submissions_dashboard", "submissions", ["round_id", "is_current", "unit_id", "category"])
    op.create_index("ix_submissions_algorithm", "submissions", ["algorithm_id", "round_id"])
    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.String(36), nullable=True),
        sa.Column("algorithm_name", sa.Text(), nullable=True),
        sa.Column("unit_name", sa.Text(), nullable=True),
        sa.Column("round_name", sa.Text(), nullable=True),
        sa.Column("reason_code", sa.String(40), nullable=False),
        sa.Column("reason_nl", sa.Text(), nullable=False),
        sa.Column("reason_en", sa.Text(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("received_at", TIME, nullable=False),
        sa.Column("received_by", sa.Text(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("decided_at", TIME, nullable=True),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.CheckConstraint("status IN ('waiting', 'accepted', 'rejected')", name="ck_quarantine_status"),
        sa.ForeignKeyConstraint(["package_id"], ["packages.id"], name="fk_quarantine_package_id_packages"),
        sa.PrimaryKeyConstraint("id", name="pk_quarantine"),
        sa.UniqueConstraint("package_id", name="uq_quarantine_package_id"),
    )
    op.create_index("ix_quarantine_status", "quarantine", ["status"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", TIME, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("result", sa.String(20), nullable=True),
        sa.Column("reason_code", sa.String(40), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("file_name", sa.Text(), nullable=True),
        sa.Column("package_sha256", sa.String(64), nullable=True),
        sa.Column("submission_id", sa.String(36), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_audit"),
    )
    op.create_index("ix_audit_at", "audit", ["at"])
    op.execute(sa.text("INSERT INTO cdo_meta (key, value) VALUES ('min_app_version', :v)").bindparams(v=MIN_APP_VERSION))


def downgrade() -> None:
    for table in ("audit", "quarantine", "submissions", "packages", "trust", "round_units", "rounds", "units", "cdo_meta"):
        op.drop_table(table)
