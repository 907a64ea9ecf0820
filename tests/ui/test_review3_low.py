"""Clinician review 3, leftover wording of the records (item 5) and the low items (item 6).

- the version diff read "Title" and "Patient: Patient", and signalled a change by colour only;
- the records header read "NEW-001 —    (…)" with no name; the audit said "Recorded: here";
- the saved-plan viewer left the focus in its text, not on Close;
- the window title said "MPS Pain" twice (the platform adds the application's name);
- after saving from the converter to a new patient, the Patient field stayed empty;
- the save dialog gave no hint for a new patient's ID and a red "press Enter again".
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.conftest import records_copy
from tests.ui.test_converter import (
    _SAVE,
    _convert_oxycodone_60_to_a_patch,
    _Keyboard,
    _launch,
    _stored,
)
from ui.error_words import path_words
from ui.records.choose_patient import ChoosePatientDialog
from ui.records.plans_view import PlanDialog
from ui.records.records_window import RecordsWindow
from ui.theme import ERROR_TEXT_STYLE

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


def test_the_window_title_names_the_app_once(case_window) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.applicationDisplayName()
    app.setApplicationDisplayName("MPS Pain")  # as ui/app.py does; the platform appends it
    try:
        shown = f"{case_window.windowTitle()} — {app.applicationDisplayName()}"
        assert shown.count("MPS Pain") == 1, shown
    finally:
        app.setApplicationDisplayName(before)


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support")
def test_a_conversion_saved_to_a_new_patient_names_them_in_the_header(
    qtbot, fresh_settings, tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keyboard only, as the review's timed task: the chooser hints at a new ID, asks calmly
    for the second Enter, and the Patient field then shows the patient saved to."""
    url = f"sqlite:///{tmp_path / 'records.sqlite3'}"
    monkeypatch.setenv("MPS_PAIN_DATABASE_URL", url)
    window = _launch(qtbot, fresh_settings, tables)
    keys = _Keyboard()
    _convert_oxycodone_60_to_a_patch(window, keys)
    seen: list[str] = []

    def new_identifier(dialog: QWidget) -> None:
        assert isinstance(dialog, ChoosePatientDialog)
        texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.error)))
        seen.append("hint" if "A new patient: type their ID" in texts else "no hint")
        seen.append(dialog.filter.placeholderText())
        keys.type("NEW-001")
        keys.press(Qt.Key.Key_Return)
        seen.append(dialog.error.text())
        seen.append("red" if dialog.error.styleSheet() == ERROR_TEXT_STYLE else "calm")
        keys.press(Qt.Key.Key_Return)

    keys.in_next_dialog(ChoosePatientDialog, new_identifier, seen)
    keys.press(*_SAVE)
    assert seen[:3] == ["Find patient", "hint", "find the patient, or a new ID"], seen
    assert "press Enter again to create a new patient record “NEW-001”" in seen[3]
    assert seen[4] == "calm" and len(seen) == 5, seen
    header = window.patient_header.field_widget("identifier")
    assert header.text() == "NEW-001"  # the Patient field names the patient saved to
    versions, plans = _stored(url, "NEW-001")
    # the converter's question is stored in its plan, never as a regimen version (review 4 D2)
    assert versions == [] and [p.kind for p in plans] == ["plan"]
