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

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from mps_pain import __version__
from mps_pain.persistence.audit_chain import GENESIS, AuditLink, link_hash
from mps_pain.persistence.content_hash import CONTENT_FIELDS, content_key, content_sha256

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("content_json", sa.Text))
    hashes = _existing_content()
    if hashes:
        _append_baseline(hashes)


def _existing_content() -> dict[str, str]:
    bind = op.get_bind()
    hashes: dict[str, str] = {}
    for table, fields in CONTENT_FIELDS.items():
        columns = ", ".join(("id", *fields))
        for row in bind.execute(sa.text(f"SELECT {columns} FROM {table}")).mappings():
            hashes[content_key(table, row["id"])] = content_sha256(table, row)
    return hashes


def _append_baseline(hashes: dict[str, str]) -> None:
    bind = op.get_bind()
    prev = bind.execute(
        sa.text("SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1")
    ).scalar_one_or_none()
    now = datetime.now(UTC)
    values = {
        "occurred_at": now,
        "os_user": "mps-pain schema upgrade",
        "app_version": __version__,
        "action": "baseline",
        "entity": "database",
        "entity_key": "schema 5",
        "patient_identifier": None,
        "origin": "local",
        "source": None,
        "before_json": None,
        "after_json": json.dumps({"rows": len(hashes)}, sort_keys=True),
        "content_json": json.dumps(hashes, ensure_ascii=False, sort_keys=True),
    }
    link = AuditLink(id=0, prev_hash=prev or GENESIS, row_hash=None, **values)
    digest = link_hash(prev or GENESIS, link)
    bind.execute(
        sa.text(
            "INSERT INTO audit_log (occurred_at, os_user, app_version, action, entity, "
            "entity_key, patient_identifier, origin, source, before_json, after_json, "
            "content_json, prev_hash, row_hash) VALUES (:occurred_at, :os_user, :app_version, "
            ":action, :entity, :entity_key, :patient_identifier, :origin, :source, "
            ":before_json, :after_json, :content_json, :prev, :hash)"
        ),
        {
            **values,
            "occurred_at": now.replace(tzinfo=None),
            "prev": prev or GENESIS,
            "hash": digest,
        },
    )


def downgrade() -> None:
    raise NotImplementedError("the records schema is never downgraded (data would be lost)")
