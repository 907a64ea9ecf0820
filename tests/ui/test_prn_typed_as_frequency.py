""" "prn" typed in Frequency points to the PRN column (clinician review 13 #5: the refusal said
"choose one from the list ... e.g. q4h", and ticking PRN with q4h was refused in turn, so the
guidance went round in circles)."""

from __future__ import annotations

import pytest

from tests.ui.keyboard import type_in_cell
from ui.models.regimen_table_model import ERROR_ROLE


@pytest.mark.parametrize("typed", ["prn", "PRN", "p.r.n.", "as needed", "as required"])
def test_an_as_needed_word_in_frequency_says_to_tick_prn(case_window, typed: str) -> None:
    window = case_window
    model = window.editor.model
    type_in_cell(window, 0, "frequency", typed)
    message = model.index(0, model.column_of("frequency")).data(ERROR_ROLE)
    assert message is not None and "tick PRN" in message, message
    assert "Taken/24 h" in message, message
