"""Clinician re-check 19b, R1, in the regimen table by real keys: "20 mg/h" typed in the Rate of
an SC morphine row is 480 mg over 24 h (960 OME a day) and the warnings list was EMPTY. It now
says "check the unit: 20 mg/h … is 480 mg over 24 h", a caution on that row; the row is kept
(``domain/per_hour_rate.py``; tests/clinical_rules/test_per_hour_rate_caution.py)."""

from __future__ import annotations

import pytest

from tests.ui.conftest import shown
from tests.ui.keyboard import add_row_of, cell_index, type_in_cell
from tests.ui.vocabulary import developer_words
from ui.models.regimen_table_model import ERROR_ROLE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_an_sc_rate_per_hour_that_may_be_a_24_hour_amount_is_a_caution(case_window) -> None:  # type: ignore[no-untyped-def]
    window = shown(case_window)
    row = add_row_of(window, drug="morphine", route="sc", form="injection")
    type_in_cell(window, row, "rate", "20 mg/h")
    assert cell_index(window, row, "rate").data(ERROR_ROLE) is None  # kept: not refused
    said = [w for w in window.warnings_panel.model.warnings() if w.row == row]
    cautions = [w for w in said if "check the unit: 20 mg/h" in w.message]
    assert cautions and cautions[0].severity == "caution", [w.message for w in said]
    assert "480 mg over 24 h" in cautions[0].message
    assert not developer_words([cautions[0].message])
