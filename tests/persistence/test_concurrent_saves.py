"""Concurrent saves of one patient on both databases: in every race exactly one save wins, the
other gets ``StaleRecordError`` (the "changed elsewhere" message), and no update is lost.

The default run races a few dozen times per back end; ``MPS_PAIN_RACES`` raises the count (the
figures in docs/reliability.md come from 200 races per back end).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from mps_pain.errors import StaleRecordError
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.persistence.conftest import T0

RACES = int(os.environ.get("MPS_PAIN_RACES", "24"))


def _race(saves: list[Callable[[], Any]]) -> list[BaseException | None]:
    barrier = threading.Barrier(len(saves))
    outcomes: list[BaseException | None] = [None] * len(saves)

    def run(i: int) -> None:
        barrier.wait()
        try:
            saves[i]()
        except BaseException as err:  # recorded and checked by the test
            outcomes[i] = err

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(saves))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_the_loser_of_every_concurrent_save_gets_the_stale_record_error(
    two_instances: tuple[PatientService, PatientService],
) -> None:
    alice, bob = two_instances
    alice.create_patient(PatientInfo(identifier="raced"))
    won = 0
    for race in range(RACES):
        version = alice.get_patient("raced").version
        when = T0 + timedelta(minutes=race)

        def save(
            service: PatientService, score: int, when: Any = when, version: int = version
        ) -> Any:
            return service.add_event(
                "raced",
                kind="nrs",
                nrs=score,
                occurred_at=when,
                title="race",
                expected_version=version,
            )

        outcomes = _race([lambda: save(alice, 1), lambda: save(bob, 2)])
        errors = [e for e in outcomes if e is not None]
        assert len(errors) == 1, outcomes
        assert isinstance(errors[0], StaleRecordError), repr(errors[0])
        assert "changed elsewhere" in str(errors[0]) and "NOT saved" in str(errors[0])
        won += 1
    events = alice.events("raced")
    assert len(events) == won == RACES  # one save per race, none lost, none doubled
    assert alice.get_patient("raced").version == 1 + RACES
    assert len(alice.audit_trail("raced")) == 1 + RACES
    assert alice.verify().intact


def test_concurrent_saves_of_different_patients_all_land_with_an_intact_chain(
    two_instances: tuple[PatientService, PatientService],
) -> None:
    alice, bob = two_instances
    alice.create_patient(PatientInfo(identifier="a"))
    bob.create_patient(PatientInfo(identifier="b"))
    for race in range(RACES // 2):
        when = T0 + timedelta(minutes=race)
        outcomes = _race(
            [
                lambda when=when: alice.add_event("a", kind="note", occurred_at=when, title="n"),
                lambda when=when: bob.add_event("b", kind="note", occurred_at=when, title="n"),
            ]
        )
        assert outcomes == [None, None]
    assert len(alice.events("a")) == len(bob.events("b")) == RACES // 2
    assert alice.verify().intact  # no two rows ever linked to the same predecessor
