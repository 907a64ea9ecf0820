"""Clinician review 13, #7: on the Pharmacist check tab, once the proposed order had no step left
to undo, Edit read "Undo Edit Frequency in row 2" (no table named) beside "Redo … (proposed
order)", and Undo acted on the hidden regimen; after Ctrl+Shift+Z on the Regimen tab the status
bar still said "Undone…". Both labels now name the table they act on when it is out of view, and
every undo or redo says in the status bar what it did. Real window, QTest keys."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import shown
from tests.ui.keyboard import cell_index, press, type_in_cell

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _label(window, name: str) -> str:
    return window.menu_actions.by_name[name].text().replace("&", "")


def test_undo_falling_through_to_the_regimen_names_it_and_redo_says_redone(
    case_window, qtbot
) -> None:
    window = shown(case_window)
    type_in_cell(window, 0, "daily_dose", "90")
    press((Qt.Key.Key_3, CTRL), (Qt.Key.Key_U, ALT))  # the order: one step of its own
    check = window.check
    qtbot.waitUntil(lambda: check.result is not None)
    press((Qt.Key.Key_Z, CTRL))  # undoes "Start from the current regimen": none left
    assert not check.proposal.undo_stack.canUndo()
    assert window.tabs.currentIndex() == 2
    assert _label(window, "undo").endswith("(regimen)"), _label(window, "undo")
    assert _label(window, "redo").endswith("(proposed order)"), _label(window, "redo")
    press((Qt.Key.Key_Z, CTRL))  # falls through: the regimen's 90 → 60, brought forward
    assert "60" in str(cell_index(window, 0, "daily_dose").data())
    assert window.tabs.currentIndex() == 0
    assert window.statusBar().currentMessage().startswith("Undone on the regimen")
    assert "(" not in _label(window, "undo"), _label(window, "undo")  # the table is in view
    press((Qt.Key.Key_Z, CTRL_SHIFT))  # redone on the Regimen tab, in view
    assert "90" in str(cell_index(window, 0, "daily_dose").data())
    assert window.statusBar().currentMessage().startswith("Redone on the regimen")
