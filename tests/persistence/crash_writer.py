"""Writer process for the crash-loop test: imports patients, one transaction each, forever.

Each patient carries BATCH regimen versions and BATCH events, so one save writes many rows. After
each commit it prints ``committed <identifier>`` (flushed): whatever it printed was committed.
Usage: python crash_writer.py URL PREFIX
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientRecordDocument
from mps_pain.services.patient_service import PatientService

BATCH = 40
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def document(identifier: str) -> PatientRecordDocument:
    now = datetime.now(UTC)
    return PatientRecordDocument.model_validate(
        {
            "exported_at": now,
            "app_version": "test",
            "patient": {"identifier": identifier},
            "regimen_versions": [
                {
                    "effective_from": T0 + timedelta(days=i),
                    "reason": f"step {i}",
                    "created_at": now,
                    "created_by": "crash",
                    "regimen": {
                        "items": [
                            {"drug": "morphine", "route": "oral", "daily_dose": f"{10 + i} mg/day"}
                        ]
                    },
                }
                for i in range(BATCH)
            ],
            "events": [
                {
                    "kind": "nrs",
                    "nrs": i % 11,
                    "occurred_at": T0 + timedelta(days=i),
                    "title": f"e{i}",
                    "created_at": now,
                    "created_by": "crash",
                }
                for i in range(BATCH)
            ],
        }
    )


def main() -> None:
    url, prefix = sys.argv[1], sys.argv[2]
    service = PatientService(Database.open(url))
    service.tables  # noqa: B018 - load the tables before saving starts
    print("ready", flush=True)
    i = 0
    while True:
        identifier = f"{prefix}-{i}"
        service.import_patient(document(identifier))
        print(f"committed {identifier}", flush=True)
        i += 1


if __name__ == "__main__":
    main()
