"""Schema version 6: the audit chain records the content of saved plans and checks.

Saved plans (``saved_plans``, kind ``plan`` or ``check``) join patients, regimen versions and
events in ``content_hash.CONTENT_FIELDS``: each local audit entry records the hashes of the plans
saved since the last one, so a plan inserted or edited outside the program is found by
``patients verify`` (fuzz review 2: a forged, well-formed row verified as intact and was listed
by ``patients show`` and ``export``). No column is added; one ``baseline`` audit row records the
plans that exist at the upgrade (what was forged before it cannot be told apart).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

from mps_pain.persistence.migrations.baseline import append_baseline, existing_content

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    hashes = existing_content(bind, ("saved_plans",))
    if hashes:
        append_baseline(bind, hashes, schema=6)


def downgrade() -> None:
    raise NotImplementedError("the records schema is never downgraded (data would be lost)")
