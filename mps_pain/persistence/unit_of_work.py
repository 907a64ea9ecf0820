"""The boundary between the services and the database: a unit of work that hands out a repository.

Services see only these protocols and the record values (``records.py``). The SQL implementation
is ``repository.SqlUnitOfWork``; the service tests use an in-memory one (``tests/services``).
Every method works on identifiers and record values, never on rows or statements.

Rules every implementation keeps:
- ``writing()`` is one transaction: it commits whole on a normal exit and leaves nothing on an
  error. A save based on an older patient version raises ``StaleRecordError``, however the
  conflict is found (before the write, or by the database at flush or commit).
- Every change to a patient goes through ``touch`` (or ``update_patient``), which moves the
  patient's version on by one when the transaction is flushed.
- ``append_audit`` links the entry into the hash chain (``audit_chain``) atomically.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import DamagedRecordError
from mps_pain.persistence.audit_chain import AuditLink, link_hash
from mps_pain.persistence.content_hash import ContentMismatch
from mps_pain.persistence.records import (
    AuditEntry,
    AuditOrigin,
    ClinicalEvent,
    PatientInfo,
    RegimenVersion,
    SavedPlan,
    StoredPatient,
)

__all__ = [
    "AlteredVersion",
    "OmeCache",
    "PatientListing",
    "RecordsRepository",
    "TimelineRow",
    "UnitOfWork",
    "document_sha256",
    "dumps",
    "new_link",
    "ome_cache_seal",
]


def dumps(value: Any) -> str:
    """Canonical JSON for storage: sorted keys, no NaN (every implementation stores this text)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)


def document_sha256(document_json: str) -> str:
    """The fingerprint of a stored document's text (``TimelineRow``/``OmeCache`` compare it)."""
    return hashlib.sha256(document_json.encode()).hexdigest()


def new_link(
    entry: AuditEntry,
    *,
    patient_identifier: str | None,
    prev_hash: str,
    content_json: str | None = None,
    link_id: int = 0,
) -> AuditLink:
    """The values every ``append_audit`` stores for ``entry``: its JSON as ``dumps`` writes it,
    linked after ``prev_hash`` and hashed (``audit_chain.link_hash``)."""
    link = AuditLink(
        id=link_id,
        occurred_at=entry.occurred_at,
        os_user=entry.os_user,
        app_version=entry.app_version,
        action=entry.action,
        entity=entry.entity,
        entity_key=entry.entity_key,
        patient_identifier=patient_identifier,
        origin=entry.origin,
        source=entry.source,
        before_json=None if entry.before is None else dumps(entry.before),
        after_json=None if entry.after is None else dumps(entry.after),
        prev_hash=prev_hash,
        row_hash=None,
        content_json=content_json,
    )
    return link.model_copy(update={"row_hash": link_hash(prev_hash, link)})


class OmeCache(BaseModel):
    """A regimen version's daily OME, with what it was computed from (derived data)."""

    model_config = ConfigDict(frozen=True)

    ome_mg_per_day: float | None
    error: str | None
    table_id: str
    table_sha256: str
    document_sha256: str


def ome_cache_seal(cache: OmeCache) -> str:
    """The SHA-256 of a cache's value and what it came from (migration 0007, ``ome_seal``).

    A cache whose stored seal differs (its OME or error edited outside the program) is stale:
    it is recomputed from the document, never shown. A forger who recomputes the seal too is
    found by ``patients verify``, which recomputes every cached OME from its document."""
    fields = [
        cache.ome_mg_per_day,
        cache.error,
        cache.table_id,
        cache.table_sha256,
        cache.document_sha256,
    ]
    return hashlib.sha256(json.dumps(fields).encode()).hexdigest()


class TimelineRow(BaseModel):
    """A regimen version as the timeline needs it, without parsing its document."""

    model_config = ConfigDict(frozen=True)

    id: int
    effective_from: datetime
    reason: str
    document_sha256: str  # of the document as it is stored now
    cache: OmeCache | None


