"""Clinician re-check 12b, #5: a To frequency the converter REFUSED ("continuous" for morphine sc;
the refusal says to leave the box empty for a syringe driver) was carried to the next question as
a "kept" frequency: "Frequency kept from morphine sc: confirm it is the fentanyl transdermal
frequency". A value never accepted is dropped when its drug or route changes; only an accepted one
is kept for confirmation. Real keys (QTest), as the clinician typed them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from ui.converter.describe import ConversionQuestion

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TAB = Qt.Key.Key_Tab
CTRL = Qt.KeyboardModifier.ControlModifier
TO_SC = ConversionQuestion("oxycodone", "oral", "60 mg/day", "", "morphine", "sc", "")


def _keys(*keys: str | Qt.Key | tuple[Qt.Key, Qt.KeyboardModifier]) -> None:
    """Each key to whatever has the focus (an open list of suggestions holds the keyboard)."""
    for key in keys:
        target = QApplication.activePopupWidget() or QApplication.focusWidget()
        assert target is not None
        if isinstance(key, str):
            for char in key:
                QTest.keyClicks(target, char)
                QApplication.processEvents()
                target = QApplication.activePopupWidget() or QApplication.focusWidget()
        elif isinstance(key, tuple):
            QTest.keyClick(target, key[0], key[1])
        else:
            QTest.keyClick(target, key)
        QApplication.processEvents()


def _panel(make_window, tables):
    window = shown(make_window(tables))
    window.show_tab(3)
    panel = window.converter
    panel.set_question(TO_SC)
    assert panel.plan is not None  # morphine sc by syringe driver: an answer
    return panel


def test_a_refused_frequency_is_dropped_not_kept(make_window, tables) -> None:
    panel = _panel(make_window, tables)
    panel.to_frequency.setFocus()
    QApplication.processEvents()
    _keys("continuous")
    assert panel.plan is None  # refused: leave the box empty for a syringe driver
    refused = panel.result.text()
    assert "No conversion" in refused and "leave the frequency empty" in refused, refused
    _keys((Qt.Key.Key_K, CTRL), "morph", TAB, "o", TAB, "60", TAB, TAB, TAB, "fen", TAB, "t", TAB)
    assert panel.to_drug.currentData() == "fentanyl"
    assert panel.to_route.currentData() == "transdermal"
    line = panel.result.text()
    assert "kept from" not in line, line
    assert panel.to_frequency.currentText().strip() == ""  # "continuous" is not carried
    assert panel.plan is not None, line  # morphine oral 60 mg/day → a patch: an answer


def test_an_accepted_frequency_is_still_kept_for_confirmation(make_window, tables) -> None:
    panel = _panel(make_window, tables)
    panel.set_question(
        ConversionQuestion("oxycodone", "oral", "60 mg/day", "", "morphine", "oral", "q12h")
    )
    assert panel.plan is not None
    panel.to_route.setFocus()
    QApplication.processEvents()
    _keys("s")
    assert panel.to_route.currentData() == "sc"
    assert panel.to_frequency.currentText() == "q12h"
    assert "Frequency kept from morphine oral" in panel.result.text()
