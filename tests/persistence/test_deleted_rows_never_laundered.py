"""Fuzz review 21, D2: a regimen version (or clinical event) deleted in the SQLite file, the
triggers dropped and put back, was named by `patients verify`, but `patients show` exited 0 with
no warning and the older dose as current, `export` wrote the record, and the export imported into
a fresh database verified "intact". Whatever verify finds wrong that touches a patient (a changed,
added or GONE row; the database's lost protections or foreign objects) is now the one judgement
(`record_problems`) that show, show --json, export and the app's banner read; and a file that
holds fewer versions, events or plans than its own history stored is refused at import."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mps_pain.errors import DocumentFormatError, UnvouchedRecordError
from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientRecordDocument
from mps_pain.services.patient_service import PatientService
from mps_pain.services.record_integrity import problems_in, record_problems, verify_records
from tests.cli_runner import CliRun, run_cli
from tests.conftest import records_copy

CASE = "takamatsu-2018-case-1"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _outside(url: str, statement: str, *args: Any) -> None:
    """The reviewer's edit: drop the triggers, run ``statement``, put them back exactly."""
    conn = sqlite3.connect(_path(url))
    conn.isolation_level = None
    try:
        triggers = conn.execute("select name, sql from sqlite_master where type='trigger'")
        saved = triggers.fetchall()
        for name, _ in saved:
            conn.execute(f'drop trigger "{name}"')
        conn.execute(statement, args)
        for _, sql in saved:
            conn.execute(sql)
    finally:
        conn.close()


def _latest_version_of(url: str, identifier: str) -> int:
    with sqlite3.connect(_path(url)) as conn:
        (found,) = conn.execute(
            "select max(v.id) from regimen_versions v join patients p on p.id = v.patient_id "
            "where p.identifier = ?",
            (identifier,),
        ).fetchone()
    conn.close()
    return int(found)


def _as_an_older_export_wrote_it(url: str, identifier: str) -> dict[str, Any]:
    """What `patients export` wrote before this fix from a record with a deleted row: every
    part of it as read, without asking whether verify vouches for it."""
    database = Database.open(url)
    service = PatientService(database, user="tester")
    try:
        document = PatientRecordDocument(
            exported_at=datetime(2026, 12, 5, 10, 0, tzinfo=UTC),
            app_version="0.1.0",
            patient=service.get_patient(identifier).info,
            regimen_versions=[
                v.model_copy(update={"id": None}) for v in service.regimen_versions(identifier)
            ],
            events=[e.model_copy(update={"id": None}) for e in service.events(identifier)],
            plans=[p.model_copy(update={"id": None}) for p in service.plans(identifier)],
            audit=service.imported_history(identifier) + service.audit_trail(identifier),
        )
    finally:
        database.close()
    return document.model_dump(mode="json")


def _reimported(document: dict[str, Any], folder: Path, url: str) -> tuple[CliRun, CliRun]:
    """`patients import` of ``document`` into a fresh database ``url``, then its `verify`."""
    file = folder / "record.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    done = run_cli("patients", "import", str(file), "--database", url)
    return done, run_cli("patients", "verify", "--database", url)


def _says_it_everywhere(url: str, identifier: str, row: str, folder: Path) -> None:
    """verify names ``row``; show warns first (exit 2); export and show --json refuse naming
    it; an older export of the record re-imported is refused, nothing imported."""
    verified = run_cli("patients", "verify", "--database", url)
    assert verified.returncode == 2 and row in verified.stderr, verified.stderr
    shown = run_cli("patients", "show", identifier, "--database", url)
    assert shown.returncode == 2, shown.stdout[:300]
    assert shown.stdout.startswith("WARNING:") and "is gone" in shown.stdout, shown.stdout[:300]
    assert "is gone" in shown.stderr
    target = folder / "out.json"
    exported = run_cli("patients", "export", identifier, "--database", url, "-o", str(target))
    assert exported.returncode == 2 and "is gone" in exported.stderr, exported.stderr
    assert not target.exists()
    as_json = run_cli("patients", "show", identifier, "--json", "--database", url)
    assert as_json.returncode == 2
    assert json.loads(as_json.stdout)["error"]["code"] == "damaged-record"
    fresh = folder / "fresh.sqlite3"
    fresh.unlink(missing_ok=True)
    older = _as_an_older_export_wrote_it(url, identifier)
    imported, again = _reimported(older, folder, f"sqlite:///{fresh}")
    assert imported.returncode == 2, imported.stdout
    assert "Nothing was imported" in imported.stderr, imported.stderr
    assert "deleted outside mps-pain" in imported.stderr
    assert "intact" not in again.stdout


