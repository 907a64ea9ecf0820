"""An in-memory implementation of the records boundary (``mps_pain.persistence.unit_of_work``),
so the patient service's use cases are tested without a database.

It keeps the boundary's rules: ``writing()`` commits whole or not at all (it works on a copy), a
patient's version moves on once per transaction that touched it, a stale ``expected_version`` is
refused, and audit entries are linked into the same hash chain as in the database.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import RecordNotFoundError, StaleRecordError
from mps_pain.persistence.audit_chain import GENESIS, AuditLink
from mps_pain.persistence.content_hash import ContentMismatch
from mps_pain.persistence.records import (
    AuditEntry,
    AuditOrigin,
    ClinicalEvent,
    PatientInfo,
    RegimenVersion,
    SavedPlan,
    StoredPatient,
    utc_now,
)
from mps_pain.persistence.unit_of_work import (
    AlteredVersion,
    ForeignObject,
    OmeCache,
    PatientListing,
    TimelineRow,
    document_sha256,
    dumps,
    new_link,
)


@dataclass
class StoredVersion:
    patient: str
    record: RegimenVersion
    document_json: str
    fingerprint: str
    cache: OmeCache | None


@dataclass
class State:
    patients: dict[str, StoredPatient] = field(default_factory=dict)
    versions: dict[int, StoredVersion] = field(default_factory=dict)
    events: list[tuple[str, ClinicalEvent]] = field(default_factory=list)
    plans: list[tuple[str, SavedPlan]] = field(default_factory=list)
    audit: list[AuditLink] = field(default_factory=list)
    next_id: int = 1

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1


class InMemoryRecords:
    def __init__(self) -> None:
        self.state = State()
        self.commits = 0

    def describe(self) -> str:
        return "in memory"

    @contextmanager
    def reading(self) -> Iterator[InMemoryRepository]:
        yield InMemoryRepository(copy.deepcopy(self.state))

    @contextmanager
    def writing(self) -> Iterator[InMemoryRepository]:
        repo = InMemoryRepository(copy.deepcopy(self.state))
        yield repo
        repo.bump_touched()
        self.state = repo.state
        self.commits += 1


class InMemoryRepository:
    def __init__(self, state: State) -> None:
        self.state = state
        self.touched: set[str] = set()

    def bump_touched(self) -> None:
        for identifier in self.touched:
            stored = self.state.patients[identifier]
            self.state.patients[identifier] = stored.model_copy(
                update={"version": stored.version + 1, "updated_at": utc_now()}
            )
        self.touched.clear()

    # patients
    def find_patient(self, identifier: str) -> StoredPatient | None:
        return self.state.patients.get(identifier)

    def get_patient(self, identifier: str) -> StoredPatient:
        found = self.find_patient(identifier)
        if found is None:
            raise RecordNotFoundError(entity="patient", key=identifier)
        return found

    def all_patients(self) -> list[StoredPatient]:
        return [self.state.patients[k] for k in sorted(self.state.patients)]

    def patient_listing(self) -> PatientListing:
        """Memory holds only validated records: nothing can be damaged."""
        return PatientListing(patients=tuple(self.all_patients()))

    def add_patient(self, info: PatientInfo) -> None:
        now = utc_now()
        self.state.patients[info.identifier] = StoredPatient(
            info=info, version=1, created_at=now, updated_at=now
        )

    def update_patient(self, identifier: str, info: PatientInfo) -> None:
        stored = self.get_patient(identifier)
        self.state.patients[identifier] = stored.model_copy(update={"info": info})
        self.touched.add(identifier)

    def touch(self, identifier: str, expected_version: int | None) -> None:
        stored = self.get_patient(identifier)
        if expected_version is not None and stored.version != expected_version:
            raise StaleRecordError(
                entity="patient", key=identifier, expected=expected_version, found=stored.version
            )
        self.touched.add(identifier)

    def saved(self, identifier: str) -> StoredPatient:
        self.bump_touched()
        return self.get_patient(identifier)

    # history
    def add_regimen_version(self, identifier: str, record: RegimenVersion, cache: OmeCache) -> int:
        self.get_patient(identifier)
        text = dumps(record.regimen.model_dump(mode="json"))
        new = self.state.new_id()
        self.state.versions[new] = StoredVersion(
            identifier, record.model_copy(update={"id": new}), text, document_sha256(text), cache
        )
        return new

    def add_event(self, identifier: str, record: ClinicalEvent) -> int:
        new = self.state.new_id()
        self.state.events.append((identifier, record.model_copy(update={"id": new})))
        return new

    def add_plan(self, identifier: str, record: SavedPlan) -> int:
        new = self.state.new_id()
        self.state.plans.append((identifier, record.model_copy(update={"id": new})))
        return new

    def _versions(self, identifier: str) -> list[StoredVersion]:
        self.get_patient(identifier)
        found = [v for v in self.state.versions.values() if v.patient == identifier]
        return sorted(found, key=lambda v: (v.record.effective_from, v.record.id or 0))

    def regimen_versions(self, identifier: str) -> list[RegimenVersion]:
        return [v.record for v in self._versions(identifier)]

    def regimen_version(self, identifier: str, version_id: int) -> RegimenVersion:
        found = self.state.versions.get(version_id)
        if found is None or found.patient != identifier:
            raise RecordNotFoundError(entity="regimen version", key=str(version_id))
        return found.record

    def events(self, identifier: str) -> list[ClinicalEvent]:
        self.get_patient(identifier)
        found = [e for p, e in self.state.events if p == identifier]
        return sorted(found, key=lambda e: (e.occurred_at, e.id or 0))

    def plans(self, identifier: str) -> list[SavedPlan]:
        self.get_patient(identifier)
        return [plan for p, plan in self.state.plans if p == identifier]

    def plan(self, identifier: str, plan_id: int) -> SavedPlan:
        for plan in self.plans(identifier):
            if plan.id == plan_id:
                return plan
        raise RecordNotFoundError(entity="saved plan", key=str(plan_id))

    # timeline
    def timeline_rows(self, identifier: str) -> list[TimelineRow]:
        return [
            TimelineRow(
                id=v.record.id or 0,
                effective_from=v.record.effective_from,
                reason=v.record.reason,
                document_sha256=document_sha256(v.document_json),
                cache=v.cache,
            )
            for v in self._versions(identifier)
        ]

    def timeline_events(self, identifier: str) -> list[ClinicalEvent]:
        return self.events(identifier)

    def regimen_documents(self, version_ids: list[int]) -> dict[int, RegimenDocument]:
        return {
            i: RegimenDocument.model_validate_json(self.state.versions[i].document_json)
            for i in version_ids
        }

    def store_ome_cache(self, values: dict[int, OmeCache]) -> None:
        for version_id, cache in values.items():
            self.state.versions[version_id].cache = cache

    # audit
    def append_audit(self, entry: AuditEntry, *, patient_identifier: str | None) -> None:
        prev = self.state.audit[-1].row_hash if self.state.audit else GENESIS
        assert prev is not None
        link = new_link(
            entry,
            patient_identifier=patient_identifier,
            prev_hash=prev,
            link_id=len(self.state.audit) + 1,
        )
        self.state.audit.append(link)

    def audit(self, identifier: str, origin: AuditOrigin) -> list[AuditEntry]:
        return [
            AuditEntry(
                occurred_at=link.occurred_at,
                os_user=link.os_user,
                app_version=link.app_version,
                action=link.action,
                entity=link.entity,
                entity_key=link.entity_key,
                before=None if link.before_json is None else json.loads(link.before_json),
                after=None if link.after_json is None else json.loads(link.after_json),
                origin=origin,
                source=link.source,
            )
            for link in self.state.audit
            if link.patient_identifier == identifier and link.origin == origin
        ]

    def audit_links(self) -> list[AuditLink]:
        return list(self.state.audit)

    def stored_content(self, patient: str | None = None) -> dict[str, tuple[str, str]]:
        """Nothing outside the program can edit memory, and this store's audit entries record
        no content hashes: there is nothing to compare (the SQL repository's is tested on real
        databases in tests/persistence/test_tampered_rows.py)."""
        return {}

    def row_keys(self) -> set[str]:
        """No content hashes are recorded here (``stored_content``): no row can be missed."""
        return set()

    def damaged_rows(self, patient: str | None = None) -> list[ContentMismatch]:
        """Memory holds only validated records: no column can hold a wrong type."""
        return []

    def unsealed_caches(self, patient: str | None = None) -> list[tuple[str, int]]:
        """Memory holds only caches the program made: each is its own seal."""
        return []

    def missing_protections(self) -> list[str]:
        """Memory keeps its rules in code: there is no trigger to lose."""
        return []

    def foreign_objects(self) -> list[ForeignObject]:
        """Memory has no trigger, view or rule that anyone could add."""
        return []

    def cached_omes(self) -> list[tuple[str, int, OmeCache]]:
        return [
            (v.patient, i, v.cache) for i, v in self.state.versions.items() if v.cache is not None
        ]

    def altered_regimen_versions(self, patient: str | None = None) -> list[AlteredVersion]:
        return [
            AlteredVersion(patient_identifier=v.patient, version_id=i)
            for i, v in self.state.versions.items()
            if document_sha256(v.document_json) != v.fingerprint and patient in (None, v.patient)
        ]
