"""The SQL implementation of the records boundary (``unit_of_work``): queries and row ⇄ record
conversion inside one session; ``SqlUnitOfWork`` owns the transaction. The audit trail's queries are
in ``audit_store`` (the base class of ``SqlRepository``).

There is no update or delete of regimen versions, events, saved plans or audit entries: a
correction is a new version or event. Every change to a patient goes through ``touch`` so the
patient's ``version`` (the optimistic lock) moves on.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import exc, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.orm.exc import FlushError, StaleDataError

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import (
    DamagedRecordError,
    MpsPainError,
    RecordNotFoundError,
    StaleRecordError,
)
from mps_pain.persistence.audit_store import ContentRow, SqlAuditTrail
from mps_pain.persistence.database import Database
from mps_pain.persistence.models import (
    OME_CACHE_COLUMNS,
    ClinicalEventRow,
    PatientRow,
    RegimenVersionRow,
    SavedPlanRow,
    utc_now,
)
from mps_pain.persistence.records import (
    STORED,
    ClinicalEvent,
    PatientInfo,
    RegimenVersion,
    SavedPlan,
    StoredPatient,
)
from mps_pain.persistence.row_records import (
    apply_info,
    checked,
    clinical_event,
    regimen_version,
    saved_plan,
    set_cache,
    stored_patient,
    timeline_row,
)
from mps_pain.persistence.stored_values import damaged, orm_values
from mps_pain.persistence.unit_of_work import (
    OmeCache,
    PatientListing,
    TimelineRow,
    document_sha256,
    dumps,
    ome_cache_seal,
)
from mps_pain.persistence.write_check import dropped_update, not_returned

# the append-only history of a patient: rows with a patient_id, read oldest first
H = TypeVar("H", RegimenVersionRow, ClinicalEventRow, SavedPlanRow)

__all__ = ["SqlRepository", "SqlUnitOfWork"]


def _validated_event(values: dict[str, Any]) -> ClinicalEvent:
    damaged("clinical event", values["id"], "clinical_events", values)
    return ClinicalEvent.model_validate(values, context=STORED)


def _validated_document(version_id: int, document_json: Any) -> RegimenDocument:
    damaged(
        "regimen version",
        version_id,
        "regimen_versions",
        {"id": version_id, "document_json": document_json},
    )
    return RegimenDocument.model_validate_json(document_json, context=STORED)


def _stale(identifier: str) -> StaleRecordError:
    return StaleRecordError(entity="patient", key=identifier, expected=None, found=None)


def _refused(session: Session | None, identifier: str) -> MpsPainError:
    """A patient's save that matched no row. On SQLite the write transaction holds the only
    write lock (``BEGIN IMMEDIATE``): no concurrent save did it, a trigger dropped the change
    (fuzz review 18d, D1). On PostgreSQL another save came first."""
    if session is not None and session.get_bind().dialect.name == "sqlite":
        return dropped_update(identifier)
    return _stale(identifier)


class SqlUnitOfWork:
    """Transactions on a ``Database``; the repository inside is a ``SqlRepository``."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def describe(self) -> str:
        return self.database.describe()

    @contextmanager
    def reading(self) -> Iterator[SqlRepository]:
        with self.database.reading() as session:
            yield SqlRepository(session)

    @contextmanager
    def writing(self) -> Iterator[SqlRepository]:
        repo: SqlRepository | None = None
        try:
            with self.database.writing() as session:
                repo = SqlRepository(session)
                yield repo
        except StaleDataError:
            raise _refused(
                repo.session if repo else None, repo.last_patient if repo else "(this patient)"
            ) from None
        except FlushError as err:  # PostgreSQL: an INSERT that returned no row
            raise not_returned(str(err)) from None
        except exc.InvalidRequestError as err:
            # a flush that failed on a concurrent change leaves the session unusable; on
            # PostgreSQL that surfaces here rather than as StaleDataError
            if isinstance(err.__cause__, StaleDataError) or "were matched" in str(err):
                raise _stale(repo.last_patient if repo else "(this patient)") from None
            raise


