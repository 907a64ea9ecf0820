"""The converter's spread across sets (ui-fix3 #2, #5): a heading only over content, and figures
rounded as a clinician reads an estimate ("28.12 mcg/h" read as a precision it does not have)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from mps_pain.numbers import ESTIMATE_FIGURES
from tests.ui.conftest import shown
from tests.ui.keyboard import press as _keys

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _ask(window, amount: str) -> None:
    """Ctrl+K, From oxycodone oral <amount>, To fentanyl transdermal (keys only)."""
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    _keys("Oxyc", Qt.Key.Key_Tab, Qt.Key.Key_Tab, amount)
    # Tab to the To drug: the unit list is a stop only after a bare number (review 13, #6)
    _tab_until(window.converter.to_drug, Qt.Key.Key_Tab)
    _keys("Fen", Qt.Key.Key_Tab, "t")


def _tab_until(widget, key: Qt.Key) -> None:
    for _ in range(6):
        _keys(key)
        focus = QApplication.focusWidget()
        if focus is widget or widget.isAncestorOf(focus):
            return
    raise AssertionError(f"Tab never reached {widget.accessibleName()}")


def _headings_without_content(panel) -> list[str]:
    """Bold headings shown with nothing shown after them in their layout."""
    found = []
    layout = panel.result.parentWidget().layout()
    widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
    for at, widget in enumerate(widgets):
        if not isinstance(widget, QLabel) or "<b>" not in widget.text():
            continue
        if not widget.isVisibleTo(panel):
            continue
        after = widgets[at + 1] if at + 1 < len(widgets) else None
        empty = not isinstance(after, QLabel) or not after.text().strip()
        if after is None or empty or not after.isVisibleTo(panel):
            found.append(widget.text())
    return found


def test_no_spread_heading_under_a_refusal(make_window, tables) -> None:
    window = shown(make_window(tables))
    _ask(window, "sixty")
    panel = window.converter
    assert panel.plan is None  # refused: "sixty" is not an amount
    assert _headings_without_content(panel) == []  # was: "Across equianalgesic sets" alone
    _tab_until(panel.amount.number, Qt.Key.Key_Backtab)  # back to the amount, by keys
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    _keys("60", Qt.Key.Key_Return)
    assert panel.plan is not None
    assert panel.spread.text() and _headings_without_content(panel) == []


def _significant(figure: str) -> int:
    return len(figure.replace(".", "").lstrip("0"))


def test_the_spread_reads_estimates_to_three_figures(make_window, tables) -> None:
    window = shown(make_window(tables))
    _ask(window, "60")
    spread = window.converter.spread.text()
    figures = re.findall(r"(\d+(?:\.\d+)?) mcg/h", spread)
    assert figures, spread
    assert max(_significant(f) for f in figures) <= ESTIMATE_FIGURES  # was "28.12 mcg/h"
    assert "28.1 mcg/h" in spread
