"""Two app instances editing the same patient: the stale save is refused, nothing overwritten."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mps_pain.errors import StaleRecordError
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.persistence.conftest import T0


def test_a_stale_update_from_a_second_instance_is_refused_with_a_clear_message(
    two_instances: tuple[PatientService, PatientService],
) -> None:
    alice, bob = two_instances
    alice.create_patient(PatientInfo(identifier="shared"))
    seen_by_alice = alice.get_patient("shared")
    seen_by_bob = bob.get_patient("shared")
    alice.update_patient(
        "shared",
        seen_by_alice.info.model_copy(update={"note": "alice's note"}),
        expected_version=seen_by_alice.version,
    )
    with pytest.raises(StaleRecordError) as refused:
        bob.update_patient(
            "shared",
            seen_by_bob.info.model_copy(update={"note": "bob's note"}),
            expected_version=seen_by_bob.version,
        )
    message = str(refused.value)
    assert "'shared' was changed elsewhere" in message and "NOT saved" in message
    assert refused.value.expected == 1 and refused.value.found == 2
    assert bob.get_patient("shared").info.note == "alice's note"
    assert [e.os_user for e in bob.audit_trail("shared")] == ["alice", "alice"]


def test_a_stale_regimen_change_is_refused_too(
    two_instances: tuple[PatientService, PatientService],
) -> None:
    alice, bob = two_instances
    version = alice.create_patient(PatientInfo(identifier="shared")).version
    regimen = {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "30 mg/day"}]}
    alice.add_regimen_version(
        "shared", regimen, effective_from=T0, reason="a", expected_version=version
    )
    with pytest.raises(StaleRecordError):
        bob.add_regimen_version(
            "shared",
            regimen,
            effective_from=T0 + timedelta(days=1),
            reason="b",
            expected_version=version,
        )
    assert [v.reason for v in bob.regimen_versions("shared")] == ["a"]


def test_a_save_with_the_current_version_goes_through_and_moves_it_on(
    two_instances: tuple[PatientService, PatientService],
) -> None:
    alice, bob = two_instances
    alice.create_patient(PatientInfo(identifier="shared"))
    after = bob.add_event(
        "shared", kind="nrs", nrs=4, occurred_at=T0, title="NRS", expected_version=1
    )
    assert after.version == 2
    assert alice.get_patient("shared").version == 2
