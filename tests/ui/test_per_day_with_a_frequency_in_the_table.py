"""Clinician review 19, H1, audited across the app: an amount per day beside a Frequency is
asked "per dose or per day?" wherever it is typed (the regimen table, the check's proposed
order, the quick converter), from the one refusal of the core (``mixed_dosing_error``), never
read as one or the other. A rate beside a Frequency is told a rate takes none. Real keys."""

from __future__ import annotations

import pytest

from tests.ui.conftest import shown
from tests.ui.keyboard import add_patch_row, cell_index, type_in_cell
from tests.ui.vocabulary import developer_words
from ui.models.regimen_table_model import ERROR_ROLE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_a_daily_total_with_a_frequency_asks_per_dose_or_per_day(case_window) -> None:  # type: ignore[no-untyped-def]
    window = shown(case_window)
    assert window.results_panel.total_label.text() == "90 MME/day"  # 60 mg/day oxycodone
    type_in_cell(window, 0, "frequency", "bd")
    said = cell_index(window, 0, "frequency").data(ERROR_ROLE)
    assert said is not None and "per dose or per day" in said, said
    assert "“60 mg/day” is an amount per day" in said
    assert not developer_words([said])
    assert cell_index(window, 0, "mme").data() == "excluded"  # never counted one way or other


def test_a_patch_rate_with_a_frequency_is_told_a_rate_takes_none(case_window) -> None:  # type: ignore[no-untyped-def]
    window = shown(case_window)
    row = add_patch_row(window)
    type_in_cell(window, row, "rate", "25 mcg/h")
    type_in_cell(window, row, "frequency", "q72h")
    said = cell_index(window, row, "frequency").data(ERROR_ROLE)
    assert said is not None and "“25 mcg/h” is a rate" in said and "no Frequency" in said, said
    assert not developer_words([said])
