"""The audit trail (issue 12, class 5): a hash chain whose first broken link `patients verify`
names, REPLACE refused, imported history kept apart, the OS user from the OS, the OME cache
checked against the stored regimen."""

from __future__ import annotations

import json
import pwd
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from mps_pain.errors import StorageError
from mps_pain.persistence.database import Database
from mps_pain.services._record_support import os_user
from mps_pain.services.patient_service import PatientService
from mps_pain_cli.main import main
from tests.persistence.conftest import T0

MORPHINE_30 = {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "30 mg/day"}]}


def _fill(service: PatientService, patient: str) -> None:
    service.add_regimen_version(patient, MORPHINE_30, effective_from=T0, reason="start")
    service.add_event(patient, kind="nrs", nrs=6, occurred_at=T0, title="NRS")


@contextmanager
def _unguarded(database: Database, table: str) -> Iterator[sa.Connection]:
    """A connection on which the table's protecting triggers are off (what an attacker with
    the owner's rights or the SQLite file can do), restored afterwards."""
    with database.engine.begin() as conn:
        if database.is_sqlite:
            triggers = conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                (table,),
            ).all()
            for name, _sql in triggers:
                conn.exec_driver_sql(f"DROP TRIGGER {name}")
            yield conn
            for _name, sql in triggers:
                conn.exec_driver_sql(sql)
        else:
            conn.exec_driver_sql(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            yield conn
            conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def _verify(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["patients", "verify", "--database", url])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_untouched_trail_verifies(
    service: PatientService, patient: str, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(service, patient)
    assert service.verify().intact
    code, out, _err = _verify(database_url, capsys)
    assert code == 0 and "intact: 3 rows" in out
    assert main(["patients", "verify", "--json", "--database", database_url]) == 0
    report = json.loads(capsys.readouterr().out)
    head = report.pop("head_hash")
    assert len(head) == 64 and head == service.verify().head_hash
    assert report == {
        "rows_checked": 3,
        "first_break": None,
        "altered": [],
        "content": [],
        "expected_head_problem": None,
        "missing_protections": [],
        "foreign_objects": [],
        "intact": True,
    }


def test_a_tampered_row_is_the_first_broken_link(
    service: PatientService,
    database: Database,
    patient: str,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _fill(service, patient)
    with database.engine.connect() as conn:
        ids = [i for (i,) in conn.exec_driver_sql("SELECT id FROM audit_log ORDER BY id")]
    with _unguarded(database, "audit_log") as conn:
        conn.exec_driver_sql(
            f"UPDATE audit_log SET os_user = 'chief-pharmacist' WHERE id = {ids[1]}"
        )
    result = service.verify()
    assert result.first_break is not None and result.first_break.row_id == ids[1]
    assert "changed after it was written" in result.first_break.reason
    code, _out, err = _verify(database_url, capsys)
    assert code == 2 and f"broken at row {ids[1]}" in err


def test_a_removed_row_breaks_the_link_of_the_row_after_it(
    service: PatientService, database: Database, patient: str
) -> None:
    _fill(service, patient)
    with database.engine.connect() as conn:
        ids = [i for (i,) in conn.exec_driver_sql("SELECT id FROM audit_log ORDER BY id")]
    with _unguarded(database, "audit_log") as conn:
        conn.exec_driver_sql(f"DELETE FROM audit_log WHERE id = {ids[1]}")
    broken = service.verify().first_break
    assert broken is not None and broken.row_id == ids[2]
    assert "does not follow" in broken.reason


def test_insert_or_replace_cannot_overwrite_an_audit_row(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    database = Database.open(sqlite_url)
    service = PatientService(database, user="tester")
    service.import_examples()
    with pytest.raises(StorageError, match="append-only"), database.writing() as session:
        session.execute(
            sa.text(
                "INSERT OR REPLACE INTO audit_log (id, occurred_at, os_user, app_version, "
                "action, entity, entity_key) VALUES (1, '2019-01-01 00:00:00', 'root', '9', "
                "'delete', 'patient', 'x')"
            )
        )
    assert service.verify().intact
    database.close()


def test_dropping_the_triggers_is_not_prevented_but_the_chain_shows_the_edit(
    sqlite_url: str,
) -> None:
    """Anyone who can write the SQLite file can drop triggers; the hash chain still catches an
    edit made that way (docs/records.md says what it cannot catch)."""
    database = Database.open(sqlite_url)
    service = PatientService(database, user="tester")
    service.import_examples()
    with database.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        conn.exec_driver_sql("UPDATE audit_log SET os_user = 'root' WHERE id = 3")
    broken = service.verify().first_break
    assert broken is not None and broken.row_id == 3
    database.close()


def test_imported_history_is_stored_as_imported_and_never_shown_as_local(
    service: PatientService,
    patient: str,
    database_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = service.export_patient(patient).model_dump(mode="json")
    document["patient"]["identifier"] = "forged"
    forged = {"os_user": "chief-pharmacist", "app_version": "0.1.0", "entity_key": "forged"}
    document["audit"] = [
        forged | {"occurred_at": "2019-03-01T10:00:00Z", "action": "create", "entity": "patient"},
        forged | {"occurred_at": "2999-01-01T00:00:00Z", "action": "delete", "entity": "patient"},
    ]
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(document))
    assert main(["patients", "import", str(path), "--database", database_url]) == 0
    local = service.audit_trail("forged")
    assert [(e.os_user, e.action, e.origin) for e in local] == [(os_user(), "import", "local")]
    [create, delete] = service.imported_history("forged")
    assert (create.os_user, create.origin) == ("chief-pharmacist", "imported")
    assert delete.source is not None and "file exported" in delete.source
    capsys.readouterr()
    assert main(["patients", "show", "forged", "--database", database_url]) == 0
    shown = capsys.readouterr().out
    trail, imported = shown.split("Imported history")
    assert "chief-pharmacist" not in trail.split("Audit trail")[1]
    assert "chief-pharmacist create" in imported and "[from file exported" in imported
    assert service.verify().intact  # imported rows are links of the chain like any other


def test_the_os_user_comes_from_the_operating_system_not_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os

    monkeypatch.setenv("LOGNAME", "chief-pharmacist")
    monkeypatch.setenv("USER", "chief-pharmacist")
    monkeypatch.setenv("USERNAME", "chief-pharmacist")
    assert os_user() == pwd.getpwuid(os.getuid()).pw_name


def test_a_regimen_cannot_be_edited_in_place(
    service: PatientService, database: Database, patient: str
) -> None:
    service.add_regimen_version(patient, MORPHINE_30, effective_from=T0, reason="start")
    for statement in (
        "UPDATE regimen_versions SET document_json = '{}'",
        "DELETE FROM regimen_versions",
    ):
        with pytest.raises(StorageError, match="never changed"), database.writing() as session:
            session.execute(sa.text(statement))


def test_a_direct_edit_of_a_regimen_is_detected_and_its_ome_recomputed(
    service: PatientService, database: Database, patient: str
) -> None:
    service.add_regimen_version(patient, MORPHINE_30, effective_from=T0, reason="start")
    assert service.timeline(patient).points[0].ome_mg_per_day == pytest.approx(30)
    edited = json.dumps(
        {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "300 mg/day"}]}
    )
    with _unguarded(database, "regimen_versions") as conn:
        conn.execute(sa.text("UPDATE regimen_versions SET document_json = :d"), {"d": edited})
    # the cache was for the old document: the timeline shows what is stored now
    assert service.timeline(patient).points[0].ome_mg_per_day == pytest.approx(300)
    [altered] = service.verify().altered
    assert altered.patient_identifier == patient


def test_a_stored_regimen_a_later_rule_refuses_still_reads(
    service: PatientService, database: Database, patient: str
) -> None:
    """A version stored before a rate by mouth was refused (clinician re-check 19b, R4: the
    program accepted "morphine oral MR 2.5 mg/h") is read as stored, never a damaged record:
    records are shown as stored (``persistence.records.STORED``); the row is judged again where
    it is edited or typed."""
    service.add_regimen_version(patient, MORPHINE_30, effective_from=T0, reason="start")
    stored = json.dumps(
        {"items": [{"drug": "morphine", "route": "oral", "form": "mr",
                    "rate": {"value": 2.5, "unit": "mg/h"}}]}
    )  # fmt: skip
    with _unguarded(database, "regimen_versions") as conn:
        conn.execute(sa.text("UPDATE regimen_versions SET document_json = :d"), {"d": stored})
    [version] = service.regimen_versions(patient)
    assert version.regimen.items[0].rate is not None
    assert service.timeline(patient).points[0].ome_mg_per_day == pytest.approx(60)