@pytest.fixture
def examples(tmp_path: Path, examples_sqlite: Callable[[str | None], Path]) -> str:
    return records_copy(examples_sqlite("tester"), tmp_path / "records.sqlite3")


def test_the_reviewers_deleted_latest_version(examples: str, tmp_path: Path) -> None:
    """repro/patients-deleted-version-exported-and-laundered.sh: the current dose (oxycodone
    ER 60 mg/day) deleted; show put the older dose first as if current, with no word."""
    latest = _latest_version_of(examples, CASE)
    _outside(examples, "delete from regimen_versions where id = ?", latest)
    _says_it_everywhere(examples, CASE, f"regimen_versions:{latest}", tmp_path)
    shown = run_cli("patients", "show", CASE, "--database", examples)
    assert f"regimen version {latest} was recorded by audit row" in shown.stdout


def test_a_deleted_event(examples: str, tmp_path: Path) -> None:
    with sqlite3.connect(_path(examples)) as conn:
        (event,) = conn.execute(
            "select max(e.id) from clinical_events e join patients p on p.id = e.patient_id "
            "where p.identifier = ?",
            (CASE,),
        ).fetchone()
    conn.close()
    _outside(examples, "delete from clinical_events where id = ?", event)
    _says_it_everywhere(examples, CASE, f"clinical_events:{event}", tmp_path)


def test_other_patients_still_export(examples: str) -> None:
    """A row deleted from one record is that record's problem, not its neighbours'."""
    latest = _latest_version_of(examples, CASE)
    _outside(examples, "delete from regimen_versions where id = ?", latest)
    done = run_cli("patients", "export", "kodama-2024-case-1", "--database", examples)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "statement",
    [
        "drop trigger regimen_versions_no_delete",
        "create view zz_every_dose as select * from regimen_versions",
        "create trigger zz_keep_quiet before insert on clinical_events begin select 1; end",
    ],
)
def test_a_database_wide_problem_touches_every_record(examples: str, statement: str) -> None:
    """Dropped triggers, or a view or trigger the migrations did not make: verify said not
    intact, while show and export went ahead without a word (review 21, D2, "related")."""
    _sql(examples, statement)
    assert run_cli("patients", "verify", "--database", examples).returncode == 2
    for identifier in (CASE, "kodama-2024-case-2"):
        shown = run_cli("patients", "show", identifier, "--database", examples)
        assert shown.returncode == 2 and shown.stdout.startswith("WARNING: the records database")
        assert "no record of this database can be vouched for" in shown.stdout
        exported = run_cli("patients", "export", identifier, "--database", examples)
        assert exported.returncode == 2 and exported.stdout == ""
        assert "no record of this database can be vouched for" in exported.stderr


def _sql(url: str, statement: str) -> None:
    with sqlite3.connect(_path(url)) as conn:
        conn.execute(statement)
    conn.close()


def test_a_gone_row_the_trail_does_not_say_whose_touches_every_record(tmp_path: Path) -> None:
    """A schema upgrade records every existing row in one `baseline` audit row naming no
    patient: a version it recorded that is gone could be anyone's."""
    path = tmp_path / "v2.sqlite3"
    shutil.copyfile(FIXTURES / "records_v2.sqlite", path)
    path.chmod(0o600)
    url = f"sqlite:///{path}"
    database = Database.open(url)
    identifiers = [p.info.identifier for p in PatientService(database).list_patients()]
    database.close()
    with sqlite3.connect(path) as conn:
        (version,) = conn.execute("select min(id) from regimen_versions").fetchone()
    conn.close()
    _outside(url, "delete from regimen_versions where id = ?", version)
    database = Database.open(url)
    service = PatientService(database, user="tester")
    try:
        whole = verify_records(service.records)
        assert len(identifiers) == 2
        for identifier in identifiers:
            found = record_problems(service.records, identifier)
            assert found == problems_in(whole, identifier)
            assert [(p.kind, str(p.row_id)) for p in found] == [("regimen version", str(version))]
            assert "does not say whose record it was" in found[0].problem
            with pytest.raises(UnvouchedRecordError):
                service.export_patient(identifier)
    finally:
        database.close()


