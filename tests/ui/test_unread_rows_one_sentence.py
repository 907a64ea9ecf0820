"""Session 17, #4 (docs/gui.md, ui-fix13 #3): a row that could not be read stopped the check with
"No verdict: The proposed order has row 1 that could not be read (marked red) — row 1: Dose: …
Correct or delete them first: nothing is planned, checked or copied without them.": the row was
named twice, and what to fix came between two frames. It is one plain sentence: what to do, the
row and its side, then the row's own problem (which says what to fix), each row named once."""

from __future__ import annotations

import pytest

from mps_pain.domain.rotation.context import refuse_excluded_rows
from mps_pain.errors import InputError
from ui.error_words import plain_error

RATE_IN_DOSE = (
    "Dose: mcg/h is a rate: a patch strength or infusion rate goes in Rate, e.g. 25 mcg/h. "
    "The Dose is one dose given at a time, e.g. 100 mcg."
)
NOT_A_NUMBER = "Daily total: “sixty mg” is not a number of mg/day, e.g. 60 mg/day."


def _said(rows: list[tuple[int, str]], side: str) -> str:
    with pytest.raises(InputError) as refused:
        refuse_excluded_rows(rows, side)
    return plain_error(refused.value)


@pytest.mark.parametrize(
    ("side", "whose"), [("proposed", "the proposed order"), ("from", "the current regimen")]
)
def test_one_row_is_named_once_with_what_to_fix(side: str, whose: str) -> None:
    text = _said([(0, RATE_IN_DOSE)], side)
    assert text == f"Correct or delete row 1 of {whose} (marked red) — {RATE_IN_DOSE}", text
    assert text.count("row 1") == 1, text


def test_two_rows_each_named_once_with_its_problem() -> None:
    text = _said([(0, RATE_IN_DOSE), (2, NOT_A_NUMBER)], "proposed")
    assert text == (
        "Correct or delete these rows of the proposed order (marked red) — "
        f"row 1: {RATE_IN_DOSE.rstrip('.')}; row 3: {NOT_A_NUMBER}"
    ), text
    assert text.count("row 1") == text.count("row 3") == 1, text
    assert "could not be read" not in text and "them first" not in text, text
