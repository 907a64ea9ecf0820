"""Clinician review 14, #6 (13b #6): "q4h prn" typed in Frequency was refused as an unknown
frequency with no pointer to the PRN column; with PRN ticked, Frequency q4h and Taken/24 h the
row was refused with "Give one way of dosing: Dose and Frequency, Rate, or Daily total", though
it gave Dose and Frequency. Any frequency text with an as-needed word now points to the PRN tick,
and an as-needed row with a Frequency says what an as-needed row takes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.keyboard import select_cell, type_in_cell
from ui.models.regimen_table_model import ERROR_ROLE

OXY_IR = (
    "table: uk-palliative\nitems:\n"
    "  - {drug: oxycodone, route: oral, form: IR, dose: 5 mg, frequency: q4h}\n"
)


def _window(make_window, tables, tmp_path: Path):
    source = tmp_path / "oxy.yaml"
    source.write_text(OXY_IR, encoding="utf-8")
    return make_window(tables, source)


def _refusal(window) -> str:
    model = window.editor.model
    for name in ("frequency", "doses_per_day", "dose", "prn", "drug"):
        message = model.index(0, model.column_of(name)).data(ERROR_ROLE)
        if message:
            return str(message)
    return ""


@pytest.mark.parametrize(
    "typed", ["q4h prn", "prn q4h", "Q4H PRN", "4-hourly p.r.n.", "q4h as needed"]
)
def test_a_frequency_with_prn_points_to_the_prn_tick(
    make_window, tables, tmp_path: Path, typed: str
) -> None:
    window = _window(make_window, tables, tmp_path)
    type_in_cell(window, 0, "frequency", typed)
    message = _refusal(window)
    assert "tick PRN" in message and "Taken/24 h" in message, message
    assert "leave Frequency empty" in message, message
    assert "not a frequency this program knows" not in message, message


def test_an_as_needed_row_with_a_frequency_says_what_it_takes(
    make_window, tables, tmp_path: Path
) -> None:
    window = _window(make_window, tables, tmp_path)
    view = select_cell(window, 0, "prn")
    QTest.keyClick(view, Qt.Key.Key_Space)  # PRN ticked; Frequency q4h kept
    type_in_cell(window, 0, "doses_per_day", "3")
    raw = window.session.state.rows[0].raw
    assert raw["prn"] and raw["frequency"] == "q4h", raw
    message = _refusal(window)
    assert "Give one way of dosing" not in message, message
    assert "as-needed" in message and "Dose and Taken/24 h" in message, message
    assert "leave Frequency empty" in message, message


@pytest.mark.parametrize("typed", ["5 mg prn", "5mg PRN", "5 mg as needed"])
def test_a_dose_with_prn_points_to_the_prn_tick(
    make_window, tables, tmp_path: Path, typed: str
) -> None:
    """Clinician review 15, #9: "5 mg prn" typed in Dose was refused without a word of the PRN
    tick. The as-needed words are one rule (`frequency_meaning`), read in Dose too."""
    window = _window(make_window, tables, tmp_path)
    type_in_cell(window, 0, "dose", typed)
    message = _refusal(window)
    assert "tick PRN" in message and "Taken/24 h" in message, message
