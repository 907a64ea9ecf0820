"""Clinician review 18 #9 (shot-08): the Rate cell kept "25mcg/hr" as typed, though it was read as
25 mcg/h. Every amount cell (dose, rate, daily total, concentration) that is read shows the amount
as read ("25 mcg/h", "10 mg"), as the totals and plans print it; a refused cell still shows
exactly what was typed (clinician review 5), and editing a cell reopens the text typed."""

from __future__ import annotations

import pytest

from mps_pain.units import parse_quantity
from tests.ui.conftest import shown
from tests.ui.keyboard import add_patch_row, cell_index, type_in_cell

SPELLINGS = [
    ("rate", "25mcg/hr", "25 mcg/h"),
    ("rate", "25 micrograms/hour", "25 mcg/h"),
    ("rate", "12.5 mcg/hour", "12.5 mcg/h"),
]
ORAL = [
    ("dose", "10mg", "10 mg"),
    ("daily_dose", "60mg/day", "60 mg/day"),
]


@pytest.mark.parametrize(("field", "typed", "read"), SPELLINGS)
def test_a_patch_rate_is_shown_as_read(case_window, field: str, typed: str, read: str) -> None:
    window = shown(case_window)
    row = add_patch_row(window)
    type_in_cell(window, row, field, typed)
    model = window.editor.model
    assert model.shown_text(row, cell_index(window, row, field).column()) == read
    assert read == str(parse_quantity(typed))  # the core's own reading, one rule
    assert window.session.state.rows[row].error is None  # read, counted


@pytest.mark.parametrize(("field", "typed", "read"), ORAL)
def test_an_oral_amount_is_shown_as_read(case_window, field: str, typed: str, read: str) -> None:
    window = shown(case_window)
    model = window.editor.model
    if field == "dose":
        model.setData(cell_index(window, 0, "daily_dose"), "")  # the row dosed per dose
        model.setData(cell_index(window, 0, "frequency"), "q12h")
    type_in_cell(window, 0, field, typed)
    assert window.session.state.rows[0].error is None, window.session.state.rows[0].error
    assert model.shown_text(0, cell_index(window, 0, field).column()) == read


def test_a_refused_amount_is_still_shown_as_typed(case_window) -> None:
    window = shown(case_window)
    row = add_patch_row(window)
    type_in_cell(window, row, "rate", "-5mcg/hr")
    model = window.editor.model
    assert model.shown_text(row, cell_index(window, row, "rate").column()) == "-5mcg/hr"
