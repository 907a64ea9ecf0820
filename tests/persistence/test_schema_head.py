"""The schema check reads the database's revision without Alembic (its import, with mako and
pygments, was ~1.3 s of the app's CPU after the first MME: ui-fix11, brief item 2); so the newest
revision is written down once, ``SCHEMA_HEAD``, and checked here against the migration scripts,
so that a new migration cannot forget it."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from mps_pain.errors import StorageError
from mps_pain.persistence.database import MIGRATIONS_DIR, SCHEMA_HEAD, Database
from mps_pain.services.patient_service import PatientService
from tests.conftest import records_copy


def test_schema_head_is_the_head_of_the_migration_scripts() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_heads() == [SCHEMA_HEAD]


def test_opening_an_up_to_date_database_needs_no_alembic(
    tmp_path: Path, migrated_sqlite: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = records_copy(migrated_sqlite, tmp_path / "records.sqlite3")
    for name in [m for m in sys.modules if m == "alembic" or m.startswith("alembic.")]:
        monkeypatch.setitem(sys.modules, name, None)  # importing any of it now fails
    monkeypatch.setitem(sys.modules, "alembic", None)
    database = Database.open(url)
    try:
        assert database.schema_revision() == SCHEMA_HEAD
        assert PatientService(database).patient_listing().patients == ()
    finally:
        database.close()
    with pytest.raises(ImportError):  # (the check above could fail)
        __import__("alembic.command")


def test_a_database_recording_two_schema_versions_is_refused_unchanged(
    tmp_path: Path, migrated_sqlite: Path
) -> None:
    url = records_copy(migrated_sqlite, tmp_path / "records.sqlite3")
    path = tmp_path / "records.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO alembic_version (version_num) VALUES ('0007')")
    with pytest.raises(StorageError, match="2 schema versions"):
        Database.open(url)
    with sqlite3.connect(path) as conn:
        rows = sorted(r[0] for r in conn.execute("SELECT version_num FROM alembic_version"))
    assert rows == ["0007", SCHEMA_HEAD]
