"""Answering the save-to-record chooser and its questions with real keystrokes (QTest): each
modal that opens is answered by one step, in order, and what it showed is recorded."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.ui.conftest import ask_oxycodone_to_patch, shown
from tests.ui.keyboard import open_chooser
from ui.records.choose_patient import ChoosePatientDialog

__all__ = [
    "CTRL_SHIFT",
    "Step",
    "answer_modals",
    "close_chooser",
    "converter_with_plan",
    "press_button",
    "press_save_to_record",
    "top_modal",
    "type_in_chooser",
]

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

Step = Callable[[QWidget], None]


def top_modal() -> QWidget | None:
    """The visible dialog opened last (a message box over the chooser, else the chooser)."""
    boxes = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    found = [w for w in boxes if isinstance(w, QMessageBox)]
    return found[-1] if found else open_chooser()


# every answer_modals call's steps: a step left unused would go on polling into the next test
# and answer its dialog (a save that no longer asked "Save under" answered the next test's
# chooser); tests/ui/conftest.py fails the test that left one
_PENDING: list[list[Step]] = []


def unused_steps() -> list[Step]:
    """The steps the test's answer_modals calls never used (and forget them all)."""
    left = [step for steps in _PENDING for step in steps]
    for steps in _PENDING:
        steps.clear()  # the polling stops at its next turn
    _PENDING.clear()
    return left


def answer_modals(steps: list[Step], seen: list[str], tries: int = 250) -> None:
    """Answer the modals that open, one step each, in order; record what each showed. Gives up
    after ``tries`` polls (5 s) so a missing dialog fails the test instead of hanging it."""
    _PENDING.append(steps)

    def run(left: int) -> None:
        if not steps or left == 0:
            return
        shown = top_modal()
        if shown is None:
            QTimer.singleShot(20, lambda: run(left - 1))
            return
        step = steps.pop(0)
        if isinstance(shown, QMessageBox):
            seen.append("question: " + shown.text())
        QTimer.singleShot(20, lambda: run(tries))  # before the step: it may open a modal
        step(shown)

    QTimer.singleShot(0, lambda: run(tries))


def type_in_chooser(text: str) -> Step:
    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, ChoosePatientDialog)
        QTest.keyClicks(dialog.filter, text)
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)

    return step


def press_button(button_text: str) -> Step:
    """Press the message box's button with the keyboard (focus it, Space)."""

    def step(box: QWidget) -> None:
        buttons = [b for b in box.findChildren(QPushButton) if button_text in b.text()]
        assert buttons, [b.text() for b in box.findChildren(QPushButton)]
        buttons[0].setFocus()
        QTest.keyClick(buttons[0], Qt.Key.Key_Space)

    return step


def press_save_to_record(window) -> None:
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    QTest.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)
    QApplication.processEvents()


def close_chooser(seen: list[str]) -> Step:
    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, ChoosePatientDialog)
        seen.append("chooser: " + dialog.error.text())
        QTest.keyClick(dialog.filter, Qt.Key.Key_Escape)

    return step


def converter_with_plan(make_window, tables, service: PatientService, identifiers) -> QWidget:
    """Records for ``identifiers`` and a window whose quick converter holds a plan (oxycodone
    oral 60 mg/day to a fentanyl patch), ready for Save plan to patient record."""
    for identifier in identifiers:
        service.create_patient(PatientInfo(identifier=identifier))
    window = shown(make_window(tables))
    panel = ask_oxycodone_to_patch(window)
    panel.convert()
    assert panel.plan is not None
    return window
