"""Quitting, New and Open never drop a typed proposed order unasked (clinician review 15, #13:
a morphine order typed on the Pharmacist check was lost on Ctrl+Q without a question; the
"unsaved changes" question covered only the regimen). One question covers every piece of typed
work the window holds and names what would be lost. Real window, QTest keys."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import CASE_1_RAISED, ask_oxycodone_to_patch, shown
from tests.ui.keyboard import keyboard, press
from tests.ui.record_dialogs import answer_modals, press_button

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TAB = Qt.Key.Key_Tab
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT_CTRL = CTRL | Qt.KeyboardModifier.ShiftModifier


def _key_in_box(key: Qt.Key, buttons: list[str] | None = None) -> Any:
    def step(box: QWidget) -> None:
        if buttons is not None:
            buttons.extend(b.text() for b in box.buttons())  # type: ignore[attr-defined]
        focus = QApplication.focusWidget()  # the box's own focus (offscreen: maybe not active)
        QTest.keyClick(focus if focus is not None and box.isAncestorOf(focus) else box, key)

    return step


def _type_proposed_order(window: Any, qtbot: Any) -> Any:
    """Ctrl+3, a new proposed row: morphine Tab oral Esc (typed, never saved)."""
    press((Qt.Key.Key_3, CTRL))
    check = window.check
    view = check.proposed_editor.view
    view.setFocus()
    press((Qt.Key.Key_Return, SHIFT_CTRL))
    qtbot.waitUntil(lambda: view.hasFocus() or view.isAncestorOf(QApplication.focusWidget()))
    for key in ("morphine", TAB, "oral", Qt.Key.Key_Escape):
        for one in list(key) if isinstance(key, str) else [key]:
            keyboard(one)
    assert [r.raw.get("drug") for r in check.proposal.state.rows] == ["morphine"]
    return check


def _quit(window: Any) -> None:
    """File → Quit by its keys, Alt+F then Q (the offscreen platform binds no Ctrl+Q: Quit's
    standard key is the platform's; Ctrl+Q and the window's close button call the same close)."""
    shown(window)  # active again after a question closed (offscreen: nothing else activates it)
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F, ALT)
    QApplication.processEvents()
    QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Q)
    QApplication.processEvents()


def test_quit_asks_before_a_typed_proposed_order_is_lost(case_window, qtbot) -> None:
    window = shown(case_window)
    assert window.session.undo_stack.isClean()  # the regimen itself is saved (as opened)
    check = _type_proposed_order(window, qtbot)
    window.ask_before_discard = True
    seen: list[str] = []
    answer_modals([_key_in_box(Qt.Key.Key_Escape)], seen)
    _quit(window)
    assert len(seen) == 1, seen
    assert "proposed order" in seen[0] and "Pharmacist check" in seen[0], seen
    assert window.isVisible()  # Esc kept the window and the order
    assert [r.raw.get("drug") for r in check.proposal.state.rows] == ["morphine"]
    answer_modals([_key_in_box(Qt.Key.Key_D, None)], seen)  # D: the Discard mnemonic
    _quit(window)
    assert len(seen) == 2 and "proposed order" in seen[1], seen
    qtbot.waitUntil(lambda: not window.isVisible())
    window.ask_before_discard = False


def test_the_question_names_the_regimen_and_the_order_when_both_are_unsaved(
    case_window, qtbot
) -> None:
    window = shown(case_window)
    _type_proposed_order(window, qtbot)
    window.session.push(window.session.state, "An edit of the regimen")  # unsaved regimen too
    window.ask_before_discard = True
    seen: list[str] = []
    buttons: list[str] = []
    answer_modals([_key_in_box(Qt.Key.Key_Escape, buttons)], seen)
    window.close()
    window.ask_before_discard = False
    assert window.isVisible()
    assert len(seen) == 1 and "regimen" in seen[0] and "proposed order" in seen[0], seen
    assert "&Save As…" in buttons and "&Discard" in buttons, buttons


def test_new_regimen_asks_before_the_typed_proposed_order_goes(case_window, qtbot) -> None:
    """Ctrl+N replaces the work: the same question, naming the order; Esc keeps both."""
    window = shown(case_window)
    check = _type_proposed_order(window, qtbot)
    rows_before = window.session.state.rows
    window.ask_before_discard = True
    seen: list[str] = []
    answer_modals([_key_in_box(Qt.Key.Key_Escape)], seen)
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_N, CTRL)
    QApplication.processEvents()
    window.ask_before_discard = False
    assert len(seen) == 1 and "proposed order" in seen[0], seen
    assert window.session.state.rows == rows_before
    assert [r.raw.get("drug") for r in check.proposal.state.rows] == ["morphine"]


def test_nothing_typed_nothing_asked(case_window, qtbot) -> None:
    """An opened example, untouched, and an empty order: Ctrl+Q quits at once."""
    window = shown(case_window)
    window.ensure_panels()
    window.ask_before_discard = True
    _quit(window)
    qtbot.waitUntil(lambda: not window.isVisible())
    window.ask_before_discard = False


def test_quit_names_the_quick_converters_question_new_keeps_it(case_window, qtbot) -> None:
    """The converter's typed question is lost only by quitting (New and Open keep it)."""
    window = shown(case_window)
    ask_oxycodone_to_patch(window)
    window.ask_before_discard = True
    window.new_document()  # nothing asked: the converter keeps its question
    assert window.converter.current_question().amount == "60 mg/day"
    seen: list[str] = []
    answer_modals([_key_in_box(Qt.Key.Key_Escape)], seen)
    _quit(window)
    window.ask_before_discard = False
    assert window.isVisible()
    assert len(seen) == 1 and "Quick converter's question (oxycodone 60 mg/day)" in seen[0], seen


def test_save_keeps_the_regimen_then_the_order_is_asked_about(
    make_window, tables, tmp_path, qtbot
) -> None:
    """Save writes the regimen (the one part a file keeps); the order is asked about next."""
    path = tmp_path / "case.yaml"
    path.write_bytes(CASE_1_RAISED.read_bytes())
    window = make_window(tables)
    window.settings.add_written(str(path.resolve()))  # a file this app wrote: Save in place
    assert window.open_path(path)
    window = shown(window)
    _type_proposed_order(window, qtbot)
    window.session.push(window.session.state, "An edit of the regimen")
    window.ask_before_discard = True
    seen: list[str] = []
    answer_modals([press_button("&Save"), _key_in_box(Qt.Key.Key_Escape)], seen)
    _quit(window)
    window.ask_before_discard = False
    assert window.session.undo_stack.isClean(), (seen, window.windowTitle())  # saved in place
    assert window.isVisible()
    assert len(seen) == 2, seen
    assert "regimen" in seen[0] and "proposed order" in seen[0], seen
    assert "regimen's changes" not in seen[1] and "proposed order" in seen[1], seen
