"""Prefilled drafts in the CDO database: one row per draft made from a register entry or last year's spreadsheet.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-09
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MIN_APP_VERSION = "0.1.0"
TIME = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("match_kind", sa.String(20), nullable=False),
        sa.Column("match_value", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("not_mapped", sa.Text(), nullable=False),
        sa.Column("deviations", sa.Text(), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=False),
        sa.Column("deleted_at", TIME, nullable=True),
        sa.CheckConstraint("source IN ('register', 'spreadsheet')", name="ck_drafts_source"),
        sa.CheckConstraint("match_kind IN ('lars', 'source_id', 'organisation+name')", name="ck_drafts_match_kind"),
        sa.CheckConstraint("revision >= 1", name="ck_drafts_revision"),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name="fk_drafts_round_id_rounds", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_drafts"),
    )
    op.create_index("ix_drafts_round_id", "drafts", ["round_id"])
    op.create_index("ix_drafts_match", "drafts", ["organisation", "round_id", "match_kind", "match_value"])


def downgrade() -> None:
    op.drop_index("ix_drafts_match", table_name="drafts")
    op.drop_index("ix_drafts_round_id", table_name="drafts")
    op.drop_table("drafts")
