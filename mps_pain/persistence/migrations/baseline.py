"""A ``baseline`` audit row for a schema upgrade: the content hashes of every row of the given
tables that exists at the upgrade, appended to the hash chain so ``patients verify`` checks those
rows from then on (used by migrations 0005 and 0006; raw SQL, as a migration must)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from mps_pain import __version__
from mps_pain.persistence.audit_chain import GENESIS, AuditLink, link_hash
from mps_pain.persistence.content_hash import CONTENT_FIELDS, content_key, content_sha256

__all__ = ["append_baseline", "existing_content"]


def existing_content(bind: Any, tables: tuple[str, ...]) -> dict[str, str]:
    hashes: dict[str, str] = {}
    for table in tables:
        columns = ", ".join(("id", *CONTENT_FIELDS[table]))
        for row in bind.execute(sa.text(f"SELECT {columns} FROM {table}")).mappings():
            hashes[content_key(table, row["id"])] = content_sha256(table, row)
    return hashes


def append_baseline(bind: Any, hashes: dict[str, str], *, schema: int) -> None:
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
        "entity_key": f"schema {schema}",
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
