"""Schema version 7: a seal on the cached OME.

- ``regimen_versions.ome_seal``: the SHA-256 of the cached OME, its error and what it was computed
  from (``unit_of_work.ome_cache_seal``). A cache whose seal does not match (its OME edited
  outside the program: fuzz review 2 set ``ome_mg_per_day=1`` and ``patients show`` printed 1) is
  recomputed from the document, never shown. Caches from before have no seal: each is recomputed
  once, when its timeline is next drawn (the cache is derived data).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("regimen_versions", sa.Column("ome_seal", sa.String(64)))


def downgrade() -> None:
    raise NotImplementedError("the records schema is never downgraded (data would be lost)")
