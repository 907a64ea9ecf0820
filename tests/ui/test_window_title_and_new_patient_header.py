"""Names on the workstation (clinician review 3, item 6): the window title names the app once (the
platform adds the application's name), and after a conversion is saved to a new patient the
Patient field names them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.test_converter import (
    _SAVE,
    _convert_oxycodone_60_to_a_patch,
    _Keyboard,
    _launch,
    _stored,
)
from ui.records.choose_patient import ChoosePatientDialog
from ui.theme import ERROR_TEXT_STYLE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support")


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
