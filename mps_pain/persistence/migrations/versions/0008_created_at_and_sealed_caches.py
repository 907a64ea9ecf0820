"""Schema version 8: a patient's ``created_at`` is content, and every OME cache is sealed.

Outside fuzz review 5, R5: ``patients.created_at`` back-dated by SQL, and edits to a regimen
version's ``ome_error``, ``ome_seal`` or ``ome_table_sha256``, all verified as intact.

- ``content_hash.CONTENT_FIELDS["patients"]`` now includes ``created_at``. The trail recorded
  each patient's hash without it; one ``baseline`` audit row records the new hash of every
  patient whose old hash is still what the trail recorded last. A patient whose row no longer
  matches is *not* recorded again: the upgrade must not launder an edit made before it, so
  ``patients verify`` keeps naming that row.
- ``patients verify`` names a cache whose seal does not match its columns. Caches written before
  schema 7 carry no seal: they are cleared here (derived data, recomputed from the document the
  next time the timeline is drawn), so that an unsealed cache means an edit.

No column is added; nothing is removed but the unsealed derived caches.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

from mps_pain.persistence.content_hash import CONTENT_FIELDS, content_key, content_sha256
from mps_pain.persistence.migrations.baseline import append_baseline

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# the patient content schemas 5 to 7 hashed (CONTENT_FIELDS["patients"] before created_at)
_PATIENT_FIELDS_V7 = (
    "identifier",
    "display_name",
    "sex",
    "birth_year",
    "context_json",
    "note",
    "time_basis",
)


def upgrade() -> None:
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "UPDATE regimen_versions SET ome_mg_per_day = NULL, ome_error = NULL, "
            "ome_table_id = NULL, ome_table_sha256 = NULL, ome_document_sha256 = NULL "
            "WHERE ome_seal IS NULL"
        )
    )
    hashes = _patients_to_record_again(bind)
    if hashes:
        append_baseline(bind, hashes, schema=8)


def _recorded(bind: Any) -> dict[str, str]:
    """The newest content hash the trail recorded for each row."""
    recorded: dict[str, str] = {}
    rows = bind.execute(
        sa.text("SELECT content_json FROM audit_log WHERE content_json IS NOT NULL ORDER BY id")
    )
    for (text,) in rows:
        try:
            hashes = json.loads(text)
        except (TypeError, ValueError):
            continue
        if isinstance(hashes, dict):
            recorded.update({k: v for k, v in hashes.items() if isinstance(v, str)})
    return recorded


def _patients_to_record_again(bind: Any) -> dict[str, str]:
    recorded = _recorded(bind)
    columns = ", ".join(("id", *CONTENT_FIELDS["patients"]))
    hashes = {}
    for row in bind.execute(sa.text(f"SELECT {columns} FROM patients")).mappings():
        key = content_key("patients", row["id"])
        new = content_sha256("patients", row)
        if recorded.get(key) == content_sha256("patients", row, _PATIENT_FIELDS_V7) != new:
            hashes[key] = new
    return hashes


def downgrade() -> None:
    raise NotImplementedError("the records schema is never downgraded (data would be lost)")
