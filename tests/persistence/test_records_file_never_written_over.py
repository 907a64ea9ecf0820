"""No command writes over the records database or its working files, whatever --force says
(fuzz review 17, D2: ``patients export -o <the database> --force`` exited 0 and replaced every
patient, version, event and the audit trail with one patient's JSON)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from tests.cli_runner import run_cli

COMPANIONS = ("", "-wal", "-shm", "-journal")


def _database_file(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _one_patient(url: str) -> None:
    assert run_cli("patients", "import", "--examples", "--database", url).returncode == 0


def _patients(url: str) -> list[str]:
    database = Database.open(url, create=False)
    try:
        return [p.info.identifier for p in PatientService(database).patient_listing().patients]
    finally:
        database.close()


@pytest.mark.parametrize("suffix", COMPANIONS)
@pytest.mark.parametrize("force", [True, False])
def test_export_never_writes_over_the_records_files(
    sqlite_url: str, suffix: str, force: bool
) -> None:
    _one_patient(sqlite_url)
    before = _patients(sqlite_url)
    target = f"{_database_file(sqlite_url)}{suffix}"
    flags = ["--force"] if force else []
    run = run_cli("patients", "export", before[0], "--database", sqlite_url, "-o", target, *flags)
    assert run.returncode == 2, run.stderr
    assert "records database" in run.stderr and "nothing was written" in run.stderr
    assert "--force" not in run.stderr  # --force cannot make it right: not offered
    assert len(run.stderr.strip().splitlines()) == 1
    assert _patients(sqlite_url) == before
    assert run_cli("patients", "verify", "--database", sqlite_url).returncode == 0


def test_export_refuses_the_database_by_another_name(sqlite_url: str, tmp_path: Path) -> None:
    """A relative path, a symbolic link and a hard link name the same file."""
    _one_patient(sqlite_url)
    before = _patients(sqlite_url)
    file = _database_file(sqlite_url)
    link = tmp_path / "link.sqlite3"
    link.symlink_to(file)
    hard = tmp_path / "hard.sqlite3"
    os.link(file, hard)
    relative = os.path.relpath(file)
    for name in (str(link), str(hard), relative):
        run = run_cli(
            "patients", "export", before[0], "--database", sqlite_url, "-o", name, "--force"
        )
        assert run.returncode == 2, (name, run.stderr)
        assert "records database" in run.stderr
    assert _patients(sqlite_url) == before


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_backup_never_writes_a_records_working_file(sqlite_url: str, suffix: str) -> None:
    """A backup named like the database's journal would be read as its journal."""
    file = _database_file(sqlite_url)
    target = Path(f"{file}{suffix}")
    target.unlink(missing_ok=True)
    run = run_cli("backup", "--database", sqlite_url, str(target))
    assert run.returncode == 2, run.stderr
    assert "records database" in run.stderr
    if suffix == "-journal":
        assert not target.exists()
    assert run_cli("patients", "verify", "--database", sqlite_url).returncode == 0


def test_export_elsewhere_with_force_still_replaces(sqlite_url: str, tmp_path: Path) -> None:
    _one_patient(sqlite_url)
    identifier = _patients(sqlite_url)[0]
    target = tmp_path / "out.json"
    target.write_text("old")
    run = run_cli(
        "patients", "export", identifier, "--database", sqlite_url, "-o", str(target), "--force"
    )
    assert run.returncode == 0, run.stderr
    assert target.read_text().startswith("{")


@pytest.mark.parametrize("suffix", COMPANIONS)
def test_export_never_writes_over_another_records_database(
    sqlite_url: str, tmp_path: Path, suffix: str
) -> None:
    """Fuzz re-check 17b, N2: `patients export -o <another records database> --force` replaced
    it (the app's default records file, say): the guard knew only the database the command
    opened. No SQLite database, nor a working file beside one, is written over."""
    _one_patient(sqlite_url)
    other_url = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    _one_patient(other_url)
    before = _patients(other_url)
    target = f"{_database_file(other_url)}{suffix}"
    if suffix:
        Path(target).write_bytes(b"working file")
    kept = Path(target).read_bytes()
    identifier = _patients(sqlite_url)[0]
    run = run_cli(
        "patients", "export", identifier, "--database", sqlite_url, "-o", target, "--force"
    )
    assert run.returncode == 2, run.stderr
    assert "database file" in run.stderr and "nothing was written" in run.stderr
    assert Path(target).read_bytes() == kept
    assert _patients(other_url) == before
