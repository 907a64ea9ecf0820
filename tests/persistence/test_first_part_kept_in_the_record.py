"""Clinician re-check 20c, M1: the reviewer's check was of the applied regimen reopened from the
patient record (Patient → Open patient…, then Start from the current regimen). The plan's first
part that the applied rows carry (``RegimenItem.first_part``) is stored with the version and
read back with it; a row without one is stored as before (no new key, so a regimen saved before
this change is the same regimen); the versions' diff says it as one value in words."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.services.saved_work import same_regimen
from tests.presentation.test_check_gives_the_staged_start import SC, WARD
from ui.planner.apply import planned_items

NOW = datetime(2026, 12, 5, 8, 20, tzinfo=UTC)


def _applied() -> RegimenDocument:
    plan = plan_rotation({"from": {"items": WARD}, "to": SC, "table": "uk-palliative"})
    return RegimenDocument(table="uk-palliative", items=planned_items(plan))


def test_the_first_part_is_stored_and_read_back(service: PatientService) -> None:
    applied = _applied()
    assert applied.items[0].first_part is not None
    service.create_patient(PatientInfo(identifier="MRN-20C1"))
    service.add_regimen_version("MRN-20C1", applied, effective_from=NOW, reason="applied")
    [stored] = service.regimen_versions("MRN-20C1")
    assert stored.regimen.items[0].first_part == applied.items[0].first_part
    assert same_regimen(stored.regimen, applied)


def test_a_row_without_a_first_part_is_written_as_before() -> None:
    before = RegimenDocument.model_validate({"items": WARD})
    assert "first_part" not in json.dumps(before.model_dump(mode="json"))
    again = RegimenDocument.model_validate(json.loads(json.dumps(before.model_dump(mode="json"))))
    assert again == before


def test_the_diff_says_a_dropped_first_part_in_words(service: PatientService) -> None:
    applied = _applied()
    first = applied.items[0]
    edited = applied.model_copy(
        update={"items": [first.model_copy(update={"first_part": None}), *applied.items[1:]]}
    )
    service.create_patient(PatientInfo(identifier="MRN-20C2"))
    for minutes, regimen in enumerate((applied, edited)):
        service.add_regimen_version(
            "MRN-20C2", regimen, effective_from=NOW.replace(minute=minutes), reason="x"
        )
    a, b = service.regimen_versions("MRN-20C2")
    [change] = service.diff_versions("MRN-20C2", a.id, b.id)
    assert change.path == "items[0].first_part"
    assert (change.before, change.after) == ("22.5 mg/day until 17 h", None)
