"""Saving to a patient's record never mixes two patients' identities (second clinician review,
H2), the save dialog creates a patient in one step (M5), and an opened patient names the window.
Real widgets offscreen, QTest keystrokes, a real SQLite file."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from ui.examples import examples_dir
from ui.records.save_to_record import ChoosePatientDialog

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
KODAMA = examples_dir() / "kodama-2024-case-1" / "step-1-oxycodone-up-to-100mg.yaml"


@pytest.fixture
def service(records_service: PatientService) -> PatientService:
    """The app's records (tests/ui/conftest.py) with this file's patient: PT001 "Test Patient"."""
    records_service.create_patient(PatientInfo(identifier="PT001", display_name="Test Patient"))
    return records_service


Step = Callable[[QWidget], None]


def _top_modal() -> QWidget | None:
    """The visible dialog opened last (a message box over the chooser, else the chooser)."""
    boxes = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for kind in (QMessageBox, ChoosePatientDialog):
        found = [w for w in boxes if isinstance(w, kind)]
        if found:
            return found[-1]
    return None


def _answer(steps: list[Step], seen: list[str], tries: int = 250) -> None:
    """Answer the modals that open, one step each, in order; record what each showed. Gives up
    after ``tries`` polls (5 s) so a missing dialog fails the test instead of hanging it."""

    def run(left: int) -> None:
        if not steps or left == 0:
            return
        shown = _top_modal()
        if shown is None:
            QTimer.singleShot(20, lambda: run(left - 1))
            return
        step = steps.pop(0)
        if isinstance(shown, QMessageBox):
            seen.append("question: " + shown.text())
        QTimer.singleShot(20, lambda: run(tries))  # before the step: it may open a modal
        step(shown)

    QTimer.singleShot(0, lambda: run(tries))


def _type_in_chooser(text: str) -> Step:
    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, ChoosePatientDialog)
        QTest.keyClicks(dialog.filter, text)
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)

    return step


def _press(button_text: str) -> Step:
    """Press the message box's button with the keyboard (focus it, Space)."""

    def step(box: QWidget) -> None:
        buttons = [b for b in box.findChildren(QPushButton) if button_text in b.text()]
        assert buttons, [b.text() for b in box.findChildren(QPushButton)]
        buttons[0].setFocus()
        QTest.keyClick(buttons[0], Qt.Key.Key_Space)

    return step


def _save(window) -> None:
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    QTest.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)
    QApplication.processEvents()


def _close_chooser(seen: list[str]) -> Step:
    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, ChoosePatientDialog)
        seen.append("chooser: " + dialog.error.text())
        QTest.keyClick(dialog.filter, Qt.Key.Key_Escape)

    return step


def test_saving_an_other_patients_regimen_asks_and_never_mixes_identities(
    make_window, tables, service
) -> None:
    window = make_window(tables, KODAMA)
    assert window.session.state.document.patient.identifier == "Kodama 2024 case 1"
    seen: list[str] = []
    # Cancel at the question: nothing stored, the chooser says why and stays open
    _answer([_type_in_chooser("PT001"), _press("Cancel"), _close_chooser(seen)], seen)
    _save(window)
    assert service.regimen_versions("PT001") == []
    question = seen[0]
    assert "Kodama 2024 case 1" in question and "46" in question
    assert "PT001" in question and "Test Patient" in question
    assert "not saved" in seen[1].lower() and "PT001" in seen[1]
    # Save under the record's identity: the record's patient, not the example's
    seen.clear()
    _answer([_type_in_chooser("PT001"), _press("Save under PT001")], seen)
    _save(window)
    assert seen and seen[0].startswith("question: ")
    (version,) = service.regimen_versions("PT001")
    assert version.regimen.patient.identifier == "Test Patient"
    assert version.regimen.patient.age is None  # the example's 46 is not PT001's age
    assert "Kodama" not in (version.regimen.title or "")
    # the editor now shows the record's patient
    assert window.session.state.document.patient.identifier == "Test Patient"


def test_the_same_patient_saves_without_a_question(make_window, tables, service) -> None:
    window = make_window(tables)
    header = window.patient_header.field_widget("identifier")
    header.setFocus()
    QTest.keyClicks(header, "Test Patient")
    QTest.keyClick(header, Qt.Key.Key_Return)
    QApplication.processEvents()
    seen: list[str] = []
    _answer([_type_in_chooser("PT001")], seen)
    _save(window)
    assert seen == []
    assert len(service.regimen_versions("PT001")) == 1


def test_opening_a_patient_names_the_window_after_them(make_window, tables, service) -> None:
    window = make_window(tables, KODAMA)
    seen: list[str] = []
    _answer([_type_in_chooser("PT001"), _press("Save under PT001")], seen)
    _save(window)
    assert len(service.regimen_versions("PT001")) == 1
    window.open_path(KODAMA, example=True)
    assert "Kodama" in window.windowTitle()
    _answer([_type_in_chooser("PT001")], seen)
    window.activateWindow()
    QApplication.processEvents()
    QTest.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)
    QApplication.processEvents()
    assert "Kodama" not in window.windowTitle()
    assert "Test Patient" in window.windowTitle() and "PT001" in window.windowTitle()
