"""Yearly rounds: the CDO key round bundles are checked against, installed round bundles, carry-overs from last year.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Only new tables: an app that reads schema 1 still reads the algorithms and answers of this file.
MIN_APP_VERSION = "0.1.0"


def upgrade() -> None:
    op.create_table(
        "cdo_keys",
        sa.Column("fingerprint", sa.String(80), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("added_at", sa.String(32), nullable=False),
        sa.Column("retired_at", sa.String(32), nullable=True),
        sa.CheckConstraint("source IN ('enrolled', 'installed')", name=op.f("ck_cdo_keys_source")),
        sa.PrimaryKeyConstraint("fingerprint", name=op.f("pk_cdo_keys")),
    )
    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.String(500), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("organisation_key", sa.String(500), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("deadline", sa.String(10), nullable=True),
        sa.Column("units_json", sa.Text(), nullable=False),
        sa.Column("forms_json", sa.Text(), nullable=False),
        sa.Column("round_json", sa.LargeBinary(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("signer_fingerprint", sa.String(80), nullable=False),
        sa.Column("bundle_sha256", sa.String(64), nullable=False),
        sa.Column("folder", sa.Text(), nullable=False),
        sa.Column("installed_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rounds")),
        sa.UniqueConstraint("organisation_key", "name_key", name=op.f("uq_rounds_organisation_key_name_key")),
    )
    op.create_table(
        "carry_overs",
        sa.Column("algorithm_id", sa.String(36), nullable=False),
        sa.Column("previous_id", sa.String(36), nullable=True),
        sa.Column("previous_submission", sa.String(36), nullable=True),
        sa.Column("round", sa.Text(), nullable=False),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("previous_json", sa.Text(), nullable=False),
        sa.Column("proposed_json", sa.Text(), nullable=False),
        sa.Column("forms_json", sa.Text(), nullable=False),
        sa.Column("review_json", sa.Text(), nullable=False),
        sa.Column("old_conclusion", sa.Text(), nullable=True),
        sa.Column("old_conclusion_ref", sa.Text(), nullable=True),
        sa.Column("old_category", sa.String(1), nullable=True),
        sa.Column("new_conclusion", sa.Text(), nullable=True),
        sa.Column("new_conclusion_ref", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["algorithm_id"], ["algorithms.id"], name=op.f("fk_carry_overs_algorithm_id_algorithms"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["previous_id"], ["algorithms.id"], name=op.f("fk_carry_overs_previous_id_algorithms"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("algorithm_id", name=op.f("pk_carry_overs")),
    )
    op.create_index("ix_carry_overs_previous_id", "carry_overs", ["previous_id"])


def downgrade() -> None:
    op.drop_index("ix_carry_overs_previous_id", table_name="carry_overs")
    op.drop_table("carry_overs")
    op.drop_table("rounds")
    op.drop_table("cdo_keys")
