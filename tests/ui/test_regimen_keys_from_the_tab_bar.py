"""Clinician review 18, #3 (medium): typing the header by keys alone ("Mr Bob Keys MRN-1802 Tab
70 Tab … y Tab") left the focus on the tab bar; Ctrl+Return (the manual's "Add row") added no
row there, and the row typed next ("morphine Tab sc Tab injection Tab Tab Tab Tab 2.5 mg/h
Tab") went on by Tab through the regimen page and round into the header: the Patient box read
"2.5 mg/h", without a prompt. Add row works from anywhere on the Regimen tab, the tab bar
included, with the cursor in the new row; and Tab from a tab's last stop goes round inside the
tab, never out into the header, whichever tab is shown. Real window, the reviewer's keys
(QTest, to whatever has the focus)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabBar

from tests.ui.conftest import shown
from tests.ui.keyboard import keyboard, press

CTRL = Qt.KeyboardModifier.ControlModifier
TAB = Qt.Key.Key_Tab
HEADER = ("Mr Bob Keys MRN-1802", TAB, "70", TAB, "60", TAB, "50", TAB, TAB, "440", TAB, TAB)
HEADER += ("y", TAB, TAB, "y", TAB)
ROW = ("morphine", TAB, "sc", TAB, "injection", TAB, TAB, TAB, TAB, "2.5 mg/h", TAB)


def _typed(window: Any, keys: tuple[str | Qt.Key, ...]) -> None:
    """Each key, a text one character at a time, to whatever has the focus; the focus never
    lands in the patient header."""
    for key in keys:
        for one in [key] if isinstance(key, Qt.Key) else list(key):
            keyboard(one)
            focus = QApplication.focusWidget()
            assert not window.patient_header.isAncestorOf(focus), (one, focus)


def _header(window: Any) -> list[str]:
    header = window.patient_header
    return [header.field_widget(name).text() for name in ("identifier", "age", "weight")]


def _on_the_tab_bar(window: Any) -> QTabBar:
    """The reviewer's header typed by keys alone, at 1280×720: the focus ends on the tab bar."""
    window.resize(1280, 720)
    QApplication.processEvents()
    window.patient_header.field_widget("identifier").setFocus(Qt.FocusReason.MouseFocusReason)
    for key in HEADER:
        keyboard(key)
    bar = window.tabs.tabBar()
    assert QApplication.focusWidget() is bar, QApplication.focusWidget()
    return bar


def test_ctrl_return_on_the_tab_bar_adds_the_row_the_keys_go_into(make_window, tables) -> None:
    window = shown(make_window(tables))
    _on_the_tab_bar(window)
    before = _header(window)
    assert before[0] == "Mr Bob Keys MRN-1802"
    press((Qt.Key.Key_Return, CTRL))
    assert window.editor.model.rowCount() == 1  # was: no row
    assert QApplication.focusWidget() is window.editor.view
    assert window.editor.current_row() == 0
    _typed(window, ROW)
    assert _header(window) == before  # was: Patient "2.5 mg/h"
    row = window.session.state.rows[0].raw
    assert row.get("drug") == "morphine" and row.get("route") == "sc", row


def test_keys_typed_on_the_tab_bar_never_reach_the_header(make_window, tables) -> None:
    window = shown(make_window(tables))
    _on_the_tab_bar(window)
    before = _header(window)
    _typed(window, ROW)  # no Ctrl+Return: the keys Tab on through the regimen page
    assert _header(window) == before  # was: Patient "2.5 mg/h"


@pytest.mark.parametrize("tab", [0, 1, 2, 3])
def test_tab_from_the_tab_bar_stays_in_the_tab_shown(make_window, tables, tab: int) -> None:
    """The class: from the tab bar, Tab after Tab goes round the tab shown, every tab."""
    window = shown(make_window(tables))
    window.resize(1280, 720)
    window.ensure_panels()
    window.tabs.setCurrentIndex(tab)
    window.tabs.tabBar().setFocus(Qt.FocusReason.MouseFocusReason)
    QApplication.processEvents()
    page = window.tabs.currentWidget()
    seen = set()
    for _ in range(30):
        press(TAB)
        focus = QApplication.focusWidget()
        assert page.isAncestorOf(focus), focus  # was: the header (Patient, or Weight)
        seen.add(focus)
    assert len(seen) > 1


@pytest.mark.parametrize("place", ["warnings", "set", "arithmetic"])
def test_add_row_from_anywhere_on_the_regimen_tab(case_window, place: str) -> None:
    window = shown(case_window)
    widget = {
        "warnings": window.warnings_panel.view,
        "set": window.results_panel.set_selector,
        "arithmetic": window.results_panel.lines,
    }[place]
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    QApplication.processEvents()
    rows = window.editor.model.rowCount()
    press((Qt.Key.Key_Return, CTRL))
    assert window.editor.model.rowCount() == rows + 1, place  # was: no row
    assert QApplication.focusWidget() is window.editor.view
    new = window.session.state.rows[window.editor.current_row()].raw
    assert not new.get("drug"), new  # the cursor is in the new, empty row


def test_ctrl_return_on_the_tab_bar_does_what_it_does_on_the_check_tab(make_window, tables):
    """The tab bar gives the shown tab's key: on the check tab, with no proposed row, the
    first one (re-check 17b #7), not a regimen row."""
    window = shown(make_window(tables))
    press((Qt.Key.Key_3, CTRL))
    window.tabs.tabBar().setFocus(Qt.FocusReason.MouseFocusReason)
    QApplication.processEvents()
    press((Qt.Key.Key_Return, CTRL))
    check = window.check
    assert window.tabs.currentWidget() is check
    assert check.proposed_editor.model.rowCount() == 1
    assert window.editor.model.rowCount() == 0
    assert QApplication.focusWidget() is check.proposed_editor.view
