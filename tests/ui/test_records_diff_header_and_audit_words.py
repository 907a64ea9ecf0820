"""The records window's words (clinician review 3, items 5 and 6): the version diff names the fields
as the screen does and says each change in words (not by colour only), a record without a name
has no dangling dash in its header, the audit says where each entry was recorded, and a saved
plan opens with the focus on Close."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.conftest import records_copy
from ui.error_words import path_words
from ui.records.plans_view import PlanDialog
from ui.records.records_window import RecordsWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support")


@pytest.fixture
def service(tmp_path: Path, migrated_sqlite: Path) -> Iterator[PatientService]:
    database = Database.open(records_copy(migrated_sqlite, tmp_path / "records.sqlite3"))
    yield PatientService(database)
    database.close()


def _two_versions(service: PatientService) -> str:
    """NEW-001, no name: a first version without a patient name, a second one with it."""
    service.create_patient(PatientInfo(identifier="NEW-001"))
    item = {"drug": "oxycodone", "route": "oral", "daily_dose": "60 mg/day"}
    first = RegimenDocument.model_validate({"items": [item]})
    second = RegimenDocument.model_validate(
        {"items": [item], "title": "NEW-001", "patient": {"identifier": "NEW-001"}}
    )
    for number, document in enumerate((first, second)):
        version = service.get_patient("NEW-001").version
        service.add_regimen_version(
            "NEW-001",
            document,
            effective_from=datetime(2026, 12, 2, 7, number, tzinfo=UTC),
            reason="saved",
            expected_version=version,
        )
    return "NEW-001"


def _records(qtbot: QtBot, service: PatientService, identifier: str) -> RecordsWindow:
    window = RecordsWindow(service)
    qtbot.addWidget(window)
    window.reload_patients(select=identifier)
    window.show()
    return window


def test_the_diff_names_the_fields_as_the_screen_does_and_says_each_change(
    qtbot: QtBot, service: PatientService
) -> None:
    window = _records(qtbot, service, _two_versions(service))
    window.versions.compare(0, 1)
    diff = window.versions.diff_model
    rows = {diff.text(r, 1): diff.text(r, 0) for r in range(diff.rowCount())}
    assert rows == {"Regimen title (printed)": "+ added", "Patient (name or ID)": "+ added"}
    assert path_words("patient.egfr") == "Patient: eGFR"
    assert diff.headerData(0, Qt.Orientation.Horizontal) == "Change"


def test_the_header_of_a_record_without_a_name_has_no_dangling_dash(
    qtbot: QtBot, service: PatientService
) -> None:
    window = _records(qtbot, service, _two_versions(service))
    header = window.header.text()
    assert header.startswith("NEW-001   (record saved 3 times, last ")
    assert " — " not in header and "record version" not in header


def test_the_audit_says_where_each_entry_was_recorded(
    qtbot: QtBot, service: PatientService
) -> None:
    window = _records(qtbot, service, _two_versions(service))
    window.tabs.setCurrentWidget(window.audit)
    model = window.audit_model
    last = model.columnCount() - 1
    assert model.headerData(last, Qt.Orientation.Horizontal) == "Where recorded"
    assert {model.text(r, last) for r in range(model.rowCount())} == {"in this database"}


def test_a_saved_plan_opens_with_the_focus_on_close(qtbot: QtBot, service: PatientService) -> None:
    identifier = _two_versions(service)
    ref = service.tables.ref("uk-palliative")
    service.save_plan(
        identifier,
        kind="plan",
        title="oxycodone to morphine",
        inputs={"to": "morphine"},
        outputs={"table": ref.model_dump(mode="json")},
    )
    plan = service.plans(identifier)[0]
    dialog = PlanDialog(plan, service.tables.sha256)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    QApplication.processEvents()
    assert QApplication.focusWidget() is dialog.close_button
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Return)
    assert not dialog.isVisible()
