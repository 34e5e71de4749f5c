"""Initial owner schema: algorithms, answers (one row per algorithm, form and question), db_meta.

Revision ID: 0001
Revises:
Create Date: 2026-01-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The oldest app version that can read a database at this revision.
MIN_APP_VERSION = "0.1.0"


def upgrade() -> None:
    op.create_table(
        "algorithms",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("round", sa.Text(), nullable=False),
        sa.Column("state", sa.String(16), server_default="draft", nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("current_form", sa.Text(), nullable=True),
        sa.Column("current_question", sa.Text(), nullable=True),
        sa.Column("conclusion", sa.Text(), nullable=True),
        sa.Column("conclusion_ref", sa.Text(), nullable=True),
        sa.Column("category", sa.String(1), nullable=True),
        sa.Column("deleted_at", sa.String(32), nullable=True),
        sa.CheckConstraint("state IN ('draft', 'complete', 'exported')", name=op.f("ck_algorithms_state")),
        sa.CheckConstraint("category IS NULL OR category IN ('A', 'B', 'C')", name=op.f("ck_algorithms_category")),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_algorithms_name_given")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_algorithms")),
    )
    op.create_index("ix_algorithms_updated_at", "algorithms", ["updated_at"])
    op.create_table(
        "answers",
        sa.Column("algorithm_id", sa.String(36), nullable=False),
        sa.Column("form_id", sa.Text(), nullable=False),
        sa.Column("question_id", sa.Text(), nullable=False),
        sa.Column("form_version", sa.Text(), nullable=False),
        sa.Column("form_hash", sa.String(64), nullable=False),
        sa.Column("answers_json", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.CheckConstraint("status IN ('confirmed', 'set_aside', 'prefilled')", name=op.f("ck_answers_status")),
        sa.CheckConstraint(
            "json_valid(answers_json) AND json_type(answers_json) = 'array'", name=op.f("ck_answers_answers_json")
        ),
        sa.ForeignKeyConstraint(
            ["algorithm_id"], ["algorithms.id"], name=op.f("fk_answers_algorithm_id_algorithms"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("algorithm_id", "form_id", "question_id", name=op.f("pk_answers")),
    )
    meta = op.create_table(
        "db_meta",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_db_meta")),
    )
    op.bulk_insert(meta, [{"key": "min_app_version", "value": MIN_APP_VERSION}])


def downgrade() -> None:
    op.drop_table("db_meta")
    op.drop_table("answers")
    op.drop_index("ix_algorithms_updated_at", table_name="algorithms")
    op.drop_table("algorithms")
