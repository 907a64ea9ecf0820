"""Schema version 4: practice progress (issue #9) — learners and their graded attempts.

- ``learners``: one row per learner name (unique).
- ``practice_attempts``: one row per graded exercise: the exercise id (which regenerates it with
  the tables version stored beside it), level, topic, set, score out of total, and per question
  whether it was correct and the diagnosis code (JSON).

Existing data is untouched; the tables start empty.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learners",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "practice_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("exercise_id", sa.String(200), nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("topic", sa.String(60), nullable=False),
        sa.Column("table_id", sa.String(64), nullable=False),
        sa.Column("tables_version", sa.String(64), nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("results_json", sa.Text, nullable=False),
        sa.Column("answered_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_practice_attempts_learner", "practice_attempts", ["learner_id"])


def downgrade() -> None:
    raise NotImplementedError("the records schema is never downgraded (data would be lost)")
