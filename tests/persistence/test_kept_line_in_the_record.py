"""Clinician review 21, N1: the line a plan to a patch keeps going for its first hours is a row
of the applied regimen with its typed stop (``RegimenItem.stops_after``), stored with the
version and read back with it; a row without one is stored as before (no new key); the
versions' diff says a dropped stop in words."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from mps_pain.domain.kept_words import kept_words
from mps_pain.domain.regimen import RegimenDocument
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from mps_pain.services.saved_work import same_regimen
from tests.presentation.test_kept_line_on_signed_page import _LINES, PATCHES, RESCUE, _applied

NOW = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
DRIVER = [_LINES["oxycodone sc driver"], RESCUE]


def _kept_row(regimen: RegimenDocument) -> int:
    return next(k for k, item in enumerate(regimen.items) if item.stops_after is not None)


def test_the_kept_line_is_stored_and_read_back(service: PatientService) -> None:
    _, applied = _applied(DRIVER, PATCHES[0])
    row = _kept_row(applied)
    service.create_patient(PatientInfo(identifier="MRN-21N1"))
    service.add_regimen_version("MRN-21N1", applied, effective_from=NOW, reason="applied")
    [stored] = service.regimen_versions("MRN-21N1")
    assert stored.regimen.items[row].stops_after == applied.items[row].stops_after
    assert stored.regimen.items[row].stops_after is not None
    assert same_regimen(stored.regimen, applied)


def test_a_row_without_a_stop_is_written_as_before() -> None:
    before = RegimenDocument.model_validate({"items": DRIVER})
    assert "stops_after" not in json.dumps(before.model_dump(mode="json"))
    again = RegimenDocument.model_validate(json.loads(json.dumps(before.model_dump(mode="json"))))
    assert again == before


def test_the_diff_says_a_dropped_stop_in_words(service: PatientService) -> None:
    _, applied = _applied(DRIVER, PATCHES[0])
    row = _kept_row(applied)
    items = list(applied.items)
    items[row] = items[row].model_copy(update={"stops_after": None})
    edited = applied.model_copy(update={"items": items})
    service.create_patient(PatientInfo(identifier="MRN-21N2"))
    for minutes, regimen in enumerate((applied, edited)):
        service.add_regimen_version(
            "MRN-21N2", regimen, effective_from=NOW.replace(minute=minutes), reason="x"
        )
    a, b = service.regimen_versions("MRN-21N2")
    changes = service.diff_versions("MRN-21N2", a.id, b.id)
    [change] = [c for c in changes if c.path.endswith("stops_after")]
    assert change.path == f"items[{row}].stops_after"
    assert (change.before, change.after) == (kept_words(12), None)