@dataclass(frozen=True)
class PatientListing:
    """``patients list``: the patients that read back whole, and an error naming each stored
    patient row that does not (table, row, column; fuzz review 5, R1)."""

    patients: tuple[StoredPatient, ...]
    damaged: tuple[DamagedRecordError, ...] = ()


class ForeignObject(BaseModel):
    """A trigger, view or rule on (or naming) a records table that the migrations did not make
    (``foreign_objects``; fuzz review 18d, D1)."""

    model_config = ConfigDict(frozen=True)

    kind: str  # "trigger", "view", "rule"
    name: str
    table: str  # the records table it is on, or the first one its text names


class AlteredVersion(BaseModel):
    """A regimen version whose stored document no longer has the fingerprint it was written with."""

    model_config = ConfigDict(frozen=True)

    patient_identifier: str
    version_id: int


class RecordsRepository(Protocol):
    # patients
    def find_patient(self, identifier: str) -> StoredPatient | None: ...
    def get_patient(self, identifier: str) -> StoredPatient: ...
    def all_patients(self) -> list[StoredPatient]: ...
    def patient_listing(self) -> PatientListing: ...
    def add_patient(self, info: PatientInfo) -> None: ...
    def update_patient(self, identifier: str, info: PatientInfo) -> None: ...
    def touch(self, identifier: str, expected_version: int | None) -> None: ...
    def saved(self, identifier: str) -> StoredPatient: ...

    # history (append only)
    def add_regimen_version(
        self, identifier: str, record: RegimenVersion, cache: OmeCache
    ) -> int: ...
    def add_event(self, identifier: str, record: ClinicalEvent) -> int: ...
    def add_plan(self, identifier: str, record: SavedPlan) -> int: ...
    def regimen_versions(self, identifier: str) -> list[RegimenVersion]: ...
    def regimen_version(self, identifier: str, version_id: int) -> RegimenVersion: ...
    def events(self, identifier: str) -> list[ClinicalEvent]: ...
    def plans(self, identifier: str) -> list[SavedPlan]: ...
    def plan(self, identifier: str, plan_id: int) -> SavedPlan: ...

    # timeline and its OME cache
    def timeline_rows(self, identifier: str) -> list[TimelineRow]: ...
    def timeline_events(self, identifier: str) -> list[ClinicalEvent]: ...
    def regimen_documents(self, version_ids: list[int]) -> dict[int, RegimenDocument]: ...
    def store_ome_cache(self, values: dict[int, OmeCache]) -> None: ...

    # audit
    def append_audit(self, entry: AuditEntry, *, patient_identifier: str | None) -> None: ...
    def audit(self, identifier: str, origin: AuditOrigin) -> list[AuditEntry]: ...
    def audit_links(self) -> list[AuditLink]: ...
    # what ``patients verify`` reads: of the whole database, or of one ``patient`` (whose rows
    # are those the whole reading attributes to that patient)
    def altered_regimen_versions(self, patient: str | None = None) -> list[AlteredVersion]: ...
    def stored_content(self, patient: str | None = None) -> dict[str, tuple[str, str]]: ...
    def row_keys(self) -> set[str]: ...  # every stored row of the content tables, by key
    def damaged_rows(self, patient: str | None = None) -> list[ContentMismatch]: ...
    def cached_omes(self) -> list[tuple[str, int, OmeCache]]: ...
    def unsealed_caches(self, patient: str | None = None) -> list[tuple[str, int]]: ...
    def missing_protections(self) -> list[str]: ...  # append-only triggers that are gone
    def foreign_objects(self) -> list[ForeignObject]: ...  # triggers the migrations did not make


class UnitOfWork(Protocol):
    def reading(self) -> AbstractContextManager[RecordsRepository]: ...
    def writing(self) -> AbstractContextManager[RecordsRepository]: ...
    def describe(self) -> str: ...
