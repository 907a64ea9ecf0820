"""Schema version 2: cached OME per regimen version; relative (day-offset) timelines.

- ``regimen_versions.ome_mg_per_day`` / ``ome_table_id`` / ``ome_table_sha256`` / ``ome_error``:
  the timeline reads the OME stored with the table it came from instead of recomputing every
  regimen; a different table SHA-256 makes the service recompute.
- ``patients.time_basis``: ``calendar`` (real dates) or ``relative-days`` (day offsets from day 0,
  used by the published cases whose reports give no dates).

Existing rows keep their data: the OME columns start empty (computed on first open) and every
existing patient is ``calendar``.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("regimen_versions", sa.Column("ome_mg_per_day", sa.Float))
    op.add_column("regimen_versions", sa.Column("ome_table_id", sa.String(64)))
    op.add_column("regimen_versions", sa.Column("ome_table_sha256", sa.String(64)))
    op.add_column("regimen_versions", sa.Column("ome_error", sa.Text))
    op.add_column(
        "patients",
        sa.Column("time_basis", sa.String(20), nullable=False, server_default="calendar"),
    )


def downgrade() -> None:
    raise NotImplementedError("the records schema is never downgraded (data would be lost)")
