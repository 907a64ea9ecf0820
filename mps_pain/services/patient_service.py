"""Use cases on patient records: create, record regimen changes and events, save plans, timeline,
export/import. Every use case is one transaction, and writes its audit entry in that transaction.

The timeline's OME per regimen version is computed with ``calculate_mme`` once, when the version is
saved, and cached on the row with the table id and SHA-256; it is recomputed only when the table
file changed (another SHA-256) or another reference set is asked for.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm.exc import StaleDataError

from mps_pain import __version__
from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import InputError, MpsPainError, StaleRecordError
from mps_pain.persistence.database import Database
from mps_pain.persistence.models import RegimenVersionRow, utc_now
from mps_pain.persistence.records import (
    AuditEntry,
    ClinicalEvent,
    EventKind,
    PatientInfo,
    PatientRecordDocument,
    RegimenVersion,
    SavedPlan,
    StoredPatient,
)
from mps_pain.persistence.repository import PatientRepository, stored_patient
from mps_pain.services._record_support import (
    jsonable,
    os_user,
    store_ome_cache,
    table_in,
    validate_record,
)
from mps_pain.services.regimen_diff import FieldChange, diff_regimens
from mps_pain.services.timeline import OmePoint, Timeline
from mps_pain.tables.index import TableIndex, TableRef
from mps_pain.tables.loader import get_tables

__all__ = ["TIMELINE_TABLE", "PatientService", "default_service"]

TIMELINE_TABLE = "uk-palliative"  # an equianalgesic OME set (see docs/records.md)


class PatientService:
    """Patient records over one ``Database``. Thread-unsafe; one per window or command."""

    def __init__(
        self,
        database: Database,
        *,
        tables: TableIndex | None = None,
        timeline_table: str = TIMELINE_TABLE,
        user: str | None = None,
    ) -> None:
        self.database = database
        self._tables = tables
        self.timeline_table = timeline_table
        self.user = user or os_user()

    @property
    def tables(self) -> TableIndex:
        if self._tables is None:
            self._tables = get_tables()
        return self._tables

    def location(self) -> str:
        return self.database.describe()

    # --- transactions --------------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[PatientRepository]:
        try:
            with self.database.writing() as session:
                yield PatientRepository(session)
        except StaleDataError as err:
            raise StaleRecordError(
                entity="patient", key="(this patient)", expected=None, found=None
            ) from err

    def _audit(
        self,
        repo: PatientRepository,
        action: str,
        entity: str,
        key: str,
        *,
        patient: str | None,
        before: Any = None,
        after: Any = None,
    ) -> None:
        repo.append_audit(
            AuditEntry(
                occurred_at=utc_now(),
                os_user=self.user,
                app_version=__version__,
                action=action,
                entity=entity,
                entity_key=key,
                before=jsonable(before),
                after=jsonable(after),
            ),
            patient_identifier=patient,
        )

    # --- patients ------------------------------------------------------------------------------
    def list_patients(self) -> list[StoredPatient]:
        with self.database.reading() as session:
            return PatientRepository(session).all_patients()

    def get_patient(self, identifier: str) -> StoredPatient:
        with self.database.reading() as session:
            return stored_patient(PatientRepository(session).get(identifier))

    def create_patient(self, info: PatientInfo) -> StoredPatient:
        with self._write() as repo:
            if repo.find(info.identifier) is not None:
                raise InputError(
                    f"a patient '{info.identifier}' already exists; nothing was changed",
                    location="identifier",
                )
            row = repo.add_patient(info)
            self._audit(
                repo, "create", "patient", info.identifier, patient=info.identifier, after=info
            )
            repo.session.flush()
            return stored_patient(row)

    def update_patient(
        self, identifier: str, info: PatientInfo, *, expected_version: int
    ) -> StoredPatient:
        if info.identifier != identifier:
            raise InputError("the identifier cannot be changed", location="identifier")
        with self._write() as repo:
            row = repo.get(identifier)
            repo.touch(row, expected_version)
            before = stored_patient(row).info
            repo.update_patient(row, info)
            self._audit(
                repo, "update", "patient", identifier, patient=identifier, before=before, after=info
            )
            return self._flushed(repo, row)

    def _flushed(self, repo: PatientRepository, row: Any) -> StoredPatient:
        try:
            repo.session.flush()
        except StaleDataError:
            raise StaleRecordError(
                entity="patient", key=row.identifier, expected=None, found=None
            ) from None
        return stored_patient(row)

    # --- history -------------------------------------------------------------------------------
    def add_regimen_version(
        self,
        identifier: str,
        regimen: RegimenDocument | dict[str, Any],
        *,
        effective_from: datetime,
        reason: str,
        expected_version: int | None = None,
    ) -> StoredPatient:
        record = validate_record(
            RegimenVersion,
            {
                "effective_from": effective_from,
                "reason": reason,
                "regimen": regimen,
                "created_at": utc_now(),
                "created_by": self.user,
            },
        )
        with self._write() as repo:
            row = repo.get(identifier)
            repo.touch(row, expected_version)
            version = repo.add_regimen_version(row, record)
            self._cache_ome(version, record.regimen)
            self._audit(
                repo, "add", "regimen_version", identifier, patient=identifier, after=record
            )
            return self._flushed(repo, row)

    def add_event(
        self,
        identifier: str,
        *,
        kind: EventKind,
        occurred_at: datetime,
        title: str,
        nrs: int | None = None,
        ends_at: datetime | None = None,
        detail: str | None = None,
        expected_version: int | None = None,
    ) -> StoredPatient:
        record = validate_record(
            ClinicalEvent,
            {
                "kind": kind,
                "occurred_at": occurred_at,
                "ends_at": ends_at,
                "nrs": nrs,
                "title": title,
                "detail": detail,
                "created_at": utc_now(),
                "created_by": self.user,
            },
        )
        with self._write() as repo:
            row = repo.get(identifier)
            repo.touch(row, expected_version)
            repo.add_event(row, record)
            self._audit(repo, "add", "event", identifier, patient=identifier, after=record)
            return self._flushed(repo, row)

    def save_plan(
        self,
        identifier: str,
        *,
        kind: str,
        title: str,
        inputs: BaseModel | dict[str, Any],
        outputs: BaseModel | dict[str, Any],
        table: TableRef | None = None,
        table_id: str | None = None,
        expected_version: int | None = None,
    ) -> SavedPlan:
        """Store a switching plan or check (``kind`` 'plan' or 'check') for exact reproduction:
        inputs and outputs as JSON, the table id/version/SHA-256 used and the app version. The
        table is ``table``, else the ``table`` object inside ``outputs``, else ``table_id`` in the
        tables loaded now."""
        inputs_json = jsonable(inputs)
        outputs_json = jsonable(outputs)
        ref = table or table_in(outputs_json)
        if ref is None:
            if not table_id:
                raise InputError("say which table the plan used", location="table_id")
            ref = self.tables.ref(table_id)
        record = validate_record(
            SavedPlan,
            {
                "kind": kind,
                "title": title,
                "inputs": inputs_json,
                "outputs": outputs_json,
                "table_id": ref.id,
                "table_version": ref.version,
                "table_sha256": ref.sha256,
                "app_version": __version__,
                "created_at": utc_now(),
                "created_by": self.user,
            },
        )
        with self._write() as repo:
            row = repo.get(identifier)
            repo.touch(row, expected_version)
            plan_row = repo.add_plan(row, record)
            self._audit(repo, "add", "saved_plan", identifier, patient=identifier, after=record)
            self._flushed(repo, row)
            return record.model_copy(update={"id": plan_row.id})

    # --- reading -------------------------------------------------------------------------------
    def regimen_versions(self, identifier: str) -> list[RegimenVersion]:
        with self.database.reading() as session:
            repo = PatientRepository(session)
            return repo.regimen_versions(repo.get(identifier))

    def regimen_version(self, identifier: str, version_id: int) -> RegimenVersion:
        with self.database.reading() as session:
            repo = PatientRepository(session)
            return repo.regimen_version(repo.get(identifier), version_id)

    def events(self, identifier: str) -> list[ClinicalEvent]:
        with self.database.reading() as session:
            repo = PatientRepository(session)
            return repo.events(repo.get(identifier))

    def plans(self, identifier: str) -> list[SavedPlan]:
        with self.database.reading() as session:
            repo = PatientRepository(session)
            return repo.plans(repo.get(identifier))

    def plan(self, identifier: str, plan_id: int) -> SavedPlan:
        with self.database.reading() as session:
            repo = PatientRepository(session)
            return repo.plan(repo.get(identifier), plan_id)

    def audit_trail(self, identifier: str) -> list[AuditEntry]:
        with self.database.reading() as session:
            return PatientRepository(session).audit(identifier)

    def diff_versions(self, identifier: str, a_id: int, b_id: int) -> list[FieldChange]:
        with self.database.reading() as session:
            repo = PatientRepository(session)
            row = repo.get(identifier)
            a, b = repo.regimen_version(row, a_id), repo.regimen_version(row, b_id)
        return diff_regimens(a.regimen, b.regimen)

    # --- timeline ------------------------------------------------------------------------------
    def timeline(self, identifier: str, *, table_id: str | None = None) -> Timeline:
        """Daily OME per regimen version (a step function) and the events, oldest first."""
        chosen = table_id or self.timeline_table
        sha = self.tables.sha256
        with self.database.reading() as session:
            repo = PatientRepository(session)
            row = repo.get(identifier)
            patient = stored_patient(row)
            rows = repo.timeline_rows(row)
            events = repo.timeline_events(row)
            stale = [r.id for r in rows if r.ome_table_id != chosen or r.ome_table_sha256 != sha]
        fresh = self._refresh_ome(stale, chosen) if stale else {}
        points = []
        for r in rows:
            ome, error = fresh.get(r.id, (r.ome_mg_per_day, r.ome_error))
            points.append(
                OmePoint.model_construct(
                    version_id=r.id,
                    effective_from=r.effective_from,
                    reason=r.reason,
                    ome_mg_per_day=ome,
                    error=error,
                )
            )
        return Timeline(
            patient=patient, table=self.tables.ref(chosen), points=points, events=events
        )

    def _ome(self, regimen: RegimenDocument, table_id: str) -> tuple[float | None, str | None]:
        from mps_pain.services.mme_service import calculate_mme

        try:
            result = calculate_mme(
                regimen, tables=self.tables, table_id=table_id, on_item_error="exclude"
            )
        except MpsPainError as err:
            return None, str(err)
        note = "; ".join(e.message for e in result.excluded) or None
        return result.total_mme_per_day, note

    def _cache_ome(self, version: RegimenVersionRow, regimen: RegimenDocument) -> None:
        version.ome_mg_per_day, version.ome_error = self._ome(regimen, self.timeline_table)
        version.ome_table_id = self.timeline_table
        version.ome_table_sha256 = self.tables.sha256

    def _refresh_ome(
        self, ids: list[int], table_id: str
    ) -> dict[int, tuple[float | None, str | None]]:
        """Recompute OMEs for versions whose cache is for another table; store them when it is
        the timeline's default set (the cache is derived data: no audit, no version bump)."""
        out: dict[int, tuple[float | None, str | None]] = {}
        with self.database.reading() as session:
            for version in session.query(RegimenVersionRow).filter(RegimenVersionRow.id.in_(ids)):
                regimen = RegimenDocument.model_validate_json(version.document_json)
                out[version.id] = self._ome(regimen, table_id)
        if table_id == self.timeline_table:
            with self.database.writing() as session:
                store_ome_cache(session, out, table_id, self.tables.sha256)
        return out

    # --- export / import -----------------------------------------------------------------------
    def export_patient(self, identifier: str) -> PatientRecordDocument:
        from mps_pain.services.patient_transfer import export_document

        return export_document(self, identifier)

    def import_patient(
        self,
        document: PatientRecordDocument | dict[str, Any] | str,
        *,
        as_identifier: str | None = None,
    ) -> StoredPatient:
        from mps_pain.services.patient_transfer import import_document

        return import_document(self, document, as_identifier=as_identifier)

    def import_examples(self) -> list[str]:
        """Import the five published cases (``example_patients``); skips those already present.
        Returns the identifiers imported now."""
        from mps_pain.services.example_patients import example_documents

        present = {p.info.identifier for p in self.list_patients()}
        done = []
        for document in example_documents():
            if document.patient.identifier not in present:
                self.import_patient(document)
                done.append(document.patient.identifier)
        return done


def default_service(url: str | None = None) -> PatientService:
    """The service on the configured database (``StorageError`` with a sentence if it cannot
    be opened: the caller shows it and carries on without records)."""
    return PatientService(Database.open(url))
