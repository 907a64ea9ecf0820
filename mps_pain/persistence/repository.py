"""Queries and row ⇄ record conversion, inside one session (the caller owns the transaction).

There is no update or delete of regimen versions, events, saved plans or audit entries: a
correction is a new version or event. Every change to a patient goes through ``touch`` so the
patient's ``version`` (the optimistic lock) moves on.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mps_pain.domain.regimen import Patient, RegimenDocument
from mps_pain.errors import RecordNotFoundError, StaleRecordError
from mps_pain.persistence.models import (
    AuditRow,
    ClinicalEventRow,
    PatientRow,
    RegimenVersionRow,
    SavedPlanRow,
    utc_now,
)
from mps_pain.persistence.records import (
    AuditEntry,
    ClinicalEvent,
    PatientInfo,
    RegimenVersion,
    SavedPlan,
    StoredPatient,
)

__all__ = ["PatientRepository", "dumps"]


def dumps(value: Any) -> str:
    """Canonical JSON for storage: sorted keys, no NaN."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)


class PatientRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- patients ------------------------------------------------------------------------------
    def find(self, identifier: str) -> PatientRow | None:
        return self.session.scalars(
            select(PatientRow).where(PatientRow.identifier == identifier)
        ).one_or_none()

    def get(self, identifier: str) -> PatientRow:
        row = self.find(identifier)
        if row is None:
            raise RecordNotFoundError(entity="patient", key=identifier)
        return row

    def all_patients(self) -> list[StoredPatient]:
        rows = self.session.scalars(select(PatientRow).order_by(PatientRow.identifier))
        return [stored_patient(row) for row in rows]

    def add_patient(self, info: PatientInfo, *, at: datetime | None = None) -> PatientRow:
        now = at or utc_now()
        row = PatientRow(created_at=now, updated_at=now)
        _apply_info(row, info)
        self.session.add(row)
        self.session.flush()
        return row

    def update_patient(self, row: PatientRow, info: PatientInfo) -> None:
        _apply_info(row, info)

    def touch(self, row: PatientRow, expected_version: int | None) -> None:
        """Refuse a stale save, and mark the patient changed (the flush raises its version;
        a concurrent change between read and flush makes the flush fail, never overwrite)."""
        if expected_version is not None and row.version != expected_version:
            raise StaleRecordError(
                entity="patient", key=row.identifier, expected=expected_version, found=row.version
            )
        row.updated_at = utc_now()

    # --- history -------------------------------------------------------------------------------
    def add_regimen_version(self, row: PatientRow, record: RegimenVersion) -> RegimenVersionRow:
        version = RegimenVersionRow(
            patient_id=row.id,
            effective_from=record.effective_from,
            reason=record.reason,
            document_json=dumps(record.regimen.model_dump(mode="json")),
            created_at=record.created_at,
            created_by=record.created_by,
        )
        self.session.add(version)
        return version

    def add_event(self, row: PatientRow, record: ClinicalEvent) -> ClinicalEventRow:
        event = ClinicalEventRow(
            patient_id=row.id,
            **record.model_dump(exclude={"id"}),
        )
        self.session.add(event)
        return event

    def add_plan(self, row: PatientRow, record: SavedPlan) -> SavedPlanRow:
        fields = record.model_dump(mode="python", exclude={"id", "inputs", "outputs"})
        plan = SavedPlanRow(
            patient_id=row.id,
            inputs_json=dumps(record.inputs),
            outputs_json=dumps(record.outputs),
            **fields,
        )
        self.session.add(plan)
        return plan

    def regimen_versions(self, row: PatientRow) -> list[RegimenVersion]:
        rows = self.session.scalars(
            select(RegimenVersionRow)
            .where(RegimenVersionRow.patient_id == row.id)
            .order_by(RegimenVersionRow.effective_from, RegimenVersionRow.id)
        )
        return [regimen_version(r) for r in rows]

    def regimen_version(self, row: PatientRow, version_id: int) -> RegimenVersion:
        found = self.session.get(RegimenVersionRow, version_id)
        if found is None or found.patient_id != row.id:
            raise RecordNotFoundError(entity="regimen version", key=str(version_id))
        return regimen_version(found)

    def timeline_rows(self, row: PatientRow) -> Sequence[Any]:
        """The columns the timeline needs, without parsing any regimen document."""
        result: Sequence[Any] = self.session.execute(
            select(
                RegimenVersionRow.id,
                RegimenVersionRow.effective_from,
                RegimenVersionRow.reason,
                RegimenVersionRow.ome_mg_per_day,
                RegimenVersionRow.ome_table_id,
                RegimenVersionRow.ome_table_sha256,
                RegimenVersionRow.ome_error,
            )
            .where(RegimenVersionRow.patient_id == row.id)
            .order_by(RegimenVersionRow.effective_from, RegimenVersionRow.id)
        ).all()
        return result

    def events(self, row: PatientRow) -> list[ClinicalEvent]:
        rows = self.session.scalars(
            select(ClinicalEventRow)
            .where(ClinicalEventRow.patient_id == row.id)
            .order_by(ClinicalEventRow.occurred_at, ClinicalEventRow.id)
        )
        return [clinical_event(r) for r in rows]

    def timeline_events(self, row: PatientRow) -> list[ClinicalEvent]:
        """The events for drawing: read as columns and built without re-validation (every row
        was validated when it was written), which keeps a five-year timeline fast to open."""
        result = self.session.execute(
            select(
                ClinicalEventRow.id,
                ClinicalEventRow.kind,
                ClinicalEventRow.occurred_at,
                ClinicalEventRow.ends_at,
                ClinicalEventRow.nrs,
                ClinicalEventRow.title,
                ClinicalEventRow.detail,
                ClinicalEventRow.created_at,
                ClinicalEventRow.created_by,
            )
            .where(ClinicalEventRow.patient_id == row.id)
            .order_by(ClinicalEventRow.occurred_at, ClinicalEventRow.id)
        )
        return [
            ClinicalEvent.model_construct(
                id=r.id,
                kind=r.kind,
                occurred_at=r.occurred_at,
                ends_at=r.ends_at,
                nrs=r.nrs,
                title=r.title,
                detail=r.detail,
                created_at=r.created_at,
                created_by=r.created_by,
            )
            for r in result
        ]

    def plans(self, row: PatientRow) -> list[SavedPlan]:
        rows = self.session.scalars(
            select(SavedPlanRow)
            .where(SavedPlanRow.patient_id == row.id)
            .order_by(SavedPlanRow.created_at, SavedPlanRow.id)
        )
        return [saved_plan(r) for r in rows]

    def plan(self, row: PatientRow, plan_id: int) -> SavedPlan:
        found = self.session.get(SavedPlanRow, plan_id)
        if found is None or found.patient_id != row.id:
            raise RecordNotFoundError(entity="saved plan", key=str(plan_id))
        return saved_plan(found)

    # --- audit ---------------------------------------------------------------------------------
    def append_audit(self, entry: AuditEntry, *, patient_identifier: str | None) -> None:
        self.session.add(
            AuditRow(
                occurred_at=entry.occurred_at,
                os_user=entry.os_user,
                app_version=entry.app_version,
                action=entry.action,
                entity=entry.entity,
                entity_key=entry.entity_key,
                patient_identifier=patient_identifier,
                before_json=None if entry.before is None else dumps(entry.before),
                after_json=None if entry.after is None else dumps(entry.after),
            )
        )

    def audit(self, patient_identifier: str) -> list[AuditEntry]:
        rows = self.session.scalars(
            select(AuditRow)
            .where(AuditRow.patient_identifier == patient_identifier)
            .order_by(AuditRow.id)
        )
        return [audit_entry(r) for r in rows]


