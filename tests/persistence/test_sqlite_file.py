"""The SQLite file: WAL, owner-only permissions, default location, no network traffic."""

from __future__ import annotations

import socket
import stat
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mps_pain.persistence.database import DATABASE_URL_ENV, Database, default_database_path
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.persistence.conftest import T0


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_database_lives_in_the_user_data_folder_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    database = Database.open()
    try:
        path = default_database_path()
        assert path.is_relative_to(tmp_path / "xdg")
        assert database.describe() == str(path)
        PatientService(database).create_patient(PatientInfo(identifier="x"))
        assert _mode(path.parent) == 0o700
        for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert file.exists() and _mode(file) == 0o600, file
    finally:
        database.close()


def test_the_environment_variable_selects_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "team" / "shared.sqlite3"
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{target}")
    database = Database.open()
    database.close()
    assert target.exists() and _mode(target.parent) == 0o700


def test_sqlite_runs_in_wal_mode_with_full_sync_and_foreign_keys(sqlite_url: str) -> None:
    database = Database.open(sqlite_url)
    try:
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        database.close()


def test_a_failed_save_leaves_nothing_behind(sqlite_url: str) -> None:
    database = Database.open(sqlite_url)
    service = PatientService(database)
    service.create_patient(PatientInfo(identifier="p"))
    with pytest.raises(RuntimeError), database.writing() as session:
        session.execute(sa.text("UPDATE patients SET note = 'half' WHERE identifier = 'p'"))
        raise RuntimeError("crash in the middle of a save")
    assert service.get_patient("p").info.note is None
    database.close()


def test_no_network_connection_is_made_with_the_local_database(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("network use is not allowed in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    database = Database.open(sqlite_url)
    service = PatientService(database)
    service.import_examples()
    service.add_event("takamatsu-2018-case-1", kind="nrs", nrs=3, occurred_at=T0, title="NRS")
    service.timeline("takamatsu-2018-case-1")
    document = service.export_patient("takamatsu-2018-case-1")
    service.import_patient(document, as_identifier="copy")
    database.backup(tmp_path / "backup.sqlite3")
    database.close()
    assert attempts == []
