"""Yearly rounds in the CDO database: deadline and organisation of a round, its files, exported bundles, submission links.

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

MIN_APP_VERSION = "0.1.0"
TIME = sa.String(32)


def upgrade() -> None:
    with op.batch_alter_table("rounds") as batch:
        batch.add_column(sa.Column("deadline", sa.String(10), nullable=True))
        batch.add_column(sa.Column("organisation", sa.Text(), nullable=True))
    op.create_table(
        "round_files",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("form_id", sa.Text(), nullable=True),
        sa.Column("version", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", TIME, nullable=False),
        sa.Column("added_by", sa.Text(), nullable=False),
        sa.CheckConstraint("role IN ('form', 'previous', 'map')", name="ck_round_files_role"),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name="fk_round_files_round_id_rounds", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_round_files"),
        sa.UniqueConstraint("round_id", "role", "sha256", name="uq_round_files_round_id_role_sha256"),
    )
    op.create_index("ix_round_files_round_id", "round_files", ["round_id"])
    op.create_table(
        "round_bundles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(80), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name="fk_round_bundles_round_id_rounds", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_round_bundles"),
        sa.UniqueConstraint("sequence", name="uq_round_bundles_sequence"),
    )
    op.create_index("ix_round_bundles_round_id", "round_bundles", ["round_id"])
    op.create_table(
        "submission_links",
        sa.Column("submission_row_id", sa.Integer(), nullable=False),
        sa.Column("previous", sa.String(36), nullable=True),
        sa.Column("ai_form_id", sa.Text(), nullable=True),
        sa.Column("ai_form_version", sa.Text(), nullable=True),
        sa.Column("ai_form_sha256", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(["submission_row_id"], ["submissions.id"], name="fk_submission_links_submission_row_id_submissions",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("submission_row_id", name="pk_submission_links"),
    )
    op.create_index("ix_submission_links_previous", "submission_links", ["previous"])


def downgrade() -> None:
    op.drop_index("ix_submission_links_previous", table_name="submission_links")
    op.drop_table("submission_links")
    op.drop_index("ix_round_bundles_round_id", table_name="round_bundles")
    op.drop_table("round_bundles")
    op.drop_index("ix_round_files_round_id", table_name="round_files")
    op.drop_table("round_files")
    with op.batch_alter_table("rounds") as batch:
        batch.drop_column("organisation")
        batch.drop_column("deadline")