# --- row → record ------------------------------------------------------------------------------
def _apply_info(row: PatientRow, info: PatientInfo) -> None:
    row.identifier = info.identifier
    row.display_name = info.display_name
    row.sex = info.sex
    row.birth_year = info.birth_year
    row.context_json = dumps(info.context.model_dump(mode="json"))
    row.note = info.note
    row.time_basis = info.time_basis


def patient_info(row: PatientRow) -> PatientInfo:
    return PatientInfo.model_validate(
        {
            "identifier": row.identifier,
            "display_name": row.display_name,
            "sex": row.sex,
            "birth_year": row.birth_year,
            "context": Patient.model_validate_json(row.context_json),
            "note": row.note,
            "time_basis": row.time_basis,
        }
    )


def stored_patient(row: PatientRow) -> StoredPatient:
    return StoredPatient(
        info=patient_info(row),
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def regimen_version(row: RegimenVersionRow) -> RegimenVersion:
    return RegimenVersion(
        id=row.id,
        effective_from=row.effective_from,
        reason=row.reason,
        regimen=RegimenDocument.model_validate_json(row.document_json),
        created_at=row.created_at,
        created_by=row.created_by,
    )


def clinical_event(row: ClinicalEventRow) -> ClinicalEvent:
    return ClinicalEvent(
        id=row.id,
        kind=row.kind,
        occurred_at=row.occurred_at,
        ends_at=row.ends_at,
        nrs=row.nrs,
        title=row.title,
        detail=row.detail,
        created_at=row.created_at,
        created_by=row.created_by,
    )


def saved_plan(row: SavedPlanRow) -> SavedPlan:
    return SavedPlan(
        id=row.id,
        kind=row.kind,
        title=row.title,
        inputs=json.loads(row.inputs_json),
        outputs=json.loads(row.outputs_json),
        table_id=row.table_id,
        table_version=row.table_version,
        table_sha256=row.table_sha256,
        app_version=row.app_version,
        created_at=row.created_at,
        created_by=row.created_by,
    )


def audit_entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        occurred_at=row.occurred_at,
        os_user=row.os_user,
        app_version=row.app_version,
        action=row.action,
        entity=row.entity,
        entity_key=row.entity_key,
        before=None if row.before_json is None else json.loads(row.before_json),
        after=None if row.after_json is None else json.loads(row.after_json),
    )
