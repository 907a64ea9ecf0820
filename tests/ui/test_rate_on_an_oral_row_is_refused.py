"""Clinician re-check 19b, R4, in the regimen table by real keys: a Rate on an oral MR row was
accepted (shot-114), and a bare number there was told to use a syringe driver's units
(shot-112). It is refused on the Rate, saying what an oral row takes
(tests/domain/test_rate_only_by_infusion_or_patch.py)."""

from __future__ import annotations

import pytest

from tests.ui.conftest import shown
from tests.ui.keyboard import add_row_of, cell_index, type_in_cell
from tests.ui.vocabulary import developer_words
from ui.models.regimen_table_model import ERROR_ROLE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.mark.parametrize("typed", ["60 mg/24 h", "2.5 mg/h", "60"])
def test_a_rate_on_an_oral_row_is_refused_saying_what_it_takes(case_window, typed: str) -> None:  # type: ignore[no-untyped-def]
    window = shown(case_window)
    row = add_row_of(window, drug="morphine", route="oral", form="MR")
    type_in_cell(window, row, "rate", typed)
    said = cell_index(window, row, "rate").data(ERROR_ROLE)
    assert said is not None, cell_index(window, row, "rate").data()
    assert "by the oral route a drug is not given as a rate" in said, said
    assert "give a Dose and a Frequency" in said, said
    assert "syringe" not in said and "mg/h" not in said and "24 h" not in said, said
    assert not developer_words([said])
    assert cell_index(window, row, "mme").data() == "excluded"
