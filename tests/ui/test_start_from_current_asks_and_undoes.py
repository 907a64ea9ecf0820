""" "Start from the current regimen" never discards a typed proposed order out of sight
(clinician re-check 12b, #4): the fentanyl row typed in the proposed order was replaced without a
question, and Ctrl+Z did not bring it back (it undid an edit of the current regimen instead). Now
it asks when the proposed order holds typed rows (Enter replaces, Esc keeps them), and the
replacement is one step of the proposed order's own undo history, undone on the check tab. Real
window, QTest keys."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import shown
from tests.ui.keyboard import keyboard, press
from tests.ui.record_dialogs import answer_modals

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TAB = Qt.Key.Key_Tab
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT_CTRL = CTRL | Qt.KeyboardModifier.ShiftModifier
CHECK_TAB = 2


def _drugs(session: Any) -> list[str]:
    return [str(entry.raw.get("drug") or "") for entry in session.state.rows]


def _key_in_box(key: Qt.Key) -> Any:
    def step(box: QWidget) -> None:
        focus = QApplication.focusWidget()  # the box's own focus (offscreen: maybe not active)
        QTest.keyClick(focus if focus is not None and box.isAncestorOf(focus) else box, key)

    return step


def _typed_proposal(window: Any, qtbot: Any) -> Any:
    """Ctrl+3, a new proposed row: fentanyl Tab transdermal Tab Esc."""
    press((Qt.Key.Key_3, CTRL))
    check = window.check
    assert check is not None
    view = check.proposed_editor.view
    view.setFocus()
    press((Qt.Key.Key_Return, SHIFT_CTRL))
    qtbot.waitUntil(lambda: view.hasFocus() or view.isAncestorOf(QApplication.focusWidget()))
    for key in ("fentanyl", TAB, "transdermal", TAB, Qt.Key.Key_Escape):
        for one in list(key) if isinstance(key, str) else [key]:
            keyboard(one)
    assert _drugs(check.proposal) == ["fentanyl"]
    return check


def test_enter_replaces_the_typed_order_and_ctrl_z_brings_it_back(case_window, qtbot) -> None:
    window = shown(case_window)
    current = _drugs(window.session)
    regimen_before = window.session.state
    check = _typed_proposal(window, qtbot)
    seen: list[str] = []
    answer_modals([_key_in_box(Qt.Key.Key_Return)], seen)
    press((Qt.Key.Key_U, ALT))  # Start from the current regimen
    qtbot.waitUntil(lambda: _drugs(check.proposal) == current)
    assert seen and "proposed order" in seen[0] and "replace" in seen[0].lower(), seen
    undo = window.menu_actions.by_name["undo"]
    assert "proposed order" in undo.text().replace("&", ""), undo.text()
    press((Qt.Key.Key_Z, CTRL))  # one step: the typed row is back
    assert _drugs(check.proposal) == ["fentanyl"]
    assert window.tabs.currentIndex() == CHECK_TAB  # on the table in view
    assert window.session.state is regimen_before  # the current regimen untouched
    press((Qt.Key.Key_Z, SHIFT_CTRL))  # redo: the copy again
    assert _drugs(check.proposal) == current
    assert window.session.state is regimen_before


def test_esc_keeps_the_typed_order(case_window, qtbot) -> None:
    window = shown(case_window)
    check = _typed_proposal(window, qtbot)
    steps_before = check.proposal.undo_stack.count()
    seen: list[str] = []
    answer_modals([_key_in_box(Qt.Key.Key_Escape)], seen)
    press((Qt.Key.Key_U, ALT))
    qtbot.waitUntil(lambda: bool(seen))
    assert _drugs(check.proposal) == ["fentanyl"]
    assert check.proposal.undo_stack.count() == steps_before  # nothing to undo: nothing done


def test_an_empty_order_is_filled_without_a_question(case_window, qtbot) -> None:
    """Nothing typed, nothing to lose: Alt+U copies at once (and Ctrl+Z empties it again)."""
    window = shown(case_window)
    press((Qt.Key.Key_U, ALT))
    check = window.check
    assert check is not None
    current = _drugs(window.session)
    qtbot.waitUntil(lambda: _drugs(check.proposal) == current)
    assert QApplication.activeModalWidget() is None
    press((Qt.Key.Key_Z, CTRL))
    assert not any(_drugs(check.proposal))
    assert window.tabs.currentIndex() == CHECK_TAB
