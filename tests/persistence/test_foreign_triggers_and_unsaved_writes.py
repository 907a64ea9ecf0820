"""Fuzz review 18d, D1 (18c N4; low-medium): `patients verify` said the append-only protections
"are in place" beside a trigger the migrations never made (`CREATE TRIGGER zz_drop_new_versions
BEFORE INSERT ON regimen_versions BEGIN SELECT RAISE(IGNORE); END`); `patients import` then said
"Imported new-patient" with nothing saved, after a SQLAlchemy SAWarning with a source path, and a
later verify blamed another patient's untouched row.

The class: verify names every trigger and view on the records tables that the migrations did
not make (PostgreSQL: rules too), and every save confirms that each row it wrote is in the
database as written before it reports success, refusing with a named error otherwise. The
SQLite cases tamper a real records file through the sqlite3 module, as anyone who can write the
file could; the PostgreSQL ones run in CI."""

from __future__ import annotations

import json
import sqlite3
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mps_pain.errors import StorageError, UnsavedWriteError
from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from mps_pain_cli.main import main

_IGNORE = "BEGIN SELECT RAISE(IGNORE); END"

#: the review's own trigger, then one of each kind on each records table
FOREIGN_SQLITE = {
    "review 18d: insert into regimen_versions ignored": (
        "zz_drop_new_versions",
        f"CREATE TRIGGER zz_drop_new_versions BEFORE INSERT ON regimen_versions {_IGNORE}",
    ),
    "insert into audit_log ignored": (
        "zz_quiet_audit",
        f"CREATE TRIGGER zz_quiet_audit BEFORE INSERT ON audit_log {_IGNORE}",
    ),
    "patient update ignored": (
        "zz_keep_patient",
        f"CREATE TRIGGER zz_keep_patient BEFORE UPDATE ON patients {_IGNORE}",
    ),
    "event title rewritten after insert": (
        "zz_retitle",
        "CREATE TRIGGER zz_retitle AFTER INSERT ON clinical_events BEGIN "
        "UPDATE clinical_events SET title = 'x' WHERE id = NEW.id; END",
    ),
    "a view over the audit trail": (
        "zz_audit_view",
        "CREATE VIEW zz_audit_view AS SELECT id, row_hash FROM audit_log",
    ),
    "a trigger elsewhere that writes a saved plan": (
        "zz_practice_writes_plans",
        "CREATE TRIGGER zz_practice_writes_plans AFTER INSERT ON practice_attempts BEGIN "
        "DELETE FROM saved_plans WHERE id = 0; END",
    ),
}


def _sql(url: str, *statements: str) -> None:
    """Change the file itself, through the sqlite3 module, not mps-pain."""
    connection = sqlite3.connect(url.removeprefix("sqlite:///"))
    with connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def _count(url: str, query: str) -> int:
    connection = sqlite3.connect(url.removeprefix("sqlite:///"))
    (found,) = connection.execute(query).fetchone()
    connection.close()
    return int(found)


def _service(url: str) -> tuple[Database, PatientService]:
    database = Database.open(url)
    return database, PatientService(database, user="tester")


def _filled(url: str, tmp_path: Path) -> Path:
    """The published cases, and one of them exported to a file (what the review imported)."""
    database, service = _service(url)
    service.import_examples()
    exported = service.export_patient(service.list_patients()[0].info.identifier)
    database.close()
    path = tmp_path / "patient1.json"
    path.write_text(json.dumps(exported.model_dump(mode="json")), encoding="utf-8")
    return path


def test_the_migrations_own_triggers_are_all_known(sqlite_url: str) -> None:
    """A fresh file has nothing verify does not know (no false alarm on every database)."""
    database, service = _service(sqlite_url)
    assert service.verify().foreign_objects == []
    database.close()


