"""Records, files and identifiers (issue 12, class 6): each test fails on the old code."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import sqlite3
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from mps_pain.errors import StorageError
from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.cli_runner import run_cli
from tests.persistence.conftest import T0


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- files -------------------------------------------------------------------------------------
def test_an_export_file_is_created_0600_whatever_the_umask_and_never_overwritten(
    sqlite_url: str, tmp_path: Path
) -> None:
    db = ["--database", sqlite_url]
    assert run_cli("patients", "import", "--examples", *db).returncode == 0
    out = tmp_path / "case.json"
    old_umask = os.umask(0)
    try:
        done = run_cli("patients", "export", "takamatsu-2018-case-1", "-o", str(out), *db)
    finally:
        os.umask(old_umask)
    assert done.returncode == 0 and _mode(out) == 0o600
    out.write_text("a letter kept here")
    again = run_cli("patients", "export", "takamatsu-2018-case-1", "-o", str(out), *db)
    assert again.returncode == 2 and "--force" in again.stderr
    assert out.read_text() == "a letter kept here"
    forced = run_cli("patients", "export", "takamatsu-2018-case-1", "-o", str(out), "--force", *db)
    assert forced.returncode == 0 and _mode(out) == 0o600
    assert json.loads(out.read_text())["patient"]["identifier"] == "takamatsu-2018-case-1"


def test_an_export_into_a_missing_or_unwritable_folder_is_a_one_line_refusal(
    sqlite_url: str, tmp_path: Path
) -> None:
    db = ["--database", sqlite_url]
    run_cli("patients", "import", "--examples", *db)
    done = run_cli("patients", "export", "takamatsu-2018-case-1", "-o", str(tmp_path / "no/x"), *db)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "cannot write" in done.stderr


def test_new_parent_folders_of_a_database_are_all_created_0700(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "c" / "records.sqlite3"
    old_umask = os.umask(0o022)
    try:
        Database.open(f"sqlite:///{target}").close()
    finally:
        os.umask(old_umask)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert _mode(folder) == 0o700, folder


def test_a_killed_backup_does_not_block_the_next_one(sqlite_url: str, tmp_path: Path) -> None:
    database = Database.open(sqlite_url)
    PatientService(database).create_patient(PatientInfo(identifier="p"))
    target = tmp_path / "backup.sqlite3"
    (tmp_path / "backup.sqlite3.partial").write_bytes(b"left by a backup killed half-way")
    assert database.backup(target) == target
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT identifier FROM patients").fetchall() == [("p",)]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".backup.sqlite3.")]
    database.close()


# --- damaged and read-only databases -----------------------------------------------------------
def test_opening_a_damaged_database_never_writes_to_it(sqlite_url: str, tmp_path: Path) -> None:
    database = Database.open(sqlite_url)
    PatientService(database).import_examples()
    path = Path(database.describe())
    database.close()
    with sqlite3.connect(path) as conn:  # as a copied or restored file would be: not WAL
        conn.execute("PRAGMA journal_mode = DELETE")
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 3, min(len(data), 4096 * 6)):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(StorageError, match="damaged"):
        Database.open(sqlite_url)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


@contextmanager
def _as_user_without_write_access(folder: Path) -> Iterator[None]:
    """Run the block as an account that may read but not write ``folder`` and its files
    (root ignores file modes, so a root test run drops to 'nobody' for the block)."""
    for path in (folder, *folder.iterdir()):
        os.chmod(path, 0o500 if path.is_dir() else 0o400)
    if os.geteuid() != 0:
        try:
            yield
        finally:
            os.chmod(folder, 0o700)
        return
    nobody = pwd.getpwnam("nobody")
    for path in (folder, *folder.iterdir()):
        os.chown(path, nobody.pw_uid, nobody.pw_gid)
    os.setegid(nobody.pw_gid)
    os.seteuid(nobody.pw_uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def _cached_for_older_tables(conn: sqlite3.Connection) -> None:
    """Every cache as the program wrote it for a table file that is no longer the current one
    (sealed: a cache whose seal does not match is an edit, which verify names)."""
    from mps_pain.persistence.unit_of_work import OmeCache, ome_cache_seal

    rows = conn.execute(
        "SELECT id, ome_mg_per_day, ome_error, ome_table_id, ome_document_sha256 "
        "FROM regimen_versions"
    ).fetchall()
    for version_id, ome, error, table_id, document in rows:
        cache = OmeCache(
            ome_mg_per_day=ome,
            error=error,
            table_id=table_id,
            table_sha256="older tables",
            document_sha256=document,
        )
        conn.execute(
            "UPDATE regimen_versions SET ome_table_sha256 = ?, ome_seal = ? WHERE id = ?",
            (cache.table_sha256, ome_cache_seal(cache), version_id),
        )


def test_a_read_only_database_can_be_listed_and_exported_but_not_changed() -> None:
    base = Path(tempfile.mkdtemp(prefix="mps-pain-readonly-"))  # reachable by 'nobody'
    os.chmod(base, 0o755)
    folder = base / "records"
    url = f"sqlite:///{folder / 'records.sqlite3'}"
    database = Database.open(url)
    PatientService(database).import_examples()
    database.close()
    with sqlite3.connect(folder / "records.sqlite3") as conn:  # as after a tables update:
        _cached_for_older_tables(conn)  # caches sealed for another table file
    with _as_user_without_write_access(folder):
        listed = run_cli("patients", "list", "--database", url)
        timeline = run_cli("patients", "show", "takamatsu-2018-case-1", "--database", url)
        shown = run_cli("patients", "export", "takamatsu-2018-case-1", "--database", url)
        readonly = Database.open(url)
        try:
            with pytest.raises(StorageError, match="read-only"):
                PatientService(readonly).add_event(
                    "takamatsu-2018-case-1", kind="note", occurred_at=T0, title="x"
                )
        finally:
            readonly.close()
    shutil.rmtree(base, ignore_errors=True)
    assert listed.returncode == 0, listed.stderr
    assert "takamatsu-2018-case-1" in listed.stdout
    assert timeline.returncode == 0 and "day 21: 90" in timeline.stdout, timeline.stderr
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["patient"]["identifier"] == "takamatsu-2018-case-1"


# --- database URLs -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://nurse:s3cret-pw@db.example:notaport/records",
        "postgresql+psycopg://nurse:s3cret-pw@[::1/records",
        "s3cret-pw is not a url",
        "postgresql+nosuchdriver://nurse:s3cret-pw@localhost/records",
        "postgresql+psycopg://nurse:s3cret-pw@127.0.0.1:1/records",
    ],
)
def test_no_message_shows_the_database_password(url: str) -> None:
    done = run_cli("patients", "list", "--database", url)
    assert done.returncode == 2, done.stderr
    assert "s3cret-pw" not in done.stdout + done.stderr
    assert done.stderr.count("\n") == 1


# --- PostgreSQL busy ----------------------------------------------------------------------------
@pytest.mark.postgres
def test_a_locked_record_on_postgresql_gives_busy_not_a_hang(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite's busy timeout is tested with its own locking")
    owner = Database.open(database_url)
    PatientService(owner).create_patient(PatientInfo(identifier="held"))
    hold = threading.Event()
    release = threading.Event()

    def hold_lock() -> None:
        with owner.engine.begin() as conn:
            conn.execute(sa.text("SELECT * FROM patients WHERE identifier = 'held' FOR UPDATE"))
            hold.set()
            release.wait(30)

    holder = threading.Thread(target=hold_lock)
    holder.start()
    hold.wait(10)
    impatient = Database.open(database_url, lock_timeout_s=0.3)
    try:
        with pytest.raises(StorageError, match="busy") as busy:
            PatientService(impatient).add_event("held", kind="note", occurred_at=T0, title="x")
        assert "not saved" in str(busy.value)
    finally:
        release.set()
        holder.join()
        impatient.close()
    assert PatientService(owner).events("held") == []
    owner.close()
