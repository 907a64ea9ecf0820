"""Every refused cell of a row is marked at once (clinician review 8 #9: while a row's Rate was
refused, its Daily total accepted "abc" and "-5 mg/day" with no red frame or message; the second
problem showed only after the first was fixed)."""

from __future__ import annotations

import pytest

from tests.ui.keyboard import add_patch_row, cell_index, type_in_cell
from ui.models.regimen_table_model import ERROR_ROLE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.mark.parametrize("second", ["abc", "-5 mg/day"])
def test_a_second_refused_cell_is_marked_while_the_first_is(case_window, second: str) -> None:
    row = add_patch_row(case_window)
    type_in_cell(case_window, row, "rate", "abc")
    rate, daily = cell_index(case_window, row, "rate"), cell_index(case_window, row, "daily_dose")
    assert rate.data(ERROR_ROLE)  # the first refusal
    type_in_cell(case_window, row, "daily_dose", second)
    assert rate.data(ERROR_ROLE), "the rate is still refused"
    said = daily.data(ERROR_ROLE)
    assert said, f"the daily total {second!r} is not marked"
    assert "Daily total" in said or "daily total" in said, said
    # fixing the rate leaves the daily total's own refusal on screen
    type_in_cell(case_window, row, "rate", "25")
    assert not rate.data(ERROR_ROLE) and daily.data(ERROR_ROLE)
