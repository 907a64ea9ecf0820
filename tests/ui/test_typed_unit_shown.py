"""Clinician review 5, item 6: the quick converter showed "30 mg" typed in Amount beside a
unit list still reading "mg/day" (read at a glance as 30 mg/day). The unit list follows a unit
typed with the number, greyed as taken from the text, and returns when the unit is removed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def test_the_unit_list_follows_a_typed_unit(case_window) -> None:
    case_window.tabs.setCurrentIndex(3)
    amount = case_window.converter.amount
    amount.number.clear()
    QTest.keyClicks(amount.number, "30 mg")
    assert amount.unit.currentText() == "mg"
    assert not amount.unit.isEnabled()
    assert amount.text() == "30 mg"
    for _ in range(3):
        QTest.keyClick(amount.number, Qt.Key.Key_Backspace)
    assert amount.number.text() == "30"
    assert amount.unit.isEnabled()
    assert amount.unit.currentText() == "mg/day"
    assert amount.text() == "30 mg/day"


def test_a_typed_unit_not_offered_leaves_no_item_behind(case_window) -> None:
    case_window.tabs.setCurrentIndex(3)
    amount = case_window.converter.amount
    offered = [amount.unit.itemText(i) for i in range(amount.unit.count())]
    amount.number.clear()
    QTest.keyClicks(amount.number, "30 m")
    QTest.keyClicks(amount.number, "gg")
    assert amount.unit.currentText() == "mgg" and not amount.unit.isEnabled()
    amount.number.clear()
    assert [amount.unit.itemText(i) for i in range(amount.unit.count())] == offered
    assert amount.unit.isEnabled() and amount.unit.currentText() == "mg/day"
