"""Pharmacist re-check 15b, #9: as-needed words with no interval (as a plan prints its
breakthrough line, "as needed (bolus)") on a row with PRN ticked restate the tick and are
accepted, by the one rule every item is read by (``RegimenItem``); an interval ("q4h prn")
is still refused (tests/ui/test_prn_with_a_frequency.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.keyboard import select_cell, type_in_cell
from tests.ui.test_prn_with_a_frequency import _refusal, _window


@pytest.mark.parametrize("typed", ["as needed", "as needed (dose)", "PRN"])
def test_a_ticked_row_with_as_needed_words_is_read(
    make_window, tables, tmp_path: Path, typed: str
) -> None:
    window = _window(make_window, tables, tmp_path)
    view = select_cell(window, 0, "prn")
    QTest.keyClick(view, Qt.Key.Key_Space)  # PRN ticked
    type_in_cell(window, 0, "doses_per_day", "3")
    type_in_cell(window, 0, "frequency", typed)
    assert _refusal(window) == "", _refusal(window)


def test_a_ticked_row_with_an_interval_is_still_refused(
    make_window, tables, tmp_path: Path
) -> None:
    window = _window(make_window, tables, tmp_path)
    view = select_cell(window, 0, "prn")
    QTest.keyClick(view, Qt.Key.Key_Space)
    type_in_cell(window, 0, "doses_per_day", "3")
    type_in_cell(window, 0, "frequency", "q4h prn")
    message = _refusal(window)
    assert "leave Frequency empty" in message, message
