"""Clinician re-check 12b, #1 (medium): on the Pharmacist check tab, Ctrl+Z undid the last edit of
the current regimen on the hidden Regimen tab (oxycodone 90 → 60 mg/day) with no sign on screen:
the regimen the check compares against changed silently. An undo or redo that changes the
regimen's rows now shows them: the Regimen tab comes forward and the status bar says what was
undone. Real window, QTest keys."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.keyboard import cell_index, press, type_in_cell

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _daily_total(window) -> str:
    return str(cell_index(window, 0, "daily_dose").data())


def test_ctrl_z_on_the_check_tab_brings_the_regimen_it_changes_forward(case_window) -> None:
    window = case_window
    type_in_cell(window, 0, "daily_dose", "90")
    assert "90" in _daily_total(window)
    press((Qt.Key.Key_3, CTRL))  # the Pharmacist check
    assert window.tabs.currentIndex() == 2
    press((Qt.Key.Key_Z, CTRL))
    assert "60" in _daily_total(window)  # the edit is undone…
    assert window.tabs.currentIndex() == 0  # …where it can be seen
    assert "Undone" in window.statusBar().currentMessage()
    press((Qt.Key.Key_3, CTRL))
    press((Qt.Key.Key_Z, CTRL_SHIFT))  # redo, the same way
    assert "90" in _daily_total(window)
    assert window.tabs.currentIndex() == 0
    assert "Redone" in window.statusBar().currentMessage()


def test_ctrl_z_on_the_regimen_tab_stays_there(case_window) -> None:
    window = case_window
    type_in_cell(window, 0, "daily_dose", "90")
    press((Qt.Key.Key_Z, CTRL))
    assert "60" in _daily_total(window)
    assert window.tabs.currentIndex() == 0
