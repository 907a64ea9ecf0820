"""The patient service's use cases over the in-memory records (no database): what is stored,
refused, audited and recomputed. The SQL repository, migrations, locking and the crash loop are
tested against real databases in tests/persistence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mps_pain.errors import InputError, RecordNotFoundError, StaleRecordError
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.services.in_memory_records import InMemoryRecords

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
MORPHINE = {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "30 mg/day"}]}


@pytest.fixture
def records() -> InMemoryRecords:
    return InMemoryRecords()


@pytest.fixture
def service(records: InMemoryRecords) -> PatientService:
    service = PatientService(records, user="nurse")
    service.create_patient(PatientInfo(identifier="p"))
    return service


def test_a_new_patient_starts_at_version_1_with_its_create_entry(service: PatientService) -> None:
    stored = service.get_patient("p")
    assert stored.version == 1
    [entry] = service.audit_trail("p")
    assert (entry.action, entry.entity, entry.os_user) == ("create", "patient", "nurse")


def test_a_duplicate_identifier_is_refused_and_nothing_is_committed(
    service: PatientService, records: InMemoryRecords
) -> None:
    commits = records.commits
    with pytest.raises(InputError, match="already exists"):
        service.create_patient(PatientInfo(identifier="p"))
    assert records.commits == commits
    assert len(service.audit_trail("p")) == 1


def test_each_change_moves_the_version_on_by_one(service: PatientService) -> None:
    after = service.add_regimen_version("p", MORPHINE, effective_from=T0, reason="start")
    assert after.version == 2
    after = service.add_event("p", kind="nrs", nrs=4, occurred_at=T0, title="NRS")
    assert after.version == 3


def test_a_stale_save_is_refused_and_leaves_no_trace(service: PatientService) -> None:
    current = service.get_patient("p")
    service.update_patient(
        "p", current.info.model_copy(update={"note": "first"}), expected_version=1
    )
    with pytest.raises(StaleRecordError) as stale:
        service.add_event("p", kind="note", occurred_at=T0, title="late", expected_version=1)
    assert (stale.value.expected, stale.value.found) == (1, 2)
    assert service.events("p") == []
    assert [e.action for e in service.audit_trail("p")] == ["create", "update"]


def test_every_audit_entry_is_a_link_of_an_intact_chain(service: PatientService) -> None:
    service.add_regimen_version("p", MORPHINE, effective_from=T0, reason="start")
    service.save_plan("p", kind="check", title="c", inputs={}, outputs={}, table_id="uk-palliative")
    result = service.verify()
    assert result.intact and result.rows_checked == 3


def test_the_timeline_uses_the_cache_and_recomputes_when_the_document_changed(
    service: PatientService, records: InMemoryRecords
) -> None:
    service.add_regimen_version("p", MORPHINE, effective_from=T0, reason="start")
    [point] = service.timeline("p").points
    assert point.ome_mg_per_day == pytest.approx(30)
    [version] = records.state.versions.values()
    version.document_json = version.document_json.replace('"value": 30.0', '"value": 60.0')
    [point] = service.timeline("p").points
    assert point.ome_mg_per_day == pytest.approx(60)
    [altered] = service.verify().altered
    assert altered.patient_identifier == "p"


def test_imported_history_stays_apart_from_the_local_trail(service: PatientService) -> None:
    service.add_event("p", kind="note", occurred_at=T0, title="n")
    document = service.export_patient("p")
    service.import_patient(document, as_identifier="q")
    assert [e.action for e in service.audit_trail("q")] == ["import"]
    imported = service.imported_history("q")
    assert [(e.action, e.origin) for e in imported] == [("create", "imported"), ("add", "imported")]
    assert all(e.source and "file exported" in e.source for e in imported)


def test_look_alike_identifiers_are_found(service: PatientService) -> None:
    service.create_patient(PatientInfo(identifier="Case-01"))
    assert service.look_alikes("CASE-O1") == ["Case-01"]
    assert service.look_alikes("case-02") == []


def test_unknown_records_are_not_found(service: PatientService) -> None:
    with pytest.raises(RecordNotFoundError):
        service.timeline("nobody")
    with pytest.raises(RecordNotFoundError):
        service.plan("p", 999)


def test_a_plan_must_say_which_table_it_used(service: PatientService) -> None:
    with pytest.raises(InputError, match="which table"):
        service.save_plan("p", kind="plan", title="t", inputs={}, outputs={})
    assert service.plans("p") == []


def test_events_come_back_in_time_order(service: PatientService) -> None:
    for hours in (5, 1, 3):
        service.add_event("p", kind="note", occurred_at=T0 + timedelta(hours=hours), title="n")
    times = [e.occurred_at for e in service.events("p")]
    assert times == sorted(times)
