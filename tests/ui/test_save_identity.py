"""Saving to a patient's record never mixes two patients' identities (second clinician review,
H2), the save dialog creates a patient in one step (M5), and an opened patient names the window.
Real widgets offscreen, QTest keystrokes, a real SQLite file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.ui.record_dialogs import (
    answer_modals,
    close_chooser,
    press_button,
    press_save_to_record,
    type_in_chooser,
)
from ui.examples import examples_dir

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
KODAMA = examples_dir() / "kodama-2024-case-1" / "step-1-oxycodone-up-to-100mg.yaml"


@pytest.fixture
def service(records_service: PatientService) -> PatientService:
    """The app's records (tests/ui/conftest.py) with this file's patient: PT001 "Test Patient"."""
    records_service.create_patient(PatientInfo(identifier="PT001", display_name="Test Patient"))
    return records_service


def test_saving_an_other_patients_regimen_asks_and_never_mixes_identities(
    make_window, tables, service
) -> None:
    window = make_window(tables, KODAMA)
    assert window.session.state.document.patient.identifier == "Kodama 2024 case 1"
    before_items = window.session.state.document.items
    seen: list[str] = []
    # Cancel at the question: nothing stored, the chooser says why and stays open
    answer_modals([type_in_chooser("PT001"), press_button("Cancel"), close_chooser(seen)], seen)
    press_save_to_record(window)
    assert service.regimen_versions("PT001") == []
    question = seen[0]
    assert "Kodama 2024 case 1" in question and "46" in question
    assert "PT001" in question and "Test Patient" in question
    assert "not saved" in seen[1].lower() and "PT001" in seen[1]
    # Save under the record's identity: the record's patient, not the example's
    seen.clear()
    answer_modals([type_in_chooser("PT001"), press_button("Save under PT001")], seen)
    press_save_to_record(window)
    assert seen and seen[0].startswith("question: ")
    (version,) = service.regimen_versions("PT001")
    assert version.regimen.patient.identifier == "Test Patient"
    assert version.regimen.patient.age is None  # the example's 46 is not PT001's age
    assert "Kodama" not in (version.regimen.title or "")
    # the rows stay (review 4 D5); the header now names the patient as saved, as opening PT001
    # would (clinician review 12, #4: the next PDF was titled with the example's name)
    assert window.session.state.document.patient.identifier == "Test Patient"
    assert window.session.state.document.patient.age is None  # the record's, as saved
    assert window.session.state.document.items == before_items
    assert "Kodama" not in window.windowTitle()
    assert "patient record PT001" in window.windowTitle()


def test_the_same_patient_saves_without_a_question(make_window, tables, service) -> None:
    window = make_window(tables)
    header = window.patient_header.field_widget("identifier")
    header.setFocus()
    QTest.keyClicks(header, "Test Patient")
    QTest.keyClick(header, Qt.Key.Key_Return)
    QApplication.processEvents()
    seen: list[str] = []
    answer_modals([type_in_chooser("PT001")], seen)
    press_save_to_record(window)
    assert seen == []
    assert len(service.regimen_versions("PT001")) == 1


def test_opening_a_patient_names_the_window_after_them(make_window, tables, service) -> None:
    window = make_window(tables, KODAMA)
    seen: list[str] = []
    answer_modals([type_in_chooser("PT001"), press_button("Save under PT001")], seen)
    press_save_to_record(window)
    assert len(service.regimen_versions("PT001")) == 1
    window.open_path(KODAMA, example=True)
    assert "Kodama" in window.windowTitle()
    answer_modals([type_in_chooser("PT001")], seen)
    window.activateWindow()
    QApplication.processEvents()
    QTest.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)
    QApplication.processEvents()
    assert "Kodama" not in window.windowTitle()
    assert "Test Patient" in window.windowTitle() and "PT001" in window.windowTitle()
