"""kill -9 a writer in the middle of saves, again and again: after each kill the database opens,
every committed record is intact and no record is half-written."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from tests.persistence.crash_writer import BATCH

WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = 15


def _run_and_kill(url: str, prefix: str, rng: random.Random) -> list[str]:
    """Start a writer, let it save for a random moment, SIGKILL it; the ids it acknowledged."""
    process = subprocess.Popen(
        [sys.executable, str(WRITER), url, prefix],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline().strip()
    assert first == "ready", process.stderr.read() if process.stderr else first
    time.sleep(rng.uniform(0.02, 0.5))
    os.kill(process.pid, signal.SIGKILL)
    out, _err = process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return [line.split()[1] for line in out.splitlines() if line.startswith("committed ")]


@pytest.mark.slow
def test_kill_9_in_a_loop_never_loses_or_half_writes_a_record(sqlite_url: str) -> None:
    rng = random.Random(20261123)
    acknowledged: list[str] = []
    for round_ in range(KILLS):
        acknowledged += _run_and_kill(sqlite_url, f"r{round_}", rng)
        database = Database.open(sqlite_url)  # opens after every kill (WAL recovered)
        try:
            service = PatientService(database)
            present = {p.info.identifier for p in service.list_patients()}
            assert set(acknowledged) <= present, "a committed record was lost"
            with database.reading() as session:
                rows = (
                    session.connection()
                    .exec_driver_sql(
                        "SELECT p.identifier, "
                        "(SELECT count(*) FROM regimen_versions v WHERE v.patient_id = p.id), "
                        "(SELECT count(*) FROM clinical_events e WHERE e.patient_id = p.id) "
                        "FROM patients p"
                    )
                    .all()
                )
            counts = {row[0]: (row[1], row[2]) for row in rows}
            for identifier, (versions, events) in counts.items():
                assert (versions, events) == (BATCH, BATCH), f"{identifier} is half-written"
            audited = {
                e.entity_key
                for identifier in present
                for e in service.audit_trail(identifier)
                if e.action == "import"
            }
            assert audited == present, "a record without its audit entry"
        finally:
            database.close()
    assert len(acknowledged) >= KILLS // 2, "the writer rarely got to commit: test too weak"
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # the last one, spot-checked in full
    database = Database.open(sqlite_url)
    try:
        timeline = PatientService(database).timeline(acknowledged[-1])
        assert [p.reason for p in timeline.points] == [f"step {i}" for i in range(BATCH)]
        assert all(p.ome_mg_per_day is not None for p in timeline.points)
    finally:
        database.close()
