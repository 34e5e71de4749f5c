"""Prefilled drafts from the CDO: which draft an algorithm was started from, and what of it was not taken.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Only a new table: an app that reads schema 2 still reads the algorithms and answers of this file.
MIN_APP_VERSION = "0.1.0"


def upgrade() -> None:
    op.create_table(
        "draft_origins",
        sa.Column("algorithm_id", sa.String(36), nullable=False),
        sa.Column("draft_id", sa.String(36), nullable=False),
        sa.Column("round", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("match_kind", sa.String(32), nullable=False),
        sa.Column("match_value", sa.Text(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("not_mapped", sa.Text(), nullable=False),
        sa.Column("deviations", sa.Text(), nullable=False),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.CheckConstraint("source IN ('register', 'spreadsheet')", name=op.f("ck_draft_origins_source")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_draft_origins_revision")),
        sa.CheckConstraint("json_valid(answers) AND json_type(answers) = 'object'", name=op.f("ck_draft_origins_answers")),
        sa.CheckConstraint("json_valid(not_mapped) AND json_type(not_mapped) = 'array'",
                           name=op.f("ck_draft_origins_not_mapped")),
        sa.CheckConstraint("json_valid(deviations) AND json_type(deviations) = 'array'",
                           name=op.f("ck_draft_origins_deviations")),
        sa.ForeignKeyConstraint(["algorithm_id"], ["algorithms.id"], name=op.f("fk_draft_origins_algorithm_id_algorithms"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("algorithm_id", name=op.f("pk_draft_origins")),
    )
    op.create_index("ix_draft_origins_draft_id", "draft_origins", ["draft_id"])


def downgrade() -> None:
    op.drop_index("ix_draft_origins_draft_id", table_name="draft_origins")
    op.drop_table("draft_origins")
