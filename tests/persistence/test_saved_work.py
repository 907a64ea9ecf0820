"""The workstation's save (``PatientService.save_work``): no duplicate regimen versions, one
record save per user save, and a new patient only together with what is saved to it (clinician
review 4, D5 and D14). On SQLite, and on PostgreSQL when configured."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import MpsPainError
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from mps_pain.services.saved_work import PlanToSave, same_regimen

NOW = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
ORAL = {"drug": "oxycodone", "route": "oral", "form": "er", "daily_dose": "40 mg/day"}
PREGABALIN = {"drug": "pregabalin", "route": "oral", "daily_dose": "50 mg/day"}
REGIMEN = RegimenDocument.model_validate(
    {"title": "as typed", "patient": {"identifier": "Case 2", "age": 63}, "items": [ORAL]}
)


def _plan(service: PatientService) -> PlanToSave:
    from mps_pain.services.rotation_service import plan_rotation

    request = {
        "from": {"items": [ORAL]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
    }
    return PlanToSave("plan", "to a patch", request, plan_rotation(request, tables=service.tables))


def _save(service: PatientService, regimen: RegimenDocument | None, **kw) -> bool:
    work = service.save_work(
        "P-001", regimen=regimen, reason="from the workstation", effective_from=NOW, **kw
    )
    return work.regimen_added


def test_an_unchanged_regimen_adds_no_version_and_each_save_counts_once(
    service: PatientService, patient: str
) -> None:
    start = service.get_patient(patient).version
    assert _save(service, REGIMEN, plan=_plan(service))
    assert not _save(service, REGIMEN, plan=_plan(service))  # the same regimen again
    # another title and display name only: still the same treatment
    renamed = REGIMEN.model_copy(
        update={
            "title": "Test patient (P-001)",
            "patient": REGIMEN.patient.model_copy(update={"identifier": "Test patient"}),
        }
    )
    assert same_regimen(REGIMEN, renamed)
    assert not _save(service, renamed, plan=None)
    assert len(service.regimen_versions(patient)) == 1
    assert len(service.plans(patient)) == 2
    assert service.get_patient(patient).version == start + 3  # one per save
    # a real change (an adjuvant added, or the age) is a new version
    added = REGIMEN.model_copy(
        update={
            "items": [
                *REGIMEN.items,
                *RegimenDocument.model_validate({"items": [PREGABALIN]}).items,
            ]
        }
    )
    assert _save(service, added, plan=None)
    older = added.model_copy(update={"patient": added.patient.model_copy(update={"age": 64})})
    assert _save(service, older, plan=None)
    assert len(service.regimen_versions(patient)) == 3


def test_a_plan_alone_leaves_the_regimen_versions_untouched(
    service: PatientService, patient: str
) -> None:
    assert _save(service, REGIMEN, plan=None)
    assert not _save(service, None, plan=_plan(service))
    (version,) = service.regimen_versions(patient)
    assert [i.drug for i in version.regimen.items] == ["oxycodone"]
    assert len(service.plans(patient)) == 1


def test_a_new_patient_is_created_with_the_save_in_one_transaction(
    service: PatientService,
) -> None:
    info = PatientInfo(identifier="Y-1")
    work = service.save_work(
        "Y-1",
        regimen=REGIMEN,
        plan=_plan(service),
        reason="first",
        effective_from=NOW,
        create=info,
    )
    assert work.regimen_added and work.plan is not None and work.plan.id is not None
    assert work.patient.version == 1  # created and saved once
    actions = [(e.action, e.entity) for e in service.audit_trail("Y-1")]
    assert actions == [("create", "patient"), ("add", "regimen_version"), ("add", "saved_plan")]
    # the same identifier again: refused, nothing written
    with pytest.raises(MpsPainError):
        service.save_work(
            "Y-1", regimen=REGIMEN, plan=None, reason="again", effective_from=NOW, create=info
        )
    assert len(service.regimen_versions("Y-1")) == 1


def test_a_failed_save_of_a_new_patient_leaves_no_record(service: PatientService) -> None:
    """A plan whose table cannot be named fails inside the save: the new record is not kept."""
    bad = PlanToSave("plan", "no table", {"from": {}}, {"no": "table"})
    with pytest.raises(MpsPainError):
        service.save_work(
            "X-1",
            regimen=REGIMEN,
            plan=bad,
            reason="first",
            effective_from=NOW,
            create=PatientInfo(identifier="X-1"),
        )
    assert "X-1" not in [p.info.identifier for p in service.list_patients()]
