"""Who may create the records database, and with which mode (outside fuzz review 5, R2).

`patients list --database sqlite:///EMPTY` turned an existing empty file (0644, umask 022) into a
records database and kept its mode: the next import stored patients world-readable. And a command
that only reads created missing databases and folders. Now only a command that writes creates a
database (file 0600, new folders 0700), a command that reads refuses naming the path, and an
existing file that mps-pain did not make is never adopted (docs/records.md, "Where the database
lives")."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from mps_pain.errors import StorageError
from mps_pain.persistence.database import Database
from tests.cli_runner import run_cli

READING = [
    ("patients", "list"),
    ("patients", "list", "--json"),
    ("patients", "show", "p"),
    ("patients", "export", "p"),
    ("patients", "verify"),
]


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The reviewer's umask: new files 0644 unless the program says otherwise."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _empty_file(path: Path, mode: int) -> Path:
    path.write_bytes(b"")
    os.chmod(path, mode)
    return path


@pytest.mark.parametrize("command", READING, ids=lambda c: " ".join(c[1:]))
def test_a_command_that_reads_never_creates_a_database_or_its_folders(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    target = tmp_path / "new" / "deeper" / "records.sqlite3"
    done = run_cli(*command, "--database", f"sqlite:///{target}")
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1
    assert str(target) in done.stderr and "nothing was created" in done.stderr
    assert not (tmp_path / "new").exists()


def test_backup_of_a_missing_database_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "records.sqlite3"
    done = run_cli("backup", str(tmp_path / "copy"), "--database", f"sqlite:///{target}")
    assert done.returncode == 2 and "nothing was created" in done.stderr
    assert sorted(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", READING, ids=lambda c: " ".join(c[1:]))
def test_a_command_that_reads_refuses_an_existing_empty_file(
    tmp_path: Path, command: tuple[str, ...], umask_022: None
) -> None:
    empty = _empty_file(tmp_path / "r.sqlite3", 0o644)
    done = run_cli(*command, "--database", f"sqlite:///{empty}")
    assert done.returncode == 2 and str(empty) in done.stderr, done.stderr
    assert "empty file" in done.stderr
    assert empty.read_bytes() == b"" and _mode(empty) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["r.sqlite3"]


def test_the_reviewers_empty_0644_file_is_not_turned_into_a_records_database(
    tmp_path: Path, umask_022: None
) -> None:
    empty = _empty_file(tmp_path / "r.sqlite3", 0o644)
    url = f"sqlite:///{empty}"
    assert run_cli("patients", "list", "--database", url).returncode == 2
    done = run_cli("patients", "import", "--examples", "--database", url)
    assert done.returncode == 2 and "mode 0644" in done.stderr and str(empty) in done.stderr
    assert empty.read_bytes() == b"" and _mode(empty) == 0o644  # nothing written, not adopted
    assert [p.name for p in tmp_path.iterdir()] == ["r.sqlite3"]


def test_an_empty_owner_only_file_is_adopted_and_stays_0600(
    tmp_path: Path, umask_022: None
) -> None:
    """What an interrupted first open leaves behind (the file is created 0600 before SQLite
    opens it): a command that writes carries on."""
    empty = _empty_file(tmp_path / "r.sqlite3", 0o600)
    done = run_cli("patients", "import", "--examples", "--database", f"sqlite:///{empty}")
    assert done.returncode == 0, done.stderr
    for path in tmp_path.iterdir():  # the database and any -wal / -shm file next to it
        assert _mode(path) == 0o600, path


def test_a_database_created_by_a_command_that_writes_is_0600_in_0700_folders(
    tmp_path: Path, umask_022: None
) -> None:
    target = tmp_path / "a" / "b" / "records.sqlite3"
    database = Database.open(f"sqlite:///{target}")  # the app's save path creates it too
    try:
        assert {_mode(p) for p in target.parent.iterdir()} == {0o600}  # with -wal and -shm
    finally:
        database.close()
    assert _mode(target) == 0o600
    assert _mode(tmp_path / "a") == 0o700 and _mode(tmp_path / "a" / "b") == 0o700
    done = run_cli("patients", "list", "--database", f"sqlite:///{target}")
    assert done.returncode == 0 and "No patients" in done.stdout


def test_an_sqlite_file_of_another_program_is_not_adopted(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table notes (body text)")
    os.chmod(other, 0o600)
    before = other.read_bytes()
    for create in (True, False):
        with pytest.raises(StorageError, match="another program"):
            Database.open(f"sqlite:///{other}", create=create)
    assert other.read_bytes() == before


@pytest.mark.parametrize("command", READING, ids=lambda c: " ".join(c[1:]))
def test_an_empty_owner_only_file_is_explained_to_a_command_that_reads(
    tmp_path: Path, command: tuple[str, ...], umask_022: None
) -> None:
    """Fuzz review 7, 5: a kill -9 during the first import left a 0-byte 0600 file; a reading
    command said only "is an empty file". It says what it is and how to carry on."""
    empty = _empty_file(tmp_path / "r.sqlite3", 0o600)
    done = run_cli(*command, "--database", f"sqlite:///{empty}")
    assert done.returncode == 2 and str(empty) in done.stderr
    assert "interrupted" in done.stderr and "patients import" in done.stderr
    assert done.stderr.count("\n") == 1
    assert empty.read_bytes() == b"" and _mode(empty) == 0o600
