"""A corrupt file, a failing import, an unreachable server: a clear message, nothing lost."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from mps_pain.errors import DocumentFormatError, StorageError
from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService


def test_a_file_that_is_not_a_database_is_reported_and_left_untouched(tmp_path: Path) -> None:
    bad = tmp_path / "records.sqlite3"
    bad.write_bytes(b"this is a letter, not a database\n" * 200)
    before = bad.read_bytes()
    with pytest.raises(StorageError) as info:
        Database.open(f"sqlite:///{bad}")
    assert "damaged or is not an mps-pain database" in str(info.value)
    assert "backup" in str(info.value)
    assert bad.read_bytes() == before
    assert not Path(f"{bad}-wal").exists() or Path(f"{bad}-wal").stat().st_size == 0


def test_a_database_damaged_inside_gives_a_storage_error_not_a_traceback(
    sqlite_url: str, tmp_path: Path
) -> None:
    database = Database.open(sqlite_url)
    service = PatientService(database)
    service.import_examples()
    path = Path(database.describe())
    database.close()
    data = bytearray(path.read_bytes())
    Path(f"{path}-wal").unlink(missing_ok=True)
    for offset in range(4096 * 2, min(len(data), 4096 * 8)):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    with pytest.raises(StorageError) as info:
        reopened = Database.open(sqlite_url)
        PatientService(reopened).timeline("takamatsu-2018-case-1")
    assert "records file" in str(info.value)


def test_an_import_that_fails_validation_changes_nothing(
    service: PatientService, patient: str
) -> None:
    good = service.export_patient(patient).model_dump(mode="json")
    good["patient"]["identifier"] = "new-one"
    good["events"] = [
        {
            "kind": "nrs",
            "nrs": 14,
            "title": "x",
            "occurred_at": "2026-01-01T00:00:00Z",
            "created_at": "2026-01-01T00:00:00Z",
            "created_by": "a",
        }
    ]
    before = service.list_patients(), service.audit_trail(patient)
    with pytest.raises(DocumentFormatError) as info:
        service.import_patient(good)
    assert info.value.location == "events.0.nrs"
    assert "nothing was imported" in str(info.value)
    with pytest.raises(DocumentFormatError, match="not valid JSON"):
        service.import_patient("{not json")
    with pytest.raises(DocumentFormatError):
        service.import_patient(json.dumps({"format": "something-else"}))
    assert (service.list_patients(), service.audit_trail(patient)) == before


def test_an_unreachable_postgresql_server_is_reported_quickly_and_calculations_still_work(
    sqlite_url: str,
) -> None:
    start = time.monotonic()
    with pytest.raises(StorageError) as info:
        Database.open("postgresql+psycopg://nobody:secret@127.0.0.1:9/records")
    assert time.monotonic() - start < 10
    message = str(info.value)
    assert "cannot reach the records server" in message and "calculations still work" in message
    assert "secret" not in message
    from mps_pain.domain.regimen import RegimenDocument
    from mps_pain.services.mme_service import calculate_mme

    regimen = {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "30 mg/day"}]}
    assert calculate_mme(RegimenDocument.model_validate(regimen)).total_mme_per_day > 0
    local = Database.open(sqlite_url)  # the local records still open
    PatientService(local).create_patient(PatientInfo(identifier="still-works"))
    local.close()
