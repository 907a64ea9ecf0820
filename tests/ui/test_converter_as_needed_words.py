"""Clinician re-check 19b, R9: in the Quick converter, From oxycodone, "10", Frequency "prn" was
refused with the regimen table's words: "tick PRN and give the Dose and the doses taken in 24 h
(Taken/24 h), and leave Frequency empty". The converter has no PRN box and no Taken/24 h field.
Every as-needed refusal the converter gives (its From frequency, its To frequency, as-needed
words typed in its amount) says what the converter takes, and names no field it lacks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from ui.converter.describe import ConversionQuestion

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

#: fields of the regimen table the converter does not have
NOT_IN_THE_CONVERTER = ("tick PRN", "Taken/24 h", "PRN ticked", "Dose and")


def _typed_into(window, widget, typed: str) -> str:
    widget.setFocus()
    QApplication.processEvents()
    QTest.keySequence(QApplication.focusWidget(), "Ctrl+A")
    QTest.keyClicks(QApplication.focusWidget(), typed)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    QApplication.processEvents()
    return window.converter.result.text()


@pytest.mark.parametrize("typed", ["prn", "q4h prn", "as needed"])
@pytest.mark.parametrize("side", ["from", "to"])
def test_an_as_needed_frequency_is_refused_in_the_converters_words(
    make_window, tables, side: str, typed: str
) -> None:
    window = shown(make_window(tables))
    window.tabs.setCurrentIndex(3)
    panel = window.converter
    panel.set_question(
        ConversionQuestion("oxycodone", "oral", "10 mg", "q4h", "morphine", "oral", "")
    )
    box = panel.from_frequency if side == "from" else panel.to_frequency
    line = _typed_into(window, box, typed)
    assert panel.plan is None, line
    assert not [w for w in NOT_IN_THE_CONVERTER if w in line], line
    assert "not a frequency" in line, line
    if side == "from":
        assert "regular" in line and "mg/day" in line, line  # the total taken in 24 h
    else:
        assert "regular" in line, line


def test_as_needed_words_in_the_amount_are_refused_in_the_converters_words(
    make_window, tables
) -> None:
    window = shown(make_window(tables))
    window.tabs.setCurrentIndex(3)
    panel = window.converter
    panel.set_question(
        ConversionQuestion("oxycodone", "oral", "10 mg", "q4h", "morphine", "oral", "")
    )
    line = _typed_into(window, panel.amount.number, "10 mg prn")
    assert panel.plan is None, line
    assert not [w for w in NOT_IN_THE_CONVERTER if w in line], line
    assert "as-needed" in line and "mg/day" in line, line