def test_a_file_cut_after_export_is_refused(examples: str) -> None:
    """The same rule read from the file alone: a version taken out of an export."""
    database = Database.open(examples)
    service = PatientService(database, user="tester")
    try:
        document = service.export_patient(CASE).model_dump(mode="json")
    finally:
        database.close()
    document["regimen_versions"].pop()
    database = Database.open(examples)
    with pytest.raises(DocumentFormatError) as caught:
        PatientService(database).import_patient(document, as_identifier="copy")
    database.close()
    assert caught.value.reason == "history-not-held"
    assert caught.value.location_path == ("regimen_versions",)
    context = caught.value.context
    assert (context["part"], context["recorded"], context["held"]) == ("regimen_versions", 3, 2)
    assert "history stored 3 regimen versions, but the file holds 2" in caught.value.message


# --- the property -----------------------------------------------------------------------------

SETTINGS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@pytest.fixture(scope="module")
def audited_rows(
    examples_sqlite: Callable[[str | None], Path],
) -> list[tuple[str, str, int]]:
    """(patient, table, id) of every regimen version and clinical event of the examples."""
    with sqlite3.connect(examples_sqlite("tester")) as conn:
        rows = [
            (str(who), table, int(row_id))
            for table in ("regimen_versions", "clinical_events")
            for who, row_id in conn.execute(
                f"select p.identifier, r.id from {table} r join patients p on p.id = r.patient_id"
            )
        ]
    conn.close()
    return rows


def _deleting_any_row(template: Path, folder: Path, row: tuple[str, str, int]) -> None:
    for leftover in folder.iterdir():
        leftover.unlink()
    url = records_copy(template, folder / "records.sqlite3")
    identifier, table, row_id = row
    _outside(url, f"delete from {table} where id = ?", row_id)
    _says_it_everywhere(url, identifier, f"{table}:{row_id}", folder)


@settings(max_examples=12, **SETTINGS)
@given(data=st.data())
def test_deleting_any_audited_row_is_said_everywhere(
    audited_rows: list[tuple[str, str, int]],
    examples_sqlite: Callable[[str | None], Path],
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
) -> None:
    """Any one regimen version or event of any example patient, deleted outside the program:
    verify, show, show --json, export and the re-import of an older export all say so."""
    row = data.draw(st.sampled_from(audited_rows))
    _deleting_any_row(examples_sqlite("tester"), tmp_path_factory.mktemp("deleted"), row)


@pytest.mark.slow
def test_deleting_every_audited_row_is_said_everywhere(
    audited_rows: list[tuple[str, str, int]],
    examples_sqlite: Callable[[str | None], Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The campaign: every one of them."""
    folder = tmp_path_factory.mktemp("every")
    for row in audited_rows:
        _deleting_any_row(examples_sqlite("tester"), folder, row)


# --- both databases ---------------------------------------------------------------------------

_AROUND = {  # how the owner of each database lets a delete through, and puts the refusal back
    "sqlite": (None, None),
    "postgresql": (
        "ALTER TABLE regimen_versions DISABLE TRIGGER regimen_versions_no_delete",
        "ALTER TABLE regimen_versions ENABLE TRIGGER regimen_versions_no_delete",
    ),
}


def test_a_deleted_version_on_either_database(database_url: str) -> None:
    """The same judgement on PostgreSQL (the owner disables the refusal, deletes the newest
    version, enables it again) as on SQLite (dropped and put back)."""
    from sqlalchemy import text

    database = Database.open(database_url)
    service = PatientService(database, user="tester")
    try:
        service.import_examples()
        dialect = database.engine.dialect.name
        before, after = _AROUND[dialect]
        with database.engine.begin() as conn:
            (latest,) = conn.execute(
                text(
                    "SELECT max(v.id) FROM regimen_versions v JOIN patients p "
                    "ON p.id = v.patient_id WHERE p.identifier = :case"
                ),
                {"case": CASE},
            ).one()
            if dialect == "sqlite":
                (made,) = conn.execute(
                    text("SELECT sql FROM sqlite_master WHERE name = 'regimen_versions_no_delete'")
                ).one()
                before, after = "DROP TRIGGER regimen_versions_no_delete", made
            conn.execute(text(before))
            conn.execute(text("DELETE FROM regimen_versions WHERE id = :id"), {"id": latest})
            conn.execute(text(after))
        assert not service.verify().intact
        found = service.record_problems(CASE)
        assert [(p.kind, str(p.row_id)) for p in found] == [("regimen version", str(latest))]
        with pytest.raises(UnvouchedRecordError) as caught:
            service.export_patient(CASE)
        assert "is gone" in caught.value.message
        assert service.record_problems("kodama-2024-case-1") == []
    finally:
        database.close()
