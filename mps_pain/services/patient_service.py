"""Use cases on patient records: create, record regimen changes and events, save plans, timeline,
export/import, verify. Every use case is one transaction, and writes its audit entry in that
transaction.

The timeline and its OME cache are in ``timeline``, the checks of ``patients verify`` in
``record_integrity``, export and import in ``patient_transfer``; this class is the one entry
point the CLI and the app call.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from mps_pain import __version__
from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import InputError, MpsPainError
from mps_pain.persistence.database import Database
from mps_pain.persistence.identifiers import look_alike_key
from mps_pain.persistence.records import (
    AuditEntry,
    ClinicalEvent,
    EventKind,
    PatientInfo,
    PatientRecordDocument,
    RegimenVersion,
    SavedPlan,
    StoredPatient,
    utc_now,
)
from mps_pain.persistence.repository import SqlUnitOfWork
from mps_pain.persistence.unit_of_work import (
    OmeCache,
    PatientListing,
    RecordsRepository,
    UnitOfWork,
)
from mps_pain.sentences import then
from mps_pain.services._record_support import (
    ensure_new_patient,
    is_future_dated,
    jsonable,
    os_user,
    validate_record,
)
from mps_pain.services.example_patients import example_documents
from mps_pain.services.mme_service import check_regimen
from mps_pain.services.patient_transfer import export_document, import_document
from mps_pain.services.record_integrity import (
    AuditVerification,
    RecordProblem,
    record_problems,
    verify_records,
)
from mps_pain.services.regimen_diff import FieldChange, diff_regimens
from mps_pain.services.saved_work import PlanToSave, SavedWork, plan_record, save_work
from mps_pain.services.timeline import Timeline, compute_ome_cache, patient_timeline
from mps_pain.tables.index import TableIndex, TableRef
from mps_pain.tables.loader import get_tables

__all__ = ["TIMELINE_TABLE", "AuditVerification", "PatientService", "default_service"]

TIMELINE_TABLE = "uk-palliative"  # an equianalgesic OME set (see docs/records.md)


class PatientService:
    """Patient records over one unit of work (a ``Database`` is wrapped in ``SqlUnitOfWork``).
    Thread-unsafe; one per window or command."""

    def __init__(
        self,
        records: UnitOfWork | Database,
        *,
        tables: TableIndex | None = None,
        timeline_table: str = TIMELINE_TABLE,
        user: str | None = None,
    ) -> None:
        self.records: UnitOfWork = (
            SqlUnitOfWork(records) if isinstance(records, Database) else records
        )
        self._tables = tables
        self.timeline_table = timeline_table
        self.user = user or os_user()

    @property
    def tables(self) -> TableIndex:
        if self._tables is None:
            self._tables = get_tables()
        return self._tables

    def location(self) -> str:
        return self.records.describe()

    # --- audit entries -------------------------------------------------------------------------
    def audit_entry(
        self, action: str, entity: str, key: str, *, before: Any = None, after: Any = None
    ) -> AuditEntry:
        """A local audit entry by this user, now."""
        return AuditEntry(
            occurred_at=utc_now(),
            os_user=self.user,
            app_version=__version__,
            action=action,
            entity=entity,
            entity_key=key,
            before=jsonable(before),
            after=jsonable(after),
        )

    def _audit(
        self,
        repo: RecordsRepository,
        action: str,
        entity: str,
        key: str,
        *,
        before: Any = None,
        after: Any = None,
    ) -> None:
        entry = self.audit_entry(action, entity, key, before=before, after=after)
        repo.append_audit(entry, patient_identifier=key)

    # --- patients ------------------------------------------------------------------------------
    def list_patients(self) -> list[StoredPatient]:
        with self.records.reading() as repo:
            return repo.all_patients()

    def patient_listing(self) -> PatientListing:
        """Every patient that reads back whole, and an error naming each stored patient that
        does not (``patients list`` shows the others and names the damaged ones)."""
        with self.records.reading() as repo:
            return repo.patient_listing()

    def get_patient(self, identifier: str) -> StoredPatient:
        with self.records.reading() as repo:
            return repo.get_patient(identifier)

    def look_alikes(self, identifier: str) -> list[str]:
        """Stored identifiers that differ from ``identifier`` only by case, width or look-alike
        characters (a warning: two records for one person, or two people mixed up)."""
        key = look_alike_key(identifier)
        return [
            found
            for found in sorted(self._identifiers())
            if found != identifier and look_alike_key(found) == key
        ]

    def _identifiers(self) -> set[str]:
        """The identifiers stored, including those of patients whose row is damaged."""
        listing = self.patient_listing()
        return {p.info.identifier for p in listing.patients} | {
            str(e.row_id) for e in listing.damaged
        }

    def create_patient(self, info: PatientInfo) -> StoredPatient:
        with self.records.writing() as repo:
            ensure_new_patient(repo, info.identifier)
            repo.add_patient(info)
            self._audit(repo, "create", "patient", info.identifier, after=info)
            return repo.saved(info.identifier)

    def update_patient(
        self, identifier: str, info: PatientInfo, *, expected_version: int
    ) -> StoredPatient:
        if info.identifier != identifier:
            raise InputError("the identifier cannot be changed", location="identifier")
        with self.records.writing() as repo:
            repo.touch(identifier, expected_version)
            before = repo.get_patient(identifier).info
            repo.update_patient(identifier, info)
            self._audit(repo, "update", "patient", identifier, before=before, after=info)
            return repo.saved(identifier)

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
        with self.records.writing() as repo:
            repo.touch(identifier, expected_version)
            repo.add_regimen_version(identifier, record, self.ome_cache(record.regimen))
            self._audit(repo, "add", "regimen_version", identifier, after=record)
            return repo.saved(identifier)

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
        with self.records.writing() as repo:
            repo.touch(identifier, expected_version)
            repo.add_event(identifier, record)
            self._audit(repo, "add", "event", identifier, after=record)
            return repo.saved(identifier)

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
        record = plan_record(
            self,
            PlanToSave(kind=kind, title=title, inputs=inputs, outputs=outputs),
            table=table,
            table_id=table_id,
        )
        with self.records.writing() as repo:
            repo.touch(identifier, expected_version)
            plan_id = repo.add_plan(identifier, record)
            self._audit(repo, "add", "saved_plan", identifier, after=record)
            repo.saved(identifier)
            return record.model_copy(update={"id": plan_id})

    def save_work(
        self,
        identifier: str,
        *,
        regimen: RegimenDocument | None,
        plan: PlanToSave | None,
        reason: str,
        effective_from: datetime,
        create: PatientInfo | None = None,
        expected_version: int | None = None,
        before: RegimenDocument | None = None,
    ) -> SavedWork:
        """The workstation's save (``saved_work``): a new patient if ``create``, the regimen as
        a new version unless it equals the latest (after ``before``, the regimen an applied plan
        was made from, when it is not the latest), and the plan — one transaction."""
        return save_work(
            self,
            identifier,
            regimen=regimen,
            plan=plan,
            reason=reason,
            effective_from=effective_from,
            create=create,
            expected_version=expected_version,
            before=before,
        )

    # --- reading -------------------------------------------------------------------------------
    def regimen_versions(self, identifier: str) -> list[RegimenVersion]:
        with self.records.reading() as repo:
            return repo.regimen_versions(identifier)

    def regimen_version(self, identifier: str, version_id: int) -> RegimenVersion:
        with self.records.reading() as repo:
            return repo.regimen_version(identifier, version_id)

    def events(self, identifier: str) -> list[ClinicalEvent]:
        with self.records.reading() as repo:
            return repo.events(identifier)

    def plans(self, identifier: str) -> list[SavedPlan]:
        with self.records.reading() as repo:
            return repo.plans(identifier)

    def plan(self, identifier: str, plan_id: int) -> SavedPlan:
        with self.records.reading() as repo:
            return repo.plan(identifier, plan_id)

    def audit_trail(self, identifier: str) -> list[AuditEntry]:
        """What was done to this record in this database (imported history is apart)."""
        with self.records.reading() as repo:
            return repo.audit(identifier, "local")

    def future_dated_history(self, identifier: str) -> list[AuditEntry]:
        """Imported audit entries dated in the future: what the file claims cannot be so."""
        now = utc_now()
        return [e for e in self.imported_history(identifier) if is_future_dated(e, now)]

    def imported_history(self, identifier: str) -> list[AuditEntry]:
        """The audit entries that came in import files: what those files claim, kept apart."""
        with self.records.reading() as repo:
            return repo.audit(identifier, "imported")

    def verify(self, *, expect_head: str | None = None) -> AuditVerification:
        """The audit chain, fingerprints and content hashes (``record_integrity``)."""
        return verify_records(self.records, expect_head=expect_head, tables=self.tables)

    def record_problems(self, identifier: str) -> list[RecordProblem]:
        """Why this patient's record cannot be vouched for (``record_integrity``); empty if
        intact. Whatever shows the record warns with these; export refuses them."""
        return record_problems(self.records, identifier)

    def diff_versions(self, identifier: str, a_id: int, b_id: int) -> list[FieldChange]:
        with self.records.reading() as repo:
            a = repo.regimen_version(identifier, a_id)
            b = repo.regimen_version(identifier, b_id)
        return diff_regimens(a.regimen, b.regimen)

    # --- timeline ------------------------------------------------------------------------------
    def timeline(self, identifier: str, *, table_id: str | None = None) -> Timeline:
        """Daily OME per regimen version and the events, oldest first (``timeline``)."""
        chosen = table_id or self.timeline_table
        return patient_timeline(
            self.records, self.tables, identifier, table_id=chosen, cached_set=self.timeline_table
        )

    def ome_cache(
        self,
        regimen: RegimenDocument,
        *,
        where: str = "regimen",
        unsaved: str = "nothing was saved",
    ) -> OmeCache:
        """The daily OME of a regimen about to be stored, with what it was computed from (for
        the cache). A regimen that ``mme`` refuses is refused here, naming ``where`` it is:
        never stored with an OME of 0 (fuzz review 7, 1 and 2)."""
        try:
            check_regimen(self.tables, regimen)
        except MpsPainError as err:
            field = f"{where}.{err.location}" if err.location else where
            raise InputError(
                then(err.message, f"; {unsaved}"),
                location=field,
                reason=err.code,
                context=err.context,
            ) from None
        return compute_ome_cache(regimen, self.tables, self.timeline_table)

    # --- export / import -----------------------------------------------------------------------
    def export_patient(self, identifier: str) -> PatientRecordDocument:
        return export_document(self, identifier)

    def import_patient(
        self,
        document: PatientRecordDocument | dict[str, Any] | str,
        *,
        as_identifier: str | None = None,
    ) -> StoredPatient:
        return import_document(self, document, as_identifier=as_identifier)

    def import_examples(self) -> list[str]:
        """Import the five published cases (``example_patients``); skips those already present.
        Returns the identifiers imported now."""
        present = self._identifiers()
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
