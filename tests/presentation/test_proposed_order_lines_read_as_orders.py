"""Clinician review 17, #4 (order lines): a kept rescue in a proposal read "Proposed order: …
morphine oral IR 10 mg as needed, 0 doses in 24 h", an order for no doses; a breakthrough order
read "…as needed, doses in 24 h not reported". A proposed as-needed line is an order: its count,
where one is typed, is the use expected; a zero or an unreported count on a breakthrough order is
no part of the order and is not written. (A current regimen's line keeps its count: there it is
the doses taken; an as-needed-only proposal that is summed keeps "not reported", its danger.)"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.regimen import RegimenItem
from mps_pain.presentation.orders import RESCUE_MARK, order_lines, proposed_order_lines

REGULAR = RegimenItem.model_validate(
    {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg", "frequency": "q12h"}
)


def _rescue(count: object) -> RegimenItem:
    item = {"drug": "morphine", "route": "oral", "form": "IR", "prn": True, "dose": "10 mg"}
    return RegimenItem.model_validate({**item, "doses_per_day": count})


def test_a_kept_rescue_is_not_ordered_as_zero_doses() -> None:
    lines = proposed_order_lines([REGULAR, _rescue(0)], None)
    assert lines[1] == "morphine oral IR 10 mg as needed", lines


@given(st.sampled_from([0, 1, 2, 4, 6, "not reported"]), st.booleans())
def test_no_proposed_order_reads_as_zero_doses_or_an_unreported_count(
    count: object, marked: bool
) -> None:
    lines = order_lines([REGULAR, _rescue(count)], {1} if marked else (), RESCUE_MARK)
    assert "0 doses" not in lines[1], lines
    if marked:
        assert "not reported" not in lines[1], lines
    if isinstance(count, int) and count > 0:
        assert str(count) in lines[1], lines  # the use expected, when typed, is said


def test_a_current_regimens_count_is_still_the_doses_taken() -> None:
    assert order_lines([REGULAR, _rescue(2)])[1].endswith("as needed, 2 doses in 24 h")
