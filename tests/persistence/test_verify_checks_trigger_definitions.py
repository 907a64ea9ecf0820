"""Fuzz review 18, D3 (low-medium): `patients verify` said "the schema's append-only protections
are in place" when an audit trigger had been neutered (`WHEN 0`) or moved to another table under
its own name: it checked the triggers' names only.

Each trigger's whole definition (SQLite: `sqlite_master.sql`; PostgreSQL: `pg_get_triggerdef`,
whether it fires, and its function's body), normalised, is now compared with the one the
migrations create. The SQLite cases tamper a real records file as anyone who can write it could;
the two first are the review's own (`repro/verify-intact-with-audit-*.sqlite3`, their SQL as
found in those files)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from mps_pain_cli.main import main

_APPEND_ONLY = "SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
_FROZEN = "SELECT RAISE(ABORT, 'a regimen version is never changed; record a new version'); END"
_CONTENT = "patient_id, effective_from, reason, document_json, created_at, created_by"

SQLITE_TAMPERS = {
    "review 18: delete trigger neutered by WHEN 0": (
        "audit_log_no_delete",
        "CREATE TRIGGER audit_log_no_delete before delete on audit_log when 0 begin "
        "select raise(abort,'x'); end",
    ),
    "review 18: update trigger moved to another table": (
        "audit_log_no_update",
        "CREATE TRIGGER audit_log_no_update before update on patients when 0 begin select 1; end",
    ),
    "WHEN 0, the rest as made": (
        "audit_log_no_update",
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN 0 "
        f"BEGIN {_APPEND_ONLY}",
    ),
    "dropped": ("regimen_versions_no_delete", None),
    "BEFORE made AFTER": (
        "audit_log_no_delete",
        f"CREATE TRIGGER audit_log_no_delete AFTER DELETE ON audit_log BEGIN {_APPEND_ONLY}",
    ),
    "another action": (
        "regimen_versions_no_delete",
        "CREATE TRIGGER regimen_versions_no_delete BEFORE DELETE ON regimen_versions "
        "BEGIN SELECT 1; END",
    ),
    "another event": (
        "audit_log_no_replace",
        f"CREATE TRIGGER audit_log_no_replace BEFORE UPDATE ON audit_log BEGIN {_APPEND_ONLY}",
    ),
    "narrowed to UPDATE OF created_by": (
        "regimen_versions_frozen",
        "CREATE TRIGGER regimen_versions_frozen BEFORE UPDATE OF created_by ON regimen_versions "
        f"BEGIN {_FROZEN}",
    ),
}


def _tamper(url: str, name: str, sql: str | None) -> None:
    """Replace one trigger in the file itself, through the sqlite3 module, not mps-pain."""
    connection = sqlite3.connect(url.removeprefix("sqlite:///"))
    with connection:
        connection.execute(f"DROP TRIGGER {name}")
        if sql is not None:
            connection.execute(sql)
    connection.close()


def _filled(url: str) -> None:
    database = Database.open(url)
    PatientService(database, user="tester").import_examples()
    database.close()


def _verify(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["patients", "verify", "--database", url])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", list(SQLITE_TAMPERS))
def test_a_changed_trigger_is_not_in_place(
    case: str, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    name, sql = SQLITE_TAMPERS[case]
    _filled(sqlite_url)
    _tamper(sqlite_url, name, sql)
    database = Database.open(sqlite_url)
    found = PatientService(database, user="tester").verify()
    database.close()
    assert found.missing_protections == [name]
    assert not found.intact
    code, out, err = _verify(sqlite_url, capsys)
    assert code == 2, out
    assert "in place" not in out and "intact" not in out
    assert name in err and "append-only protection" in err, err


def test_the_same_definition_written_otherwise_is_in_place(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Normalised: case, spacing and line breaks are not a change."""
    _filled(sqlite_url)
    _tamper(
        sqlite_url,
        "regimen_versions_frozen",
        f"create trigger regimen_versions_frozen\n  before update of {_CONTENT.upper()},"
        "document_sha256\n  on regimen_versions\nbegin\n  select raise(abort, 'a regimen "
        "version is never changed; record a new version') ;\nend",
    )
    code, out, err = _verify(sqlite_url, capsys)
    assert code == 0, err
    assert "append-only protections are in place" in out


def test_a_fresh_database_has_exactly_the_protections_verify_expects(sqlite_url: str) -> None:
    """The expected definitions are the migrations' own: a new file verifies in place."""
    database = Database.open(sqlite_url)
    assert PatientService(database, user="tester").verify().missing_protections == []
    database.close()


POSTGRES_TAMPERS = {
    "disabled": (
        "audit_log_append_only",
        ["ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"],
    ),
    "fires only as a replica": (
        "audit_log_append_only",
        ["ALTER TABLE audit_log ENABLE REPLICA TRIGGER audit_log_append_only"],
    ),
    "WHEN (false)": (
        "audit_log_append_only",
        [
            "DROP TRIGGER audit_log_append_only ON audit_log",
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW WHEN (false) EXECUTE FUNCTION audit_log_refuse_change()",
        ],
    ),
    "moved to another table": (
        "regimen_versions_no_delete",
        [
            "DROP TRIGGER regimen_versions_no_delete ON regimen_versions",
            "CREATE TRIGGER regimen_versions_no_delete BEFORE DELETE OR TRUNCATE ON patients "
            "FOR EACH STATEMENT EXECUTE FUNCTION regimen_versions_refuse_change()",
        ],
    ),
    "dropped": ("audit_log_no_truncate", ["DROP TRIGGER audit_log_no_truncate ON audit_log"]),
    "BEFORE made AFTER": (
        "audit_log_no_truncate",
        [
            "DROP TRIGGER audit_log_no_truncate ON audit_log",
            "CREATE TRIGGER audit_log_no_truncate AFTER TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()",
        ],
    ),
    "its function's action changed": (
        "regimen_versions_frozen",
        [
            "CREATE OR REPLACE FUNCTION regimen_versions_refuse_change() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
        ],
    ),
}


@pytest.mark.postgres
@pytest.mark.parametrize("case", list(POSTGRES_TAMPERS))
def test_a_changed_postgres_trigger_is_not_in_place(case: str) -> None:
    from tests.persistence.conftest import _postgres_schema_url

    name, statements = POSTGRES_TAMPERS[case]
    for url in _postgres_schema_url():
        database = Database.open(url)
        service = PatientService(database, user="tester")
        service.import_examples()
        assert service.verify().missing_protections == []
        with database.engine.begin() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
        found = service.verify()
        database.close()
        changed = {name} | (
            {"regimen_versions_no_delete"} if "function" in case else set()
        )  # both use the function
        assert set(found.missing_protections) == changed, found.missing_protections
        assert not found.intact


def test_the_repro_files_sql_is_what_the_review_found() -> None:
    """The review's files are not kept (binary, git-ignored); their tampering is, as found."""
    repro = Path(
        "/work/review18/fuzz/repro/verify-intact-with-audit-delete-trigger-neutered.sqlite3"
    )
    if not repro.exists():
        pytest.skip("the review's folder is not on this machine")
    connection = sqlite3.connect(f"file:{repro}?mode=ro", uri=True)
    found = dict(connection.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'"))
    connection.close()
    assert (
        found["audit_log_no_delete"]
        == SQLITE_TAMPERS["review 18: delete trigger neutered by WHEN 0"][1]
    )