@pytest.mark.parametrize("case", list(FOREIGN_SQLITE))
def test_verify_names_a_trigger_or_view_the_migrations_did_not_make(
    case: str, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, statement = FOREIGN_SQLITE[case]
    _filled(sqlite_url, tmp_path)
    _sql(sqlite_url, statement)
    database, service = _service(sqlite_url)
    found = service.verify()
    database.close()
    assert [f.name for f in found.foreign_objects] == [name]
    assert not found.intact
    code = main(["patients", "verify", "--database", sqlite_url])
    out, err = capsys.readouterr()
    assert code == 2, out
    assert "in place" not in out and "intact" not in out
    assert name in err and "not made by mps-pain" in err, err


def test_a_trigger_on_a_table_verify_does_not_vouch_for_is_not_named(
    sqlite_url: str, tmp_path: Path
) -> None:
    """The practice tables are outside verify (docs/records.md): their own triggers are not
    the records' business, unless they touch a records table (above)."""
    _filled(sqlite_url, tmp_path)
    _sql(
        sqlite_url,
        "CREATE TRIGGER zz_practice_only AFTER INSERT ON practice_attempts BEGIN SELECT 1; END",
    )
    database, service = _service(sqlite_url)
    assert service.verify().foreign_objects == []
    database.close()


def test_the_reviews_import_is_refused_by_name_and_nothing_is_saved(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = _filled(sqlite_url, tmp_path)
    _sql(sqlite_url, FOREIGN_SQLITE["review 18d: insert into regimen_versions ignored"][1])
    before = _count(sqlite_url, "SELECT count(*) FROM audit_log")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a developer warning fails the test
        code = main(
            ["patients", "import", "--database", sqlite_url, "--as", "new-patient", str(exported)]
        )
    out, err = capsys.readouterr()
    assert code != 0
    assert "Imported" not in out, out
    assert "Warning" not in err and ".py" not in err, err
    assert "was not kept" in err and "Nothing was saved" in err, err
    assert "regimen version" in err, err
    assert _count(sqlite_url, "SELECT count(*) FROM patients WHERE identifier = 'new-patient'") == 0
    assert _count(sqlite_url, "SELECT count(*) FROM audit_log") == before
    database, service = _service(sqlite_url)
    found = service.verify()
    database.close()
    assert found.content == [] and found.first_break is None  # no other patient blamed
    assert [f.name for f in found.foreign_objects] == ["zz_drop_new_versions"]


SAVES: dict[str, Callable[[PatientService, str, Path], object]] = {
    "import": lambda s, _, path: s.import_patient(path.read_text(), as_identifier="copy"),
    "amend (new regimen version)": lambda s, who, _: s.add_regimen_version(
        who,
        s.regimen_versions(who)[-1].regimen,
        effective_from=datetime(2026, 12, 5, tzinfo=UTC),
        reason="amended",
    ),
    "saved check": lambda s, who, _: s.save_plan(
        who, kind="check", title="c", inputs={}, outputs={}, table_id="uk-palliative"
    ),
    "event": lambda s, who, _: s.add_event(
        who, kind="note", occurred_at=datetime(2026, 12, 5, tzinfo=UTC), title="seen"
    ),
}

#: (table, the trigger's timing and event): each way a row written can fail to be kept
DROPPED = {
    "regimen_versions": "BEFORE INSERT",
    "clinical_events": "BEFORE INSERT",
    "saved_plans": "BEFORE INSERT",
    "audit_log": "BEFORE INSERT",
    "patients": "BEFORE UPDATE",
}


#: the saves that write no row of a table (an import inserts its patient, never updates it)
UNTOUCHED = {
    ("regimen_versions", "event"),
    ("regimen_versions", "saved check"),
    ("clinical_events", "amend (new regimen version)"),
    ("clinical_events", "saved check"),
    ("saved_plans", "amend (new regimen version)"),
    ("saved_plans", "event"),
    ("saved_plans", "import"),  # the published cases carry no saved plan
    ("patients", "import"),
}
CASES = [(t, save) for t in DROPPED for save in SAVES if (t, save) not in UNTOUCHED]


def _drop_trigger(table: str) -> str:
    return f"CREATE TRIGGER zz_drop {DROPPED[table]} ON {table} {_IGNORE}"


@pytest.mark.parametrize(("table", "save"), sorted(UNTOUCHED))
def test_a_save_the_trigger_does_not_touch_is_kept(
    table: str, save: str, sqlite_url: str, tmp_path: Path
) -> None:
    """No false refusal: the check reads back what was written, nothing more."""
    exported = _filled(sqlite_url, tmp_path)
    _sql(sqlite_url, _drop_trigger(table))
    before = _count(sqlite_url, "SELECT count(*) FROM audit_log")
    database, service = _service(sqlite_url)
    SAVES[save](service, service.list_patients()[0].info.identifier, exported)
    database.close()
    assert _count(sqlite_url, "SELECT count(*) FROM audit_log") > before


@pytest.mark.parametrize(("table", "save"), CASES)
def test_every_save_confirms_its_rows_are_there(
    save: str, table: str, sqlite_url: str, tmp_path: Path
) -> None:
    exported = _filled(sqlite_url, tmp_path)
    _sql(sqlite_url, _drop_trigger(table))
    before = _count(sqlite_url, "SELECT count(*) FROM audit_log")
    database, service = _service(sqlite_url)
    who = service.list_patients()[0].info.identifier
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            outcome: object = SAVES[save](service, who, exported)
    except UnsavedWriteError as err:
        assert err.code == "not-saved"
        assert err.location_path and err.location_path[0] in {
            "patient",
            "regimen version",
            "clinical event",
            "saved plan",
            "audit row",
        }
    else:
        raise AssertionError(f"{save} reported success: {outcome!r}"[:300])
    finally:
        database.close()
    assert _count(sqlite_url, "SELECT count(*) FROM audit_log") == before


def test_a_row_changed_by_a_trigger_as_it_is_written_is_refused(
    sqlite_url: str, tmp_path: Path
) -> None:
    """Kept but not as written: the save is refused too (its audit row would record a content
    the row does not have)."""
    _filled(sqlite_url, tmp_path)
    _sql(sqlite_url, FOREIGN_SQLITE["event title rewritten after insert"][1])
    database, service = _service(sqlite_url)
    who = service.list_patients()[0].info.identifier
    with pytest.raises(UnsavedWriteError, match="clinical event"):
        SAVES["event"](service, who, tmp_path)
    database.close()


FOREIGN_POSTGRES = {
    "insert into regimen_versions dropped": (
        "zz_drop_new_versions",
        [
            "CREATE FUNCTION zz_drop() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RETURN NULL; END $$",
            "CREATE TRIGGER zz_drop_new_versions BEFORE INSERT ON regimen_versions "
            "FOR EACH ROW EXECUTE FUNCTION zz_drop()",
        ],
    ),
    "a rule that does nothing instead": (
        "zz_nothing",
        ["CREATE RULE zz_nothing AS ON INSERT TO clinical_events DO INSTEAD NOTHING"],
    ),
    "a view over the audit trail": (
        "zz_audit_view",
        ["CREATE VIEW zz_audit_view AS SELECT id, row_hash FROM audit_log"],
    ),
}


@pytest.mark.postgres
@pytest.mark.parametrize("case", list(FOREIGN_POSTGRES))
def test_verify_names_a_postgres_trigger_rule_or_view_not_made_by_the_migrations(
    case: str,
) -> None:
    from tests.persistence.conftest import _postgres_schema_url

    name, statements = FOREIGN_POSTGRES[case]
    for url in _postgres_schema_url():
        database, service = _service(url)
        service.import_examples()
        assert service.verify().foreign_objects == []
        with database.engine.begin() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
        found = service.verify()
        assert [f.name for f in found.foreign_objects] == [name]
        assert not found.intact
        if "view" not in case:
            who = service.list_patients()[0].info.identifier
            if "rule" in case:  # PostgreSQL itself refuses INSERT ... RETURNING under the rule
                with pytest.raises(StorageError, match="Nothing was changed"):
                    SAVES["event"](service, who, Path())
            else:
                with pytest.raises(UnsavedWriteError):
                    SAVES["amend (new regimen version)"](service, who, Path())
        database.close()
