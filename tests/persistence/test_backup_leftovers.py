"""Fuzz review 19, D7: a `kill -9` during `backup` left a hidden `.NAME.XXXXXXXX.partial` copy
of the records (0600) and its `-journal`, which nothing removed; a later backup succeeded beside
them. The next backup into the folder removes every temporary copy of its own naming that no
running backup holds, and leaves a held one, and every other name, alone."""

from __future__ import annotations

import fcntl
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from mps_pain.persistence.backup_leftovers import remove_stale_partials
from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.cli_runner import REPO


def _left(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(b"SQLite format 3\x00 left by a backup killed half-way")
    path.chmod(0o600)
    return path


def test_the_next_backup_removes_what_a_killed_one_left(sqlite_url: str, tmp_path: Path) -> None:
    database = Database.open(sqlite_url)
    PatientService(database).create_patient(PatientInfo(identifier="p"))
    stale = _left(tmp_path, ".kbb1.sqlite3.srba7uc1.partial")
    journal = _left(tmp_path, ".kbb1.sqlite3.srba7uc1.partial-journal")
    orphan_journal = _left(tmp_path, ".kbb2.sqlite3.abcd_123.partial-journal")
    others = [_left(tmp_path, n) for n in ("backup.sqlite3.partial", ".notes.partial", "x.partial")]
    target = database.backup(tmp_path / "next.sqlite3")
    database.close()
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT identifier FROM patients").fetchall() == [("p",)]
    assert not stale.exists() and not journal.exists() and not orphan_journal.exists()
    assert all(p.exists() for p in others)  # not of the backup's naming: never touched


def test_a_copy_a_running_backup_holds_is_left(tmp_path: Path) -> None:
    held = _left(tmp_path, ".bk.sqlite3.q1w2e3r4.partial")
    journal = _left(tmp_path, ".bk.sqlite3.q1w2e3r4.partial-journal")
    fd = os.open(held, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert remove_stale_partials(tmp_path) == ()
        assert held.exists() and journal.exists()
    finally:
        os.close(fd)
    assert set(remove_stale_partials(tmp_path)) == {held, journal}


def test_a_backup_killed_while_copying_is_cleaned_by_the_next(
    sqlite_url: str, tmp_path: Path
) -> None:
    """The real process: held while it writes, removed once it is dead."""
    database = Database.open(sqlite_url)
    PatientService(database).create_patient(PatientInfo(identifier="p"))
    source = Path(database.describe())
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "import mps_pain.persistence.sqlite_backup as b\n"
        "def slow(source, partial):\n"
        "    print('copying', flush=True); time.sleep(60)\n"
        "b._copy = slow\n"
        "b.backup_sqlite(Path(sys.argv[1]), Path(sys.argv[2]))\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(source), str(tmp_path / "killed.sqlite3")],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "copying"
        left = [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
        assert len(left) == 1
        assert remove_stale_partials(tmp_path) == ()  # held by the running backup
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    deadline = time.monotonic() + 10
    while remove_stale_partials(tmp_path) == () and left[0].exists():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert not left[0].exists()
    database.close()
