"""Schema version 3: a hash-chained, origin-marked audit trail; regimen content fingerprints.

- ``audit_log.origin`` (``local`` or ``imported``) and ``audit_log.source`` (for imported rows:
  which export they came from). Existing rows are ``local``.
- ``audit_log.prev_hash`` / ``row_hash``: the hash chain (``mps_pain.persistence.audit_chain``),
  computed here for the existing rows in id order.
- SQLite: a trigger refuses an insert that reuses an existing audit id, so ``INSERT OR REPLACE``
  cannot overwrite a row (REPLACE deletes without firing the DELETE trigger).
- PostgreSQL: ``TRUNCATE`` on the audit table is refused by a trigger as well (the app role
  should not have the privilege at all: ``mps-pain db grant``).
- ``regimen_versions.document_sha256`` (SHA-256 of the stored document, set when written) and
  ``ome_document_sha256`` (the document the cached OME was computed from); a trigger refuses
  changes to a regimen version's content (only the OME cache columns may change).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime

import sqlalchemy as sa
from alembic import op

from mps_pain.persistence.audit_chain import GENESIS, AuditLink, link_hash

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_NO_CHANGE = "the audit trail is append-only"
_FROZEN = "a regimen version is never changed; record a new version"
_CONTENT = ("patient_id", "effective_from", "reason", "document_json", "created_at", "created_by")


def upgrade() -> None:
    op.add_column(
        "audit_log", sa.Column("origin", sa.String(20), nullable=False, server_default="local")
    )
    op.add_column("audit_log", sa.Column("source", sa.Text))
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(64)))
    op.add_column("audit_log", sa.Column("row_hash", sa.String(64)))
    op.add_column("regimen_versions", sa.Column("document_sha256", sa.String(64)))
    op.add_column("regimen_versions", sa.Column("ome_document_sha256", sa.String(64)))
    dialect = op.get_bind().dialect.name
    _with_audit_unlocked(dialect, _chain_existing_rows)
    _fingerprint_regimens()
    if dialect == "sqlite":
        _sqlite_triggers()
    elif dialect == "postgresql":
        _postgres_triggers()


def _with_audit_unlocked(dialect: str, work: Callable[[], None]) -> None:
    if dialect == "sqlite":
        op.execute("DROP TRIGGER audit_log_no_update")
        work()
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            f"BEGIN SELECT RAISE(ABORT, '{_NO_CHANGE}'); END"
        )
    elif dialect == "postgresql":
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
        work()
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
    else:  # pragma: no cover - only the two supported back ends
        work()


def _chain_existing_rows() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT id, occurred_at, os_user, app_version, action, entity, entity_key, "
            "patient_identifier, before_json, after_json FROM audit_log ORDER BY id"
        )
    ).mappings()
    prev = GENESIS
    updates = []
    for row in rows:
        when = row["occurred_at"]
        if isinstance(when, str):
            when = datetime.fromisoformat(when)
        link = AuditLink(
            **{**row, "occurred_at": when},
            origin="local",
            source=None,
            prev_hash=prev,
            row_hash=None,
        )
        digest = link_hash(prev, link)
        updates.append({"id": row["id"], "prev": prev, "hash": digest})
        prev = digest
    for update in updates:
        bind.execute(
            sa.text("UPDATE audit_log SET prev_hash = :prev, row_hash = :hash WHERE id = :id"),
            update,
        )


def _fingerprint_regimens() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, document_json FROM regimen_versions")).all()
    for version_id, document in rows:
        digest = hashlib.sha256(document.encode()).hexdigest()
        bind.execute(
            sa.text("UPDATE regimen_versions SET document_sha256 = :d WHERE id = :id"),
            {"d": digest, "id": version_id},
        )


def _sqlite_triggers() -> None:
    op.execute(
        "CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log "
        "WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) "
        f"BEGIN SELECT RAISE(ABORT, '{_NO_CHANGE}'); END"
    )
    op.execute(
        f"CREATE TRIGGER regimen_versions_frozen BEFORE UPDATE OF {', '.join(_CONTENT)}, "
        f"document_sha256 ON regimen_versions BEGIN SELECT RAISE(ABORT, '{_FROZEN}'); END"
    )
    op.execute(
        "CREATE TRIGGER regimen_versions_no_delete BEFORE DELETE ON regimen_versions "
        f"BEGIN SELECT RAISE(ABORT, '{_FROZEN}'); END"
    )


def _postgres_triggers() -> None:
    op.execute(
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()"
    )
    op.execute(
        "CREATE FUNCTION regimen_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION '{_FROZEN}'; END $$"
    )
    op.execute(
        f"CREATE TRIGGER regimen_versions_frozen BEFORE UPDATE OF {', '.join(_CONTENT)}, "
        "document_sha256 ON regimen_versions FOR EACH ROW "
        "EXECUTE FUNCTION regimen_versions_refuse_change()"
    )
    op.execute(
        "CREATE TRIGGER regimen_versions_no_delete BEFORE DELETE OR TRUNCATE ON regimen_versions "
        "FOR EACH STATEMENT EXECUTE FUNCTION regimen_versions_refuse_change()"
    )


def downgrade() -> None:
    raise NotImplementedError("the records schema is never downgraded (data would be lost)")
