"""``mps-pain backup`` while another connection writes, and the ``patients`` commands."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.example_patients import EXAMPLE_IDS
from mps_pain.services.patient_service import PatientService
from mps_pain_cli.main import main
from tests.persistence.conftest import T0


def test_backup_is_a_consistent_copy_while_another_instance_writes(
    sqlite_url: str, tmp_path: Path
) -> None:
    writer_db = Database.open(sqlite_url)
    writer = PatientService(writer_db)
    writer.create_patient(PatientInfo(identifier="busy"))
    stop = threading.Event()

    def keep_writing() -> None:
        while not stop.is_set():
            writer.add_event("busy", kind="nrs", nrs=5, occurred_at=T0, title="NRS")

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        backups = [Database.open(sqlite_url).backup(tmp_path / f"b{i}.sqlite3") for i in range(3)]
    finally:
        stop.set()
        thread.join()
    writer_db.close()
    for copy in backups:
        assert copy.stat().st_mode & 0o077 == 0
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            events = conn.execute("SELECT count(*) FROM clinical_events").fetchone()[0]
            audits = conn.execute(
                "SELECT count(*) FROM audit_log WHERE entity = 'event'"
            ).fetchone()[0]
        assert events == audits  # every event with its audit entry: a transaction-consistent copy
        restored = Database.open(f"sqlite:///{copy}")
        assert PatientService(restored).get_patient("busy").version == events + 1
        restored.close()


def test_backup_refuses_to_overwrite(sqlite_url: str, tmp_path: Path) -> None:
    target = tmp_path / "exists.sqlite3"
    target.write_text("keep me")
    assert main(["backup", "--database", sqlite_url, str(target)]) == 2
    assert target.read_text() == "keep me"


def test_patients_commands_list_show_export_import(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--database", sqlite_url]
    assert main(["patients", "import", "--examples", *db]) == 0
    assert main(["patients", "list", "--json", *db]) == 0
    listed = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert sorted(p["info"]["identifier"] for p in listed) == sorted(EXAMPLE_IDS)
    assert main(["patients", "show", "takamatsu-2018-case-1", *db]) == 0
    shown = capsys.readouterr().out
    assert "day 21: 90" in shown and "[radiotherapy]" in shown and "IMRT" in shown
    out = tmp_path / "case1.json"
    assert main(["patients", "export", "takamatsu-2018-case-1", "-o", str(out), *db]) == 0
    assert main(["patients", "import", str(out), *db]) == 2  # already there: refused
    assert "already exists" in capsys.readouterr().err
    assert main(["patients", "import", str(out), "--as", "case1-copy", *db]) == 0
    broken = tmp_path / "broken.json"
    broken.write_text(out.read_text().replace('"nrs": null', '"nrs": "high"', 1))
    data = json.loads(out.read_text())
    data["regimen_versions"][0]["regimen"]["items"][0]["route"] = "by mouth"
    broken.write_text(json.dumps(data))
    assert main(["patients", "import", str(broken), "--as", "x", *db]) == 2
    assert "regimen_versions.0.regimen.items.0.route" in capsys.readouterr().err
    backup = tmp_path / "copy.sqlite3"
    assert main(["backup", *db, str(backup)]) == 0
    assert main(["patients", "list", "--database", f"sqlite:///{backup}"]) == 0
    assert "case1-copy" in capsys.readouterr().out
