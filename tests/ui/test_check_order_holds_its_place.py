"""Clinician review 14, #10: on the check tab, clicking "Start from the current regimen" made the
verdict block appear in its large type and pushed the proposed order ~28 px down, so a second
click aimed at Dose landed on Drug ("'60 mg' is not a drug"). The verdict area keeps its place
and height: the order's table does not move when the verdict appears, grows or clears."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


def _table_top(window) -> int:
    QApplication.processEvents()
    view = window.check.proposed_editor.view
    return view.mapTo(window, QPoint(0, 0)).y()


@pytest.mark.parametrize("size", [(1280, 720), (1024, 640)])
def test_the_order_does_not_move_when_the_verdict_appears(case_window, qtbot, size) -> None:
    window = shown(case_window)
    window.resize(*size)
    press((Qt.Key.Key_3, CTRL))
    check = window.check
    before = _table_top(window)
    QTest.mouseClick(check.copy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: check.result is not None)
    assert _table_top(window) == before, check.verdict.text()
    # the order edited to a dose change: the verdict's words change, the table stays put
    model = check.proposed_editor.model
    check.proposed_editor.select_row(0, model.column_of("daily_dose"))
    check.proposed_editor.view.setFocus()
    press("120 mg/day", Qt.Key.Key_Return)
    check.check_now()
    assert check.result is not None
    assert _table_top(window) == before, check.verdict.text()
