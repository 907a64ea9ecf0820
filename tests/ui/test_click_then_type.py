"""Typing straight after clicking an already selected cell (clinician review 8 #4; issue #10:
"the first keystroke on a selected cell is never lost; typing replaces a cell's text"). A click on
the selected cell started Qt's delayed "selected-clicked" edit; until it fired, every key was
refused by the view (lost), then the editor opened on the old text and later keys were appended
("25 mcg/h" arrived as "cg/h"; "abc" became "cg/hrabc")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.keyboard import cell_index, select_cell, type_keys

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _click(window, row: int, field: str) -> None:
    view = window.editor.view
    rect = view.visualRect(cell_index(window, row, field))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QApplication.processEvents()


@pytest.mark.parametrize(("typed", "wanted"), [("80", 80.0), ("75 mg/day", 75.0)])
def test_keys_right_after_a_click_on_the_selected_cell_replace_it(
    case_window, qtbot, typed: str, wanted: float
) -> None:
    view = select_cell(case_window, 0, "daily_dose")  # "60 mg/day", already selected
    _click(case_window, 0, "daily_dose")  # a second click on the selected cell
    type_keys(view, typed)  # at once, no wait
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    item = case_window.session.state.document.items[0]
    assert item.daily_dose is not None
    assert (item.daily_dose.value, item.daily_dose.unit) == (wanted, "mg/day")
    qtbot.wait(QApplication.doubleClickInterval() + 100)  # the click's delayed edit, if any
    assert view.state() != view.State.EditingState  # no editor reopens on the old text
    assert case_window.session.state.document.items[0].daily_dose == item.daily_dose


def test_a_click_then_a_pause_still_opens_the_editor(case_window, qtbot) -> None:
    """Clicking the selected cell still edits it (the editor opens after the double-click
    interval, its text selected: typing replaces it)."""
    view = select_cell(case_window, 0, "daily_dose")
    _click(case_window, 0, "daily_dose")
    qtbot.waitUntil(lambda: view.state() == view.State.EditingState)
    type_keys(view, "90")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    item = case_window.session.state.document.items[0]
    assert item.daily_dose is not None and item.daily_dose.value == 90.0
