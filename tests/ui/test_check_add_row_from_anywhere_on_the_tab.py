"""Final clinician re-check 18d, D4: after Ctrl+3 the focus was on the check's current-regimen
list, where Ctrl+Shift+Return (the tab's own "adds the next row", said on the tab) added no row,
and the row typed next was lost. The key adds a proposed row from anywhere on the check tab and
puts the cursor in it, as Ctrl+Return adds a regimen row from anywhere on the regimen tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import press

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_the_add_row_key_works_from_the_current_regimen_list(case_window) -> None:
    window = shown(case_window)
    press((Qt.Key.Key_3, CTRL))
    check = window.check
    check.current_summary.setFocus()
    QApplication.processEvents()
    assert QApplication.focusWidget() is check.current_summary
    order = check.proposed_editor
    before = order.model.rowCount()
    press((Qt.Key.Key_Return, CTRL_SHIFT))
    QApplication.processEvents()
    assert order.model.rowCount() == before + 1
    assert order.isAncestorOf(QApplication.focusWidget()), QApplication.focusWidget()
