"""Benchmark: open a patient with 5 years of daily regimen versions and events, to a drawn timeline.

    python benchmarks/timeline_open.py [--days 1826] [--repeat 7]

Builds a temporary SQLite records file (not timed): one patient, a regimen version every day for
five years (OME cached at save, as the app does), a pain score every day, a radiotherapy course
and a chemotherapy cycle every quarter, and one audit entry per change. Then times, offscreen:

- warm: ``RecordsWindow.select_patient`` (service reads the timeline, plans and audit trail; the
  window fills its tables and the chart) until the chart has been painted (``repaint``);
- cold: the same, starting from opening the database and building the service and window.

Target: warm ≤ 200 ms on the project's machine. Prints the median and the worst run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientRecordDocument
from mps_pain.services.patient_service import PatientService
from ui.records import RecordsWindow

PATIENT = "benchmark-5-years"
T0 = datetime(2021, 1, 1, 8, 0, tzinfo=UTC)


def _document(days: int) -> PatientRecordDocument:
    now = datetime.now(UTC)
    versions, events, audit = [], [], []
    for day in range(days):
        when = T0 + timedelta(days=day)
        daily = 20 + (day // 30) * 5 + (day % 7)
        versions.append(
            {
                "effective_from": when,
                "reason": f"daily review {day}",
                "created_at": when,
                "created_by": "bench",
                "regimen": {
                    "items": [
                        {
                            "drug": "oxycodone",
                            "route": "oral",
                            "form": "ER",
                            "daily_dose": f"{daily} mg/day",
                        },
                        {
                            "drug": "oxycodone",
                            "route": "oral",
                            "form": "IR",
                            "prn": True,
                            "dose": "5 mg",
                            "doses_per_day": day % 4,
                        },
                        {"drug": "pregabalin", "route": "oral", "daily_dose": "150 mg/day"},
                    ]
                },
            }
        )
        events.append(
            {
                "kind": "nrs",
                "nrs": day % 11,
                "occurred_at": when + timedelta(hours=4),
                "title": "NRS",
                "created_at": when,
                "created_by": "bench",
            }
        )
        if day % 91 == 0:
            events.append(
                {
                    "kind": "radiotherapy",
                    "occurred_at": when,
                    "ends_at": when + timedelta(days=14),
                    "title": "EBRT 30 Gy/10",
                    "created_at": when,
                    "created_by": "bench",
                }
            )
            events.append(
                {
                    "kind": "chemotherapy",
                    "occurred_at": when + timedelta(days=40),
                    "title": "cycle",
                    "created_at": when,
                    "created_by": "bench",
                }
            )
        for entity in ("regimen_version", "event"):
            audit.append(
                {
                    "occurred_at": when,
                    "os_user": "bench",
                    "app_version": "0.1.0",
                    "action": "add",
                    "entity": entity,
                    "entity_key": PATIENT,
                }
            )
    return PatientRecordDocument.model_validate(
        {
            "exported_at": now,
            "app_version": "0.1.0",
            "patient": {"identifier": PATIENT, "display_name": "Five years, daily"},
            "regimen_versions": versions,
            "events": events,
            "audit": audit,
        }
    )


def _open(window: RecordsWindow) -> float:
    start = time.perf_counter()
    window.select_patient(PATIENT)
    window.chart.repaint()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=1826)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'records.sqlite3'}"
        build = time.perf_counter()
        setup_db = Database.open(url)
        setup = PatientService(setup_db)
        setup.import_patient(_document(args.days))
        setup_db.close()
        print(
            f"setup: {args.days} daily regimen versions, built in "
            f"{time.perf_counter() - build:.1f} s (not timed)"
        )

        cold_start = time.perf_counter()
        database = Database.open(url)
        service = PatientService(database)
        window = RecordsWindow(service)
        window.resize(1100, 760)
        window.show()
        app.processEvents()
        window.select_patient(PATIENT)
        window.chart.repaint()
        cold = (time.perf_counter() - cold_start) * 1000
        timeline = window.timeline
        assert timeline is not None and len(timeline.points) == args.days
        assert all(p.ome_mg_per_day is not None for p in timeline.points)

        warm = [_open(window) for _ in range(args.repeat)]
        median = statistics.median(warm)
        print(f"timeline: {len(timeline.points)} regimen versions, {len(timeline.events)} events")
        print(
            f"open patient → drawn timeline (warm): median {median:.0f} ms, "
            f"worst {max(warm):.0f} ms over {args.repeat} runs (target ≤ 200 ms)"
        )
        print(f"cold (open database, build window, open patient, draw): {cold:.0f} ms")
        window.close()
        database.close()
    print("PASS" if median <= 200 else "OVER TARGET")


if __name__ == "__main__":
    main()
