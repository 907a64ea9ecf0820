"""The audit trail's hash chain: each row's hash covers the previous row's hash and its own content.

``row_hash = SHA-256(prev_hash + "\\n" + canonical content)``, the first row's ``prev_hash`` being
64 zeros. Changing, removing, inserting or reordering any row other than the newest ones breaks a
link that ``first_break`` finds. It cannot tell that the newest rows were cut off (nothing after
them points back), nor stop someone who rewrites the whole chain from the first changed row on:
see docs/records.md, "What the audit trail can and cannot prove".

This is the one place the content of a row is made canonical; the repository and migration 0003
both use it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict

__all__ = ["GENESIS", "AuditBreak", "AuditLink", "first_break", "link_hash"]

GENESIS = "0" * 64


class AuditLink(BaseModel):
    """One stored audit row as the chain sees it (exactly the stored values)."""

    model_config = ConfigDict(frozen=True)

    id: int
    occurred_at: datetime
    os_user: str
    app_version: str
    action: str
    entity: str
    entity_key: str
    patient_identifier: str | None
    origin: str
    source: str | None
    before_json: str | None
    after_json: str | None
    prev_hash: str | None
    row_hash: str | None
    content_json: str | None = None  # schema 5: hashes of the stored rows this entry records
    # a stored row whose column holds what the schema does not allow (``stored_values``): the
    # column and what is wrong; the chain breaks at such a row (fuzz review 5, R1)
    damage: str | None = None


class AuditBreak(BaseModel):
    """The first broken link: which row, and what is wrong with it."""

    model_config = ConfigDict(frozen=True)

    row_id: int
    reason: str


def _canonical(link: AuditLink) -> str:
    when = link.occurred_at
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    content = {
        "occurred_at": when.astimezone(UTC).isoformat(timespec="microseconds"),
        "os_user": link.os_user,
        "app_version": link.app_version,
        "action": link.action,
        "entity": link.entity,
        "entity_key": link.entity_key,
        "patient_identifier": link.patient_identifier,
        "origin": link.origin,
        "source": link.source,
        "before_json": link.before_json,
        "after_json": link.after_json,
    }
    if link.content_json is not None:  # rows before schema 5 keep the hash they were given
        content["content_json"] = link.content_json
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def link_hash(prev_hash: str, link: AuditLink) -> str:
    """The hash a row with this content must carry when it follows ``prev_hash``."""
    payload = f"{prev_hash}\n{_canonical(link)}".encode()
    return hashlib.sha256(payload).hexdigest()


def first_break(links: Iterable[AuditLink]) -> tuple[int, AuditBreak | None]:
    """Walk the rows in id order; the number of rows checked and the first broken link."""
    expected_prev = GENESIS
    checked = 0
    for link in links:
        checked += 1
        if link.damage is not None:
            return checked, AuditBreak(
                row_id=link.id, reason=f"is damaged: its column {link.damage}"
            )
        if link.prev_hash != expected_prev:
            return checked, AuditBreak(
                row_id=link.id,
                reason="does not follow the row before it (a row was removed, inserted or "
                "reordered, or the chain was rewritten from here)",
            )
        if link.row_hash != link_hash(expected_prev, link):
            return checked, AuditBreak(
                row_id=link.id, reason="was changed after it was written (its hash does not match)"
            )
        expected_prev = link.row_hash
    return checked, None
