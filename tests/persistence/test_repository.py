"""Records on both back ends: create, history, timeline OME, plans, audit, diff."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from mps_pain.errors import DocumentFormatError, InputError, RecordNotFoundError, StorageError
from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.persistence.conftest import T0

TRAMADOL = {"items": [{"drug": "tramadol", "route": "oral", "daily_dose": "200 mg/day"}]}
OXY_20 = {
    "items": [{"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "20 mg/day"}]
}
OXY_60 = {
    "items": [{"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "60 mg/day"}]
}


def test_a_new_patient_is_listed_with_version_1(service: PatientService, patient: str) -> None:
    [stored] = service.list_patients()
    assert stored.info.identifier == patient
    assert stored.version == 1
    assert service.get_patient(patient).info.birth_year == 1990


def test_a_duplicate_identifier_is_refused_and_nothing_changes(
    service: PatientService, patient: str
) -> None:
    with pytest.raises(InputError, match="already exists"):
        service.create_patient(PatientInfo(identifier=patient))
    assert len(service.list_patients()) == 1


def test_takamatsu_case_1_timeline_rises_from_tramadol_to_oxycodone_60(
    service: PatientService, patient: str
) -> None:
    service.add_regimen_version(patient, TRAMADOL, effective_from=T0, reason="outpatient")
    service.add_regimen_version(
        patient, OXY_20, effective_from=T0 + timedelta(days=14), reason="admission"
    )
    service.add_regimen_version(
        patient, OXY_60, effective_from=T0 + timedelta(days=21), reason="dose raised"
    )
    service.add_event(
        patient, kind="radiotherapy", occurred_at=T0 + timedelta(days=28), title="IMRT 45 Gy/25"
    )
    timeline = service.timeline(patient)
    omes = [p.ome_mg_per_day for p in timeline.points]
    assert omes == sorted(omes) and len(omes) == 3
    assert omes[0] is not None and omes[-1] is not None and omes[-1] > omes[0]
    assert [e.kind for e in timeline.events] == ["radiotherapy"]
    assert timeline.events == service.events(patient)  # fast path == validated path
    assert timeline.table.sha256 == service.tables.sha256


def test_the_timeline_ome_is_what_calculate_mme_gives(
    service: PatientService, patient: str
) -> None:
    from mps_pain.domain.regimen import RegimenDocument
    from mps_pain.services.mme_service import calculate_mme

    service.add_regimen_version(patient, OXY_60, effective_from=T0, reason="start")
    expected = calculate_mme(
        RegimenDocument.model_validate(OXY_60), table_id=service.timeline_table
    ).total_mme_per_day
    [point] = service.timeline(patient).points
    assert point.ome_mg_per_day == expected
    other = service.timeline(patient, table_id="cdc-2022")
    assert (
        other.points[0].ome_mg_per_day
        == calculate_mme(
            RegimenDocument.model_validate(OXY_60), table_id="cdc-2022"
        ).total_mme_per_day
    )


def test_every_change_is_audited_with_user_version_and_before_after(
    service: PatientService, patient: str
) -> None:
    service.add_regimen_version(patient, TRAMADOL, effective_from=T0, reason="start")
    current = service.get_patient(patient)
    service.update_patient(
        patient,
        current.info.model_copy(update={"note": "renal function falling"}),
        expected_version=current.version,
    )
    trail = service.audit_trail(patient)
    assert [(e.action, e.entity) for e in trail] == [
        ("create", "patient"),
        ("add", "regimen_version"),
        ("update", "patient"),
    ]
    assert all(e.os_user == "tester" and e.app_version for e in trail)
    assert trail[2].before is not None and trail[2].before["note"] is None
    assert trail[2].after is not None and trail[2].after["note"] == "renal function falling"


def test_the_audit_trail_cannot_be_updated_or_deleted(
    service: PatientService, database: Database, patient: str
) -> None:
    for statement in ("UPDATE audit_log SET os_user = 'mallory'", "DELETE FROM audit_log"):
        with pytest.raises(StorageError), database.writing() as session:
            session.execute(sa.text(statement))
    assert [e.os_user for e in service.audit_trail(patient)] == ["tester"]


def test_a_saved_plan_keeps_inputs_outputs_table_and_app_version(
    service: PatientService, patient: str
) -> None:
    ref = service.tables.ref("uk-palliative")
    outputs = {"table": ref.model_dump(mode="json"), "total": 90.0, "steps": ["a", "b"]}
    saved = service.save_plan(
        patient,
        kind="plan",
        title="oxycodone → morphine",
        inputs={"to": "morphine"},
        outputs=outputs,
    )
    [again] = service.plans(patient)
    assert again == saved
    assert service.plan(patient, saved.id or 0).outputs == outputs
    assert (again.table_id, again.table_version, again.table_sha256) == (
        ref.id,
        ref.version,
        ref.sha256,
    )
    from mps_pain import __version__

    assert again.app_version == __version__


def test_two_versions_diff_field_by_field(service: PatientService, patient: str) -> None:
    service.add_regimen_version(patient, OXY_20, effective_from=T0, reason="a")
    service.add_regimen_version(patient, OXY_60, effective_from=T0 + timedelta(days=1), reason="b")
    a, b = service.regimen_versions(patient)
    [change] = service.diff_versions(patient, a.id or 0, b.id or 0)
    assert (change.path, change.before, change.after) == (
        "items[0].daily_dose",
        "20 mg/day",
        "60 mg/day",
    )


def test_bad_records_are_refused_with_the_field_named(
    service: PatientService, patient: str
) -> None:
    with pytest.raises(DocumentFormatError) as info:
        service.add_event(patient, kind="nrs", occurred_at=T0, title="pain")
    assert "nrs" in str(info.value)
    with pytest.raises(DocumentFormatError):
        service.add_regimen_version(
            patient, {"items": [{"drug": "x"}]}, effective_from=T0, reason="r"
        )
    with pytest.raises(RecordNotFoundError):
        service.timeline("nobody")
    assert service.get_patient(patient).version == 1  # nothing half-saved


def test_records_survive_closing_and_reopening(database_url: str) -> None:
    first = Database.open(database_url)
    PatientService(first).create_patient(PatientInfo(identifier="keep"))
    PatientService(first).add_event("keep", kind="nrs", nrs=7, occurred_at=T0, title="NRS")
    first.close()
    second = Database.open(database_url)
    try:
        [event] = PatientService(second).events("keep")
        assert event.nrs == 7 and event.occurred_at == T0
    finally:
        second.close()
