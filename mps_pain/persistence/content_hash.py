"""The SHA-256 of a stored row's content, which the audit chain records (migration 0005).

Each audit row written for a patient change, a regimen version or a clinical event carries, in
``content_json``, the hashes of the rows it records (``"regimen_versions:17": sha256``), inside
its chained ``row_hash``. ``patients verify`` recomputes every stored row's hash and compares it
with the newest hash the chain recorded for it: an edit, a deletion or a row added outside the
program is found, even when the row's own plain fingerprint was recomputed.

Saved plans and checks are covered from schema 6, a patient's ``created_at`` from schema 8
(outside fuzz review 5, R5: it could be back-dated unseen). Every column of the records tables is
in exactly one of: ``CONTENT_FIELDS`` (hashed here), ``CHAIN_COLUMNS`` (an audit row's own
columns, in its chained hash), ``RECOMPUTED_COLUMNS`` (checked by ``patients verify`` against
what they are computed from: the document's fingerprint, the sealed OME cache) or
``NOT_COVERED``, each with its reason (a test holds the schema to this). One place, used by the
repository and the migrations alike.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from mps_pain.errors import NOT_VOUCHED
from mps_pain.persistence.audit_chain import AuditLink

__all__ = [
    "CHAIN_COLUMNS",
    "CONTENT_FIELDS",
    "NOT_COVERED",
    "RECOMPUTED_COLUMNS",
    "ROW_KINDS",
    "UNKNOWN_OWNER",
    "ContentMismatch",
    "content_key",
    "content_mismatches",
    "content_sha256",
]

CONTENT_FIELDS: dict[str, tuple[str, ...]] = {
    "patients": (
        "identifier",
        "display_name",
        "sex",
        "birth_year",
        "context_json",
        "note",
        "time_basis",
        "created_at",  # schema 8 (migration 0008)
    ),
    "regimen_versions": (
        "patient_id",
        "effective_from",
        "reason",
        "document_json",
        "created_at",
        "created_by",
    ),
    "clinical_events": (
        "patient_id",
        "kind",
        "occurred_at",
        "ends_at",
        "nrs",
        "title",
        "detail",
        "created_at",
        "created_by",
    ),
    # migration 0006: saved plans and checks are clinical content too (show and export list them)
    "saved_plans": (
        "patient_id",
        "kind",
        "title",
        "inputs_json",
        "outputs_json",
        "table_id",
        "table_version",
        "table_sha256",
        "app_version",
        "created_at",
        "created_by",
    ),
}


ROW_KINDS = {
    "patients": "patient",
    "regimen_versions": "regimen version",
    "clinical_events": "clinical event",
    "saved_plans": "saved plan",
    "audit_log": "audit row",
}
"""How a person is told which row: as ``DamagedRecordError``, verify and a refused save name it."""

CHAIN_COLUMNS: dict[str, tuple[str, ...]] = {
    "audit_log": (  # audit_chain: every column but the id is in the row's chained hash
        "occurred_at",
        "os_user",
        "app_version",
        "action",
        "entity",
        "entity_key",
        "patient_identifier",
        "before_json",
        "after_json",
        "origin",
        "source",
        "prev_hash",
        "row_hash",
        "content_json",
    ),
}

RECOMPUTED_COLUMNS: dict[str, tuple[str, ...]] = {
    "regimen_versions": (
        # the stored document's fingerprint: verify compares it with the document (which is in
        # CONTENT_FIELDS)
        "document_sha256",
        # the OME cache, derived data rewritten without an audit entry when the tables change:
        # sealed (unit_of_work.ome_cache_seal); verify names a cache whose seal does not match
        # and recomputes every cache of the current tables from the document
        "ome_mg_per_day",
        "ome_error",
        "ome_table_id",
        "ome_table_sha256",
        "ome_document_sha256",
        "ome_seal",
    ),
}

NOT_COVERED: dict[tuple[str, str], str] = {
    ("patients", "version"): "the optimistic lock: it moves on at every save, content or not, "
    "and is shown only as the number of saves",
    ("patients", "updated_at"): "the time of the last save: it changes at every save, content "
    "or not, and is shown only as the time of the last save",
}


def content_key(table: str, row_id: int) -> str:
    return f"{table}:{row_id}"


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):  # a blob put in by SQL: never ours
        return {"stored-bytes": bytes(value).hex()}
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] in " T":
        try:  # a timestamp read as text (SQLite through raw SQL in a migration)
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def content_sha256(
    table: str, values: Mapping[str, Any] | object, fields: tuple[str, ...] | None = None
) -> str:
    """The hash of one row's content columns (a mapping of columns, or an ORM row); ``fields``
    only for a migration that recomputes an older schema's hash."""
    fields = CONTENT_FIELDS[table] if fields is None else fields
    if isinstance(values, Mapping):
        content = {name: _plain(values[name]) for name in fields}
    else:
        content = {name: _plain(getattr(values, name)) for name in fields}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _recorded_hashes(link: AuditLink) -> dict[str, str]:
    """The content hashes an audit row records; none from a damaged row or one whose
    ``content_json`` is not what mps-pain writes (the chain names that row: its hash breaks)."""
    if link.damage is not None or link.content_json is None:
        return {}
    try:
        hashes = json.loads(link.content_json)
    except ValueError:
        return {}
    if not isinstance(hashes, dict):
        return {}
    return {k: v for k, v in hashes.items() if isinstance(v, str)}