class SqlRepository(SqlAuditTrail):
    """The records of one session; the audit trail's methods come from ``SqlAuditTrail``."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._rows: dict[str, PatientRow] = {}
        self.last_patient = "(this patient)"
        # rows written since the last local audit entry: that entry records their content hashes
        self._unrecorded: list[tuple[str, ContentRow]] = []

    # --- patients ------------------------------------------------------------------------------
    def _find(self, identifier: str) -> PatientRow | None:
        """The patient's row; ``DamagedRecordError`` (table, row, column) if a column holds what
        the schema does not allow, before anything reads or writes it."""
        row = self._rows.get(identifier)
        if row is None:
            row = self.session.scalars(
                select(PatientRow).where(PatientRow.identifier == identifier)
            ).one_or_none()
            if row is not None:
                damaged("patient", identifier, "patients", orm_values(row, "patients"))
                self._rows[identifier] = row
        return row

    def _get(self, identifier: str) -> PatientRow:
        row = self._find(identifier)
        if row is None:
            raise RecordNotFoundError(entity="patient", key=identifier)
        return row

    def find_patient(self, identifier: str) -> StoredPatient | None:
        row = self._find(identifier)
        return None if row is None else stored_patient(row)

    def get_patient(self, identifier: str) -> StoredPatient:
        return stored_patient(self._get(identifier))

    def all_patients(self) -> list[StoredPatient]:
        rows = self.session.scalars(select(PatientRow).order_by(PatientRow.identifier))
        return [stored_patient(row) for row in rows]

    def patient_listing(self) -> PatientListing:
        """Every patient that reads back whole, and each one that does not, named (one damaged
        row does not hide the others: fuzz review 5, R1)."""
        good, bad = [], []
        for row in self.session.scalars(select(PatientRow).order_by(PatientRow.id)):
            try:
                good.append(stored_patient(row))
            except DamagedRecordError as err:
                bad.append(err)
        good.sort(key=lambda p: p.info.identifier)
        return PatientListing(patients=tuple(good), damaged=tuple(bad))

    def add_patient(self, info: PatientInfo) -> None:
        now = utc_now()
        row = PatientRow(created_at=now, updated_at=now)
        apply_info(row, info)
        self.session.add(row)
        self.session.flush()
        self._rows[info.identifier] = row
        self.last_patient = info.identifier
        self._unrecorded.append(("patients", row))

    def update_patient(self, identifier: str, info: PatientInfo) -> None:
        row = self._get(identifier)
        apply_info(row, info)
        self._unrecorded.append(("patients", row))

    def touch(self, identifier: str, expected_version: int | None) -> None:
        """Refuse a stale save, and mark the patient changed (the flush raises its version;
        a concurrent change between read and flush makes the flush fail, never overwrite)."""
        row = self._get(identifier)
        self.last_patient = identifier
        if expected_version is not None and row.version != expected_version:
            raise StaleRecordError(
                entity="patient", key=row.identifier, expected=expected_version, found=row.version
            )
        row.updated_at = utc_now()

    def saved(self, identifier: str) -> StoredPatient:
        """Write what is pending and return the patient as it now stands."""
        try:
            self.session.flush()
        except StaleDataError:
            raise _refused(self.session, identifier) from None
        return stored_patient(self._get(identifier))

    # --- history -------------------------------------------------------------------------------
    def add_regimen_version(self, identifier: str, record: RegimenVersion, cache: OmeCache) -> int:
        text = dumps(record.regimen.model_dump(mode="json"))
        version = RegimenVersionRow(
            patient_id=self._get(identifier).id,
            effective_from=record.effective_from,
            reason=record.reason,
            document_json=text,
            document_sha256=document_sha256(text),
            created_at=record.created_at,
            created_by=record.created_by,
        )
        set_cache(version, cache)
        self.session.add(version)
        self.session.flush()
        self._unrecorded.append(("regimen_versions", version))
        return version.id

    def add_event(self, identifier: str, record: ClinicalEvent) -> int:
        event = ClinicalEventRow(
            patient_id=self._get(identifier).id, **record.model_dump(exclude={"id"})
        )
        self.session.add(event)
        self.session.flush()
        self._unrecorded.append(("clinical_events", event))
        return event.id

    def add_plan(self, identifier: str, record: SavedPlan) -> int:
        fields = record.model_dump(mode="python", exclude={"id", "inputs", "outputs"})
        plan = SavedPlanRow(
            patient_id=self._get(identifier).id,
            inputs_json=dumps(record.inputs),
            outputs_json=dumps(record.outputs),
            **fields,
        )
        self.session.add(plan)
        self.session.flush()
        self._unrecorded.append(("saved_plans", plan))
        return plan.id

    def _history(
        self, kind: type[H], identifier: str, when: InstrumentedAttribute[datetime]
    ) -> list[H]:
        """A patient's rows of one kind, oldest first (``when``, then the id)."""
        return list(
            self.session.scalars(
                select(kind)
                .where(kind.patient_id == self._get(identifier).id)
                .order_by(when, kind.id)
            )
        )

    def _owned(self, kind: type[H], identifier: str, row_id: int, entity: str) -> H:
        """One row by its id, if it belongs to this patient."""
        found = self.session.get(kind, row_id)
        if found is None or found.patient_id != self._get(identifier).id:
            raise RecordNotFoundError(entity=entity, key=str(row_id))
        return found

    def regimen_versions(self, identifier: str) -> list[RegimenVersion]:
        rows = self._history(RegimenVersionRow, identifier, RegimenVersionRow.effective_from)
        return [regimen_version(r) for r in rows]

    def regimen_version(self, identifier: str, version_id: int) -> RegimenVersion:
        found = self._owned(RegimenVersionRow, identifier, version_id, "regimen version")
        return regimen_version(found)

    def events(self, identifier: str) -> list[ClinicalEvent]:
        rows = self._history(ClinicalEventRow, identifier, ClinicalEventRow.occurred_at)
        return [clinical_event(r) for r in rows]

    def plans(self, identifier: str) -> list[SavedPlan]:
        rows = self._history(SavedPlanRow, identifier, SavedPlanRow.created_at)
        return [saved_plan(r) for r in rows]

    def plan(self, identifier: str, plan_id: int) -> SavedPlan:
        return saved_plan(self._owned(SavedPlanRow, identifier, plan_id, "saved plan"))

    # --- timeline ------------------------------------------------------------------------------
    def timeline_rows(self, identifier: str) -> list[TimelineRow]:
        """The columns the timeline needs; the document is only hashed (to check the cache)."""
        V = RegimenVersionRow
        result = self.session.execute(
            select(
                V.id, V.effective_from, V.reason, V.document_json, *OME_CACHE_COLUMNS, V.ome_seal
            )
            .where(V.patient_id == self._get(identifier).id)
            .order_by(V.effective_from, V.id)
        ).all()
        return [timeline_row(r) for r in result]

    def timeline_events(self, identifier: str) -> list[ClinicalEvent]:
        """The events for drawing, read as columns (which keeps a five-year timeline fast to
        open) and validated, so that a row edited outside the program is named, not drawn."""
        E = ClinicalEventRow
        result = self.session.execute(
            select(
                E.id,
                E.kind,
                E.occurred_at,
                E.ends_at,
                E.nrs,
                E.title,
                E.detail,
                E.created_at,
                E.created_by,
            )
            .where(E.patient_id == self._get(identifier).id)
            .order_by(E.occurred_at, E.id)
        )
        return [
            checked(
                "clinical event",
                r.id,
                partial(_validated_event, dict(r._mapping)),
            )
            for r in result
        ]

    def regimen_documents(self, version_ids: list[int]) -> dict[int, RegimenDocument]:
        rows = self.session.execute(
            select(RegimenVersionRow.id, RegimenVersionRow.document_json).where(
                RegimenVersionRow.id.in_(version_ids)
            )
        )
        return {
            r.id: checked(
                "regimen version",
                r.id,
                partial(_validated_document, r.id, r.document_json),
            )
            for r in rows
        }

    def store_ome_cache(self, values: dict[int, OmeCache]) -> None:
        for version_id, cache in values.items():
            self.session.execute(
                update(RegimenVersionRow)
                .where(RegimenVersionRow.id == version_id)
                .values(
                    ome_mg_per_day=cache.ome_mg_per_day,
                    ome_error=cache.error,
                    ome_table_id=cache.table_id,
                    ome_table_sha256=cache.table_sha256,
                    ome_document_sha256=cache.document_sha256,
                    ome_seal=ome_cache_seal(cache),
                )
            )
