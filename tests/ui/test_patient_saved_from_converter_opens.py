"""Clinician review 14, #9: a patient created from the Quick converter ("Saved to new patient
MRN-9401: the plan") could not be opened with Patient → Open patient…: "MRN-9401 has no
regimen recorded yet." and nothing opened. Choice: it opens, with an empty regimen under the
patient's name and context (its first regimen version is saved from the editor), and the status
bar says where its saved plan is. Real window, QTest keys, a real SQLite records file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import ask_oxycodone_to_patch, shown
from tests.ui.record_dialogs import CTRL_SHIFT, answer_modals
from ui.records.choose_patient import ChoosePatientDialog


def _create(identifier: str):
    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, ChoosePatientDialog)
        QTest.keyClicks(dialog.filter, identifier)
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)  # Enter again: a new patient

    return step


def _open(identifier: str, seen: list[str]):
    """Type the identifier and Enter; a chooser still open after it (refused) says why and is
    closed with Escape, so a refusal fails the test instead of hanging it."""

    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, ChoosePatientDialog)
        QTest.keyClicks(dialog.filter, identifier)
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)
        QApplication.processEvents()
        if dialog.isVisible():
            seen.append("refused: " + dialog.error.text())
            QTest.keyClick(dialog.filter, Qt.Key.Key_Escape)

    return step


def test_a_patient_saved_from_the_converter_opens(make_window, tables, records_service) -> None:
    window = shown(make_window(tables))
    panel = ask_oxycodone_to_patch(window)
    assert panel.plan is not None
    seen: list[str] = []
    answer_modals([_create("MRN-9401")], seen)
    QTest.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)
    QApplication.processEvents()
    assert records_service.plans("MRN-9401"), window.statusBar().currentMessage()
    assert not records_service.regimen_versions("MRN-9401")

    answer_modals([_open("MRN-9401", seen)], seen)
    shown(window)  # active again after the chooser
    QTest.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)
    QApplication.processEvents()
    status = window.statusBar().currentMessage()
    assert not [said for said in seen if said.startswith("refused")], seen
    assert window.session.record_identifier == "MRN-9401", (status, seen)
    assert window.session.state.document.items == []
    assert "no regimen recorded yet" in status, status
    assert "1 saved plan" in status and "Patient → Records" in status, status
