"""A per-dose amount with no frequency is unclear input in the quick converter: it is refused,
naming the Frequency, never taken as a daily total (clinician review 6, defect 2: "30 mg" with an
empty Frequency gave a 12.5 mcg/h patch, half the 25 mcg/h of 30 mg q12h)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import shown
from tests.ui.keyboard import press as _type

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _ask(window, amount: str) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    _type("Oxyc", Qt.Key.Key_Tab, Qt.Key.Key_Tab, amount)
    panel = window.converter
    panel.to_drug.setFocus()
    _type("Fen", Qt.Key.Key_Tab, "t")


@pytest.mark.parametrize("amount", ["30 mg", "30mg", "30000 mcg"])
def test_a_dose_without_a_frequency_is_refused_naming_the_frequency(
    make_window, tables, amount: str
) -> None:
    window = shown(make_window(tables))
    _ask(window, amount)
    panel = window.converter
    assert panel.to_route.currentData() == "transdermal"
    assert panel.plan is None
    line = panel.result.text()
    assert "Frequency" in line and "per day" in line
    assert "mcg/h" not in line  # no patch strength offered
    assert not panel.save_button.isEnabled()


@pytest.mark.parametrize("amount", ["30 mg/day", "60 mg/d"])
def test_a_daily_total_needs_no_frequency(make_window, tables, amount: str) -> None:
    window = shown(make_window(tables))
    _ask(window, amount)
    assert window.converter.plan is not None


def test_the_same_dose_with_its_frequency_is_converted(make_window, tables) -> None:
    window = shown(make_window(tables))
    _ask(window, "30 mg")
    panel = window.converter
    panel.from_frequency.setFocus()
    _type("q12h", Qt.Key.Key_Tab)
    assert panel.plan is not None
    assert panel.plan.ome_per_day == 90  # 30 mg q12h oxycodone = 60 mg/day x 1.5
