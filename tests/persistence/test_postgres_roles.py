"""PostgreSQL two-role set-up: the owner migrates and runs `mps-pain db grant`; the application
role can do what the program does and nothing that would rewrite the audit trail."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from mps_pain.errors import StorageError
from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from mps_pain_cli.main import main
from tests.persistence.conftest import T0, _postgres_schema_url

APP_ENV = "MPS_PAIN_TEST_POSTGRES_APP_URL"
APP_ROLE = "mps_pain_test_app"

pytestmark = pytest.mark.postgres


@pytest.fixture
def owner_url() -> Iterator[str]:
    yield from _postgres_schema_url()


@pytest.fixture
def app_url(owner_url: str) -> str:
    app = os.environ.get(APP_ENV)
    if not app:
        pytest.skip(f"{APP_ENV} is not set (run .ci/postgres.sh)")
    return f"{app}?{owner_url.split('?', 1)[1]}"  # the same schema, as the application role


def test_the_application_role_works_but_cannot_rewrite_the_audit_trail(
    owner_url: str, app_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    Database.open(owner_url).close()  # the owner creates and migrates the schema
    assert main(["db", "grant", APP_ROLE, "--database", owner_url]) == 0
    assert APP_ROLE in capsys.readouterr().out
    app = Database.open(app_url)
    try:
        service = PatientService(app, user="nurse")
        service.create_patient(PatientInfo(identifier="p"))
        regimen = {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "30 mg/day"}]}
        service.add_regimen_version("p", regimen, effective_from=T0, reason="start")
        service.add_event("p", kind="nrs", nrs=5, occurred_at=T0, title="NRS")
        assert service.timeline("p", table_id="cdc-2022").points[0].ome_mg_per_day == 30
        service.timeline("p")  # may rewrite the OME cache columns
        for statement in (
            "TRUNCATE audit_log",
            "DELETE FROM audit_log",
            "UPDATE audit_log SET os_user = 'mallory'",
            "ALTER TABLE audit_log DISABLE TRIGGER USER",
            "DROP TRIGGER audit_log_append_only ON audit_log",
            "UPDATE regimen_versions SET document_json = '{}'",
            "DELETE FROM patients",
        ):
            with pytest.raises(StorageError) as refused, app.writing() as session:
                session.execute(sa.text(statement))
            detail = str(refused.value)
            assert "permission denied" in detail or "must be owner" in detail, statement
        with app.writing() as session:  # practice progress is the app's too (append only)
            session.execute(sa.text("INSERT INTO learners (name, created_at) VALUES ('l', now())"))
            assert session.execute(sa.text("SELECT count(*) FROM learners")).scalar_one() == 1
        assert [e.action for e in service.audit_trail("p")] == ["create", "add", "add"]
        assert service.verify().intact
    finally:
        app.close()


def test_the_application_role_cannot_upgrade_the_schema_and_says_so(
    owner_url: str, app_url: str
) -> None:
    with pytest.raises(StorageError):
        Database.open(app_url)  # an empty schema: creating tables is the owner's job


def test_db_grant_refuses_sqlite_and_odd_role_names(
    sqlite_url: str, owner_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "grant", APP_ROLE, "--database", sqlite_url]) == 2
    assert main(["db", "grant", "x; DROP TABLE patients", "--database", owner_url]) == 2
    assert main(["db", "grant", "no_such_role_here", "--database", owner_url]) == 2
    err = capsys.readouterr().err
    assert "SQLite" in err and "not a plain PostgreSQL role" in err and "no PostgreSQL role" in err
