"""Tab in a table moves between its cells, as in a spreadsheet (clinician review 12, #2):
``fentanyl Tab transdermal Tab ...`` left the grid after the drug (Tab with the completer open
moved the focus out) and the next keys overwrote the header's Patient and Age. Qt's item-view
convention now: Tab / Shift+Tab next / previous cell, Ctrl+Tab / Ctrl+Shift+Tab leave the table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.ui.conftest import shown
from tests.ui.keyboard import keyboard, press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TAB = Qt.Key.Key_Tab
ALT = Qt.KeyboardModifier.AltModifier
KEYS = ("fentanyl", TAB, "transdermal", TAB, "patch", TAB, "50 mcg/h", TAB, "q72h", TAB)


def _header_texts(window) -> list[str]:
    widgets = window.patient_header.focus_widgets()
    return [w.text() if isinstance(w, QLineEdit) else w.currentText() for w in widgets]


def _type_a_new_row(window, editor) -> int:
    before = (_header_texts(window), window.session.state.document.patient)
    editor.add_row()  # Ctrl+Return / Add row: the new row's first cell is current
    row = editor.current_row()
    editor.view.setFocus()
    QApplication.processEvents()
    for key in KEYS:
        for one in list(key) if isinstance(key, str) else [key]:
            keyboard(one)
    model = editor.model
    cells = [model.index(row, model.column_of(f)).data() for f in ("drug", "route", "form")]
    assert cells == ["fentanyl", "transdermal", "patch"]
    assert model.index(row, model.column_of("dose")).data() == "50 mcg/h"
    assert model.index(row, model.column_of("frequency")).data() == "q72h"
    assert editor.view.isAncestorOf(QApplication.focusWidget()) or editor.view.hasFocus()
    assert (_header_texts(window), window.session.state.document.patient) == before
    return row


def test_tab_moves_cell_by_cell_in_the_regimen(case_window) -> None:
    window = shown(case_window)
    _type_a_new_row(window, window.editor)


def test_tab_moves_cell_by_cell_in_the_checked_order(case_window, qtbot) -> None:
    window = shown(case_window)
    press((Qt.Key.Key_U, ALT))  # the check, from the current regimen
    check = window.check
    assert check is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is check.proposed_editor.view)
    _type_a_new_row(window, check.proposed_editor)


def test_tab_wraps_to_the_next_row_and_shift_tab_comes_back(case_window) -> None:
    window = shown(case_window)
    editor = window.editor
    model = editor.model
    last = model.columnCount() - 1
    editor.add_row()
    editor.select_row(0, last)
    editor.view.setFocus()
    QApplication.processEvents()
    press(TAB)
    assert (editor.view.currentIndex().row(), editor.view.currentIndex().column()) == (1, 0)
    press((Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier))
    QApplication.processEvents()
    assert (editor.view.currentIndex().row(), editor.view.currentIndex().column()) == (0, last)
    assert editor.view.isAncestorOf(QApplication.focusWidget()) or editor.view.hasFocus()


def test_tab_on_the_last_cell_of_the_last_row_leaves_the_table(case_window) -> None:
    window = shown(case_window)
    editor = window.editor
    model = editor.model
    editor.select_row(model.rowCount() - 1, model.columnCount() - 1)
    editor.view.setFocus()
    QApplication.processEvents()
    press(TAB)
    focus = QApplication.focusWidget()
    assert focus is not None and focus is not editor.view and not editor.view.isAncestorOf(focus)
