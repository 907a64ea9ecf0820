"""Keys that open a tab put the cursor where the next keys belong (clinician review 9):
#4 Ctrl+2 left the cursor in "Reference set", so "fen Tab t" chose Tramadol as the target;
#3 Alt+U did nothing from the Regimen tab though the guide says it starts the check from the
current regimen. Every key goes to whatever has the focus, as a keyboard sends it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def test_ctrl_2_puts_the_cursor_in_the_target_drug(case_window) -> None:
    window = shown(case_window)
    press((Qt.Key.Key_2, CTRL))
    planner = window.planner
    assert planner is not None
    assert QApplication.focusWidget() is planner.drug
    press("fen", Qt.Key.Key_Tab, "t", Qt.Key.Key_Tab)
    assert planner.drug.currentData() == "fentanyl"
    assert planner.route.currentData() == "transdermal"
    press((Qt.Key.Key_1, CTRL), (Qt.Key.Key_2, CTRL))  # and every time the tab is shown again
    assert QApplication.focusWidget() is planner.drug


def test_alt_u_from_the_regimen_tab_starts_the_check_from_the_current_regimen(
    case_window, qtbot
) -> None:
    window = shown(case_window)
    assert window.tabs.currentIndex() == 0
    press((Qt.Key.Key_U, ALT))
    check = window.check
    assert check is not None and window.tabs.currentWidget() is check
    view = check.proposed_editor.view
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)  # typing goes into the order
    proposed = check.proposed_editor.model.rowCount()
    assert proposed == len(window.session.state.document.items)
