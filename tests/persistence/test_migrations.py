"""An older database is upgraded in place, and keeps every record (fixture at schema version 1)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from mps_pain.errors import StorageError
from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService

FIXTURE = Path(__file__).parents[1] / "fixtures" / "records_v1.sqlite"


@pytest.fixture
def old_copy(tmp_path: Path) -> Path:
    target = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, target)
    return target


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def test_the_fixture_is_at_schema_version_1_without_the_v2_columns(old_copy: Path) -> None:
    assert _revision(old_copy) == "0001"
    with sqlite3.connect(old_copy) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(regimen_versions)")}
    assert "ome_mg_per_day" not in columns


def test_opening_a_version_1_database_upgrades_it_in_place_and_loses_nothing(
    old_copy: Path,
) -> None:
    database = Database.open(f"sqlite:///{old_copy}")
    try:
        assert database.schema_revision() == database.head_revision()
        service = PatientService(database)
        [patient] = service.list_patients()
        assert patient.info.identifier == "legacy-1"
        assert patient.version == 4 and patient.info.time_basis == "calendar"
        assert patient.info.context.age == 63
        versions = service.regimen_versions("legacy-1")
        assert [v.reason for v in versions] == ["start", "dose raised"]
        [event] = service.events("legacy-1")
        assert event.nrs == 8
        [plan] = service.plans("legacy-1")
        assert plan.app_version == "0.0.9" and plan.inputs == {"a": 1}
        assert [e.action for e in service.audit_trail("legacy-1")] == ["create", "add", "add"]
        # the new column is filled on first use, from the same engine as everywhere else
        omes = [p.ome_mg_per_day for p in service.timeline("legacy-1").points]
        assert omes[0] is not None and omes[1] == pytest.approx(3 * omes[0])
    finally:
        database.close()
    with sqlite3.connect(old_copy) as conn:
        cached = conn.execute("SELECT ome_table_sha256 FROM regimen_versions").fetchall()
    assert all(sha for (sha,) in cached)


def test_the_committed_fixture_itself_is_never_modified_by_the_tests() -> None:
    assert _revision(FIXTURE) == "0001"
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest()  # readable


def test_a_database_from_a_newer_program_is_refused_and_left_alone(old_copy: Path) -> None:
    with sqlite3.connect(old_copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
    before = _dump(old_copy)
    with pytest.raises(StorageError, match="newer mps-pain"):
        Database.open(f"sqlite:///{old_copy}")
    assert _dump(old_copy) == before  # (opening may switch the file to WAL; no record changes)


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


FIXTURE_V2 = Path(__file__).parents[1] / "fixtures" / "records_v2.sqlite"


def test_opening_a_version_2_database_chains_its_audit_rows_and_keeps_every_record(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "v2.sqlite3"
    shutil.copyfile(FIXTURE_V2, copy)
    assert _revision(copy) == "0002"
    database = Database.open(f"sqlite:///{copy}")
    try:
        assert database.schema_revision() == database.head_revision()
        service = PatientService(database)
        assert [p.info.identifier for p in service.list_patients()] == ["v2-imported", "v2-local"]
        assert [e.action for e in service.audit_trail("v2-local")] == ["create", "add"]
        # schema 2 could not tell imported history apart: existing rows are all local
        assert [e.os_user for e in service.audit_trail("v2-imported")] == [
            "chief-pharmacist",
            "doctor",
        ]
        result = service.verify()
        # the four schema-2 rows, then schema 5's baseline row recording every row's content
        assert result.intact and result.rows_checked == 5
        assert service.verify().content == []
        # the v2 cache carries no document fingerprint: it is recomputed, not trusted
        assert service.timeline("v2-local").points[0].ome_mg_per_day == pytest.approx(30)
    finally:
        database.close()
    with sqlite3.connect(copy) as conn:
        chained = conn.execute("SELECT prev_hash, row_hash FROM audit_log ORDER BY id").fetchall()
        fingerprints = conn.execute("SELECT document_sha256 FROM regimen_versions").fetchall()
    assert chained[0][0] == "0" * 64
    assert all(chained[i][0] == chained[i - 1][1] for i in range(1, len(chained)))
    assert all(sha and len(sha) == 64 for (sha,) in fingerprints)


def test_records_stored_before_the_text_rules_are_still_listed_shown_and_verified(
    tmp_path: Path,
) -> None:
    """Identifiers and titles written before hidden characters were refused are shown as
    stored, never refused on reading (the rules apply to what is typed or imported now)."""
    copy = tmp_path / "v2.sqlite3"
    shutil.copyfile(FIXTURE_V2, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE patients SET identifier = 'v2-local\u200b ' WHERE id = 1")
        conn.execute(
            "INSERT INTO clinical_events (patient_id, kind, occurred_at, title, created_at, "
            "created_by) VALUES (1, 'note', '2025-06-05 09:00:00.000000', 'tab\there', "
            "'2025-06-05 09:00:00.000000', 'nurse\x1b[0m')"
        )
    database = Database.open(f"sqlite:///{copy}")
    try:
        service = PatientService(database)
        assert "v2-local\u200b " in [p.info.identifier for p in service.list_patients()]
        [event] = service.events("v2-local\u200b ")
        assert event.title == "tab\there" and event.created_by == "nurse\x1b[0m"
        assert service.export_patient("v2-local\u200b ").events == [
            event.model_copy(update={"id": None})
        ]
    finally:
        database.close()


def test_rows_stored_before_schema_5_are_covered_by_its_baseline(tmp_path: Path) -> None:
    copy = tmp_path / "v2.sqlite3"
    shutil.copyfile(FIXTURE_V2, copy)
    Database.open(f"sqlite:///{copy}").close()
    with sqlite3.connect(copy) as conn:
        conn.execute("update patients set note='edited by hand' where identifier='v2-local'")
    database = Database.open(f"sqlite:///{copy}")
    try:
        found = PatientService(database).verify().content
        assert [(m.patient_identifier, m.key.split(":")[0]) for m in found] == [
            ("v2-local", "patients")
        ]
    finally:
        database.close()
