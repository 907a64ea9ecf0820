"""The pharmacist check and practice driven without the mouse (ui-fix3 #3): every step by keys
sent to whatever has the focus, never to a chosen widget."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mps_pain.practice.service import answer_for
from tests.ui.conftest import shown
from tests.ui.test_practice_window import db_url, practice  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _key(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, key, modifier)
    QApplication.processEvents()


def _type(text: str) -> None:
    for char in text:
        target = QApplication.focusWidget()
        assert target is not None
        QTest.keyClicks(target, char)
        QApplication.processEvents()


def test_check_a_raised_dose_by_keyboard_only(case_window, qtbot) -> None:
    """Ctrl+3, Alt+U starts from the current regimen with the cursor in the proposed order,
    the daily total is typed over, Ctrl+Return checks: the verdict is on screen."""
    window = shown(case_window)
    _key(Qt.Key.Key_3, CTRL)
    check = window.check
    assert check is not None
    _key(Qt.Key.Key_U, ALT)  # Start from the c&urrent regimen (a mnemonic clicks after a flash)
    view = check.proposed_editor.view
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)  # typing goes into the order
    model = check.proposed_editor.model
    assert model.rowCount() >= 1
    assert view.currentIndex().row() == 0
    for _ in range(model.column_of("daily_dose")):
        _key(Qt.Key.Key_Right)
    assert view.currentIndex().column() == model.column_of("daily_dose")
    _type("240")
    _key(Qt.Key.Key_Return)
    _key(Qt.Key.Key_Return, CTRL)  # check now (the check also follows every edit)
    assert check.result is not None, check.error
    assert check.result.verdict == "dose_change"  # the same opioid raised
    assert QApplication.focusWidget() is check.reasons  # the reasons, read next
    assert check.reasons.count() >= 1


def test_ctrl_return_in_the_check_checks_and_leaves_the_rows_alone(case_window, qtbot) -> None:
    window = shown(case_window)
    _key(Qt.Key.Key_3, CTRL)
    check = window.check
    _key(Qt.Key.Key_U, ALT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is check.proposed_editor.view)
    rows = check.proposed_editor.model.rowCount()
    _key(Qt.Key.Key_Return, CTRL)
    assert check.proposed_editor.model.rowCount() == rows  # a check, not "Add row"
    assert check.result is not None and check.result.verdict == "within"
    assert window.session.state.document.items == case_window.session.state.document.items


def _focus_stops(window: Any) -> list[Any]:
    """The answer form's widgets in Tab order, from the first answer (Tab from each)."""
    first = next(iter(window.form.fields.values())).focus_widget()
    first.setFocus(Qt.FocusReason.TabFocusReason)  # where the window opens its cursor
    stops = []
    while (widget := QApplication.focusWidget()) is not None and window.form.isAncestorOf(widget):
        if widget in stops:
            break
        stops.append(widget)
        _key(Qt.Key.Key_Tab)
    return stops


def test_practice_answered_and_checked_by_keyboard_only(practice: Any) -> None:  # noqa: F811
    """From the first answer, Tab goes through every entry; each is named by its question for a
    screen reader; typed answers and Ctrl+Return check them; Ctrl+N moves on."""
    window = practice
    assert QApplication.focusWidget() is next(iter(window.form.fields.values())).focus_widget()
    stops = _focus_stops(window)
    names = [w.accessibleName() for w in stops]
    assert all(names) and len(set(names)) == len(names), names  # was: "Amount" ×5, unnamed
    answers = answer_for(window.exercise).answers
    stops[0].setFocus(Qt.FocusReason.TabFocusReason)
    for key, field in window.form.fields.items():
        value = getattr(answers, key)
        if key == "reduction":
            _type(f"{value * 100:g}%")
            _key(Qt.Key.Key_Tab)
        elif key == "warnings":  # arrows and Space tick, as a list is used
            assert QApplication.focusWidget() is field.list
            for row in range(field.list.count()):
                if row:
                    _key(Qt.Key.Key_Down)
                assert field.list.currentRow() == row
                if field.list.item(row).data(Qt.ItemDataRole.UserRole) in value:
                    _key(Qt.Key.Key_Space)
        else:
            amount = value
            if key == "regimen":
                amount = value.dose if value.dose is not None else value.rate
            _type(f"{amount.value:g} {amount.unit}")
            _key(Qt.Key.Key_Tab)
            if QApplication.focusWidget() is field.quantity.unit:  # a typed unit skips the list
                _key(Qt.Key.Key_Tab)
            if field.frequency is not None:
                _type(str(value.frequency) if value.frequency is not None else "")
                _key(Qt.Key.Key_Tab)
    _key(Qt.Key.Key_Return, CTRL)
    assert window.report is not None, window.message.text()
    assert window.report.score == window.report.total
