"""Schema version 5: the audit chain records the content of the rows it is about.

- ``audit_log.content_json``: for each local audit entry, the SHA-256 of the stored content of
  every patient, regimen version and clinical event it records (``content_hash``), inside the
  chained ``row_hash``. Rows written before keep their hash (the canonical form only includes the
  field when it is set).
- One ``baseline`` audit row, appended to the chain, records the content hashes of every row that
  exists at the upgrade, so ``patients verify`` checks old rows too from here on. (What was edited
  before the upgrade cannot be told apart: the baseline records what is there.)

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mps_pain.persistence.migrations.baseline import append_baseline, existing_content

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The tables schema 5 covers (saved plans came in schema 6, whose own baseline records them).
_TABLES = ("patients", "regimen_versions", "clinical_events")


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("content_json", sa.Text))
    bind = op.get_bind()
    hashes = existing_content(bind, _TABLES)
    if hashes:
        append_baseline(bind, hashes, schema=5)


def downgrade() -> None:
    raise NotImplementedError("the records schema is never downgraded (data would be lost)")
