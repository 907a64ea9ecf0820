"""Clinician review 11, #6 (LOW): the quick converter kept "mg/day" after the From route was set
to transdermal, so "50" was refused until mcg/h was picked by hand. A patch route now preselects
mcg/h, by the regimen editor's own default-unit rule (``plain_language.default_unit``); a unit
picked by hand is kept. QTest keystrokes on the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import shown
from tests.ui.keyboard import press
from ui.plain_language import default_unit


def _open_converter(make_window, tables):
    window = shown(make_window(tables))
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    return window.converter


def test_review11_6_a_patch_route_preselects_mcg_per_hour(make_window, tables) -> None:
    panel = _open_converter(make_window, tables)
    press("fen", Qt.Key.Key_Tab, "t", Qt.Key.Key_Tab, "50")
    assert panel.from_route.currentData() == "transdermal"
    assert panel.amount.unit.currentText() == "mcg/h"
    assert panel.amount.text() == "50 mcg/h"
    press(Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab, "morph", Qt.Key.Key_Tab, "o")
    press(Qt.Key.Key_Tab, "q12h")
    assert panel.plan is not None, panel.result.text()  # 50 mcg/h is read, not refused
    # the same rule as the regimen editor's patch rows
    assert default_unit("daily_dose", {"drug": "fentanyl", "route": "transdermal"}) == "mcg/h"


def test_review11_6_back_to_a_route_by_mouth_shows_mg_per_day_again(make_window, tables) -> None:
    panel = _open_converter(make_window, tables)
    press("bupren", Qt.Key.Key_Tab)
    routes = [panel.from_route.itemData(i) for i in range(panel.from_route.count())]
    assert "transdermal" in routes and len(routes) > 1, routes
    panel.from_route.setFocus()
    while panel.from_route.currentData() != "transdermal":
        press(Qt.Key.Key_Down)
    assert panel.amount.unit.currentText() == "mcg/h"
    while panel.from_route.currentData() == "transdermal":
        press(Qt.Key.Key_Up if panel.from_route.currentIndex() else Qt.Key.Key_Down)
    assert panel.amount.unit.currentText() == "mg/day"


def test_review11_6_a_unit_picked_by_hand_is_kept_when_the_route_changes(
    make_window, tables
) -> None:
    panel = _open_converter(make_window, tables)
    press("fen", Qt.Key.Key_Tab)
    panel.amount.unit.setFocus()
    while panel.amount.unit.currentText() != "mcg/day":
        press(Qt.Key.Key_Down)
    panel.from_route.setFocus()
    press("t")
    assert panel.from_route.currentData() == "transdermal"
    assert panel.amount.unit.currentText() == "mcg/day"  # chosen, never overridden
