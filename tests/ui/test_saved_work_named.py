"""The saved plans list names each plan and check by what it asked and when (clinician review 5,
item 13: "Pharmacist check — DANGER: ABOVE…" named a check only by its verdict, never by the
morphine ER 150 mg q12h it checked). Real records file, real widgets, QTest keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from tests.conftest import records_copy
from ui.records import RecordsWindow
from ui.records.local_time import local_text

OXY = {"drug": "oxycodone", "route": "oral", "form": "er", "daily_dose": "20 mg/day"}
MORPHINE = {
    "drug": "morphine",
    "route": "oral",
    "form": "er",
    "dose": "100 mg",
    "frequency": "q12h",
}


@pytest.fixture
def service(tmp_path: Path, migrated_sqlite: Path) -> Iterator[PatientService]:
    database = Database.open(records_copy(migrated_sqlite, tmp_path / "records.sqlite3"))
    service = PatientService(database)
    service.create_patient(PatientInfo(identifier="MRN-0001"))
    check = {"from": {"items": [OXY]}, "proposed": {"items": [MORPHINE]}, "table": "uk-palliative"}
    service.save_plan(
        "MRN-0001",
        kind="check",
        title="Pharmacist check",
        inputs=check,
        outputs=check_proposal(check, tables=service.tables),
    )
    plan = {
        "from": {"items": [OXY]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
    }
    service.save_plan(
        "MRN-0001",
        kind="plan",
        title="Switch to fentanyl transdermal",
        inputs=plan,
        outputs=plan_rotation(plan, tables=service.tables),
    )
    yield service
    database.close()


def test_each_saved_line_says_what_was_asked_and_when(qtbot, service) -> None:
    records = RecordsWindow(service)
    qtbot.addWidget(records)
    records.show()
    records.reload_patients(select="MRN-0001")
    records.tabs.setCurrentWidget(records.plans)
    view = records.plans.list
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Home)
    saved = service.plans("MRN-0001")
    lines = []
    for plan in saved:
        lines.append(view.currentItem().text())
        assert local_text(plan.created_at) in lines[-1]  # when
        QTest.keyClick(view, Qt.Key.Key_Down)
    check_line, plan_line = (lines[[p.kind for p in saved].index(k)] for k in ("check", "plan"))
    # what was checked: the current order → the proposed one, then the verdict
    assert "oxycodone oral ER 20 mg/day → morphine oral ER 100 mg q12h" in check_line, check_line
    assert "DANGER" in check_line
    assert "oxycodone oral ER 20 mg/day → fentanyl transdermal patch" in plan_line, plan_line
