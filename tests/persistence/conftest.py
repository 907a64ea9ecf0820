"""Databases for the persistence tests: a real SQLite file in tmp_path, and (when
MPS_PAIN_TEST_POSTGRES_URL is set, e.g. by .ci/postgres.sh) a fresh schema on a real PostgreSQL.

The SQLite file is a copy of one migrated, empty database made once per session (migrating a new
file for each test cost most of this folder's time); creating and migrating files is tested on
its own (``test_sqlite_file``, ``test_migrations``, ``test_records_hardening``)."""

from __future__ import annotations

import functools
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.conftest import records_copy

POSTGRES_ENV = "MPS_PAIN_TEST_POSTGRES_URL"
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def _postgres_schema_url() -> Iterator[str]:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set (run .ci/postgres.sh to start a local server)")
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture(scope="session")
def records_slot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one place of this worker's per-test records file. A closed file's engine is kept for
    the next opening of the same file (``persistence/idle_engines.py``), with the SQL it compiled:
    a new path per test compiled every statement again (~35 ms of CPU per test, more than the
    test itself). Each test still gets a fresh copy of the template there."""
    return tmp_path_factory.mktemp("records-slot")


def _sqlite_copy(template: Path, slot: Path) -> str:
    """A fresh copy of the session's migrated template (``migrated_sqlite``, tests/conftest.py)
    in ``slot``, whatever the previous test left there (its file, journal, WAL or modes)."""
    folder = slot / "records"
    if folder.exists():
        folder.chmod(0o700)
        shutil.rmtree(folder)
    folder.mkdir(mode=0o700)
    return records_copy(template, folder / "records.sqlite3")


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def database_url(
    request: pytest.FixtureRequest, records_slot: Path, migrated_sqlite: Path
) -> Iterator[str]:
    """Each back end in turn: the same tests run on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield _sqlite_copy(migrated_sqlite, records_slot)
    else:
        yield from _postgres_schema_url()


@pytest.fixture
def sqlite_url(records_slot: Path, migrated_sqlite: Path) -> str:
    return _sqlite_copy(migrated_sqlite, records_slot)


@pytest.fixture(scope="session")
def fresh_records(records_slot: Path, migrated_sqlite: Path) -> Callable[[], str]:
    """``fresh_records()``: the URL of a fresh copy of the empty records in this worker's slot,
    for a property to call in each example. A function-scoped database (``sqlite_url``,
    ``database``) is one for all of a property's examples: what one example imported was there
    for the next (docs/architecture.md, Tests)."""
    return functools.partial(_sqlite_copy, migrated_sqlite, records_slot)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database.open(database_url)
    yield db
    db.close()


@pytest.fixture
def service(database: Database) -> PatientService:
    return PatientService(database, user="tester")


@pytest.fixture
def two_instances(database_url: str) -> Iterator[tuple[PatientService, PatientService]]:
    """Two program instances on one database (each its own connection), as alice and bob."""
    first, second = Database.open(database_url), Database.open(database_url)
    yield PatientService(first, user="alice"), PatientService(second, user="bob")
    first.close()
    second.close()


@pytest.fixture
def patient(service: PatientService) -> str:
    service.create_patient(
        PatientInfo(identifier="P-001", display_name="Test patient", sex="female", birth_year=1990)
    )
    return "P-001"
