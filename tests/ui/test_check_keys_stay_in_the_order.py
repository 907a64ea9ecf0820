"""Clinician re-check 17b, #7 (low-medium): on the Check tab, in the empty proposed order, Ctrl+
Enter (the manual's "Add row") added no row and moved the focus to the reasons; the row typed
next ("oxycodone Tab sc Tab injection Tab Tab Tab 20 mg/day Tab") went on by Tab from the
reasons into the patient header: the Patient ID became "sc", Age "injection", without a prompt.
Ctrl+Enter checks the order on this tab (ui-fix3 #3), so with no proposed row, where there is
nothing to check, it adds the first one, as on the Regimen tab; and Tab from the reasons goes on
into the proposed order, never out of the check into the patient header. Real window, the
reviewer's keys (QTest, to whatever has the focus)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import keyboard, press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
ROW = ("oxycodone", Qt.Key.Key_Tab, "sc", Qt.Key.Key_Tab, "injection", Qt.Key.Key_Tab)
ROW += (Qt.Key.Key_Tab, Qt.Key.Key_Tab, "20 mg/day", Qt.Key.Key_Tab)


def _typed(keys: tuple[str | Qt.Key, ...], check: Any = None) -> None:
    """Each key, a text one character at a time, to whatever has the focus (as typed)."""
    for key in keys:
        for one in [key] if isinstance(key, Qt.Key) else list(key):
            keyboard(one)
            focus = QApplication.focusWidget()
            assert check is None or focus is None or check.isAncestorOf(focus), focus


def _header(window: Any) -> tuple[str, str]:
    header = window.patient_header
    return header.field_widget("identifier").text(), header.field_widget("age").text()


def _check_tab(window: Any) -> Any:
    header = window.patient_header
    header.field_widget("identifier").setText("MRN-1801")
    header.field_widget("identifier").editingFinished.emit()
    press((Qt.Key.Key_3, CTRL))
    check = window.check
    check.proposed_editor.view.setFocus(Qt.FocusReason.MouseFocusReason)  # the click
    QApplication.processEvents()
    return check


def test_ctrl_enter_in_the_empty_order_adds_its_first_row(make_window, tables) -> None:
    window = shown(make_window(tables))
    check = _check_tab(window)
    before = _header(window)
    assert check.proposed_editor.model.rowCount() == 0
    press((Qt.Key.Key_Return, CTRL))
    assert check.proposed_editor.model.rowCount() == 1  # was: none, the focus on the reasons
    assert QApplication.focusWidget() is check.proposed_editor.view
    assert "Ctrl+Shift+Return adds the next row" in check.verdict.text(), check.verdict.text()
    _typed(ROW, check)
    assert _header(window) == before  # was: Patient "sc", Age "injection"
    row = check.proposal.state.rows[0].raw
    assert row.get("drug") == "oxycodone", row  # the keys went into the row


def test_keys_after_a_check_never_reach_the_patient_header(case_window, qtbot) -> None:
    window = shown(case_window)
    press((Qt.Key.Key_3, CTRL))
    check = window.check
    press((Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier))  # Start from the current regimen
    qtbot.waitUntil(lambda: QApplication.focusWidget() is check.proposed_editor.view)
    before = _header(window)
    press((Qt.Key.Key_Return, CTRL))  # checks: the focus on the reasons, read next
    assert QApplication.focusWidget() is check.reasons and check.reasons.count()
    _typed(ROW, check)  # a second row typed as if Ctrl+Enter had added one
    assert _header(window) == before