UNKNOWN_OWNER = "?"
"""The patient of a gone row whose audit row names none (a schema upgrade's ``baseline`` row
records every row of the database at once): it could be anyone's, so it touches every record."""


class ContentMismatch(BaseModel):
    """A stored row whose content is not what the audit chain recorded for it."""

    model_config = ConfigDict(frozen=True)

    key: str  # "clinical_events:2"
    patient_identifier: str
    problem: str
    gone: bool = False  # the row is gone: named by the patient its audit row recorded


def content_mismatches(
    links: Iterable[AuditLink],
    stored: Mapping[str, tuple[str, str]],
    *,
    present: Collection[str] | None = None,
) -> list[ContentMismatch]:
    """Compare each stored row's hash with the newest one the chain recorded for it.

    ``stored`` maps a row's key to (patient, hash); ``present`` holds the key of every row the
    database holds (default: those of ``stored``; one patient's reading gives every key, so that
    a row of this patient that was deleted is found: fuzz review 21, D2). Rows the chain never
    recorded (added outside the program), rows whose content differs, and recorded rows that
    are gone are all named, a gone row by the patient its audit row recorded (``UNKNOWN_OWNER``
    when that row names none).
    """
    recorded: dict[str, tuple[str, int]] = {}
    patients: dict[str, str] = {}  # the patient each recorded row was recorded for
    for link in links:
        for key, digest in _recorded_hashes(link).items():
            recorded[key] = (digest, link.id)
            patients[key] = link.patient_identifier or UNKNOWN_OWNER
    found = []
    for key, (patient, digest) in stored.items():
        if key not in recorded:
            problem = "is not recorded in the audit trail (it was added outside mps-pain)"
        elif recorded[key][0] != digest:
            problem = (
                f"differs from what audit row {recorded[key][1]} recorded "
                "(changed outside mps-pain)"
            )
        else:
            continue
        found.append(ContentMismatch(key=key, patient_identifier=patient, problem=problem))
    held = stored.keys() if present is None else present
    gone = [(key, row_id) for key, (_, row_id) in recorded.items() if key not in held]
    return found + [_gone(key, row_id, patients[key]) for key, row_id in gone]


def _gone(key: str, row_id: int, patient: str) -> ContentMismatch:
    """A recorded row that is gone, named by the patient its audit row recorded (fuzz review
    16, N7: "of '?'"); when that row names no patient, the row could be anyone's."""
    whose = (
        f": that row does not say whose record it was, so {NOT_VOUCHED}"
        if patient == UNKNOWN_OWNER
        else ""
    )
    return ContentMismatch(
        key=key,
        patient_identifier=patient,
        gone=True,
        problem=f"was recorded by audit row {row_id} and is gone (deleted outside mps-pain){whose}",
    )
