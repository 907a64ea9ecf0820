"""Clinician re-check 20b, N10: after Apply, every further "Save to patient record" with nothing
changed added the regimen before the switch again, a repeat of the applied one and a duplicate
plan (142.5 → 100 → 142.5 → 100…: the timeline put the patient back on the patch after the
switch). The regimen before is stored once, with the first save of that Apply; a later save
stores the regimen only when it changed since, and the applied plan not again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from mps_pain.services.saved_work import BEFORE, PlanToSave, same_regimen

NOW = datetime(2026, 12, 5, 7, 42, tzinfo=UTC)
ORAL = {"drug": "oxycodone", "route": "oral", "form": "er", "daily_dose": "40 mg/day"}
BEFORE_DOC = RegimenDocument.model_validate({"items": [ORAL]})
PATCH = {"drug": "fentanyl", "route": "transdermal", "rate": "12 mcg/h"}
APPLIED = RegimenDocument.model_validate({"items": [PATCH]})
EDITED = RegimenDocument.model_validate({"items": [{**PATCH, "rate": "25 mcg/h"}]})


def _plan(service: PatientService) -> PlanToSave:
    from mps_pain.services.rotation_service import plan_rotation

    request = {
        "from": {"items": [ORAL]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
    }
    outputs = plan_rotation(request, tables=service.tables)
    return PlanToSave("plan", "to a patch (applied)", request, outputs)


def _save_applied(service: PatientService, regimen: RegimenDocument, minutes: int) -> bool:
    work = service.save_work(
        "P-001",
        regimen=regimen,
        plan=_plan(service),
        reason="Saved from the workstation with the plan",
        effective_from=NOW + timedelta(minutes=minutes),
        before=BEFORE_DOC,
    )
    return work.regimen_added


def _reasons(service: PatientService) -> list[str]:
    versions = sorted(service.regimen_versions("P-001"), key=lambda v: v.id or 0)
    return [v.reason for v in versions]


def test_saves_after_the_first_with_nothing_changed_add_nothing(
    service: PatientService, patient: str
) -> None:
    assert _save_applied(service, APPLIED, 0)
    for later in (1, 2, 3):
        assert not _save_applied(service, APPLIED, later)
    assert _reasons(service) == [BEFORE, "Saved from the workstation with the plan"]
    assert len(service.plans(patient)) == 1


def test_an_edit_after_the_first_save_is_one_new_version_not_the_regimen_before_again(
    service: PatientService, patient: str
) -> None:
    assert _save_applied(service, APPLIED, 0)
    assert _save_applied(service, EDITED, 1)  # the patch dose changed after the save
    versions = sorted(service.regimen_versions(patient), key=lambda v: v.id or 0)
    assert [v.reason for v in versions].count(BEFORE) == 1
    assert same_regimen(versions[-1].regimen, EDITED)
    assert len(service.plans(patient)) == 1


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.booleans(), min_size=1, max_size=5))
def test_the_regimen_before_is_stored_once_whatever_the_saves(
    service: PatientService, edits: list[bool]
) -> None:
    """Any run of saves of one applied plan (each True: the dose edited back or forth first):
    one version of the regimen before, first, and no two versions in a row the same."""
    identifier = f"P-{len(service.list_patients()) + 1:04d}"
    service.create_patient(PatientInfo(identifier=identifier))
    regimen = APPLIED
    for minutes, edit in enumerate(edits):
        regimen = (EDITED if regimen is APPLIED else APPLIED) if edit else regimen
        service.save_work(
            identifier,
            regimen=regimen,
            plan=_plan(service),
            reason="with the plan",
            effective_from=NOW + timedelta(minutes=minutes),
            before=BEFORE_DOC,
        )
    versions = sorted(service.regimen_versions(identifier), key=lambda v: v.id or 0)
    assert [v.reason for v in versions].count(BEFORE) == 1
    assert versions[0].reason == BEFORE
    pairs = pairwise(versions)
    assert all(not same_regimen(a.regimen, b.regimen) for a, b in pairs)
    assert len(service.plans(identifier)) == 1
