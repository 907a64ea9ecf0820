"""A current line kept IDENTICAL in the proposal is not switched (pharmacist review 13, #1, O14b).

Oxycodone ER 20 mg q12h + oxycodone IR 5 mg as needed x3/day -> morphine ER 10 mg q12h + the same
oxycodone IR 5 mg as needed x3 was WITHIN 41.25-61.88 mg/day OME: the whole 82.5 (60 regular +
22.5 as needed) x (1 - 25-50%), against a proposal of 42.5 (20 + the unchanged 22.5). Only the
regular oxycodone (60 OME, reference §3(b) oxycodone 1.5) is switched, at 25-50% (Milton
Keynes): 30-45 mg/day; the kept line stays 22.5 -> 52.5-67.5 mg/day OME, and 20 mg/day morphine
is a 67% cut of the regular opioid -> BELOW. The kept line takes the same drug's case (0%) on its
share, the one per-share rule of a mixed switch (``reduction.shares``), said "kept unchanged".
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.clinical.test_added_line_other_drug import _check, _said

_OXY_ER = {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "q12h"}
_OXY_PRN = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "ir",
    "dose": "5 mg",
    "prn": True,
    "doses_per_day": 3,
}


def _morphine_er(mg: float) -> dict[str, Any]:
    return {
        "drug": "morphine",
        "route": "oral",
        "form": "er",
        "dose": f"{mg:g} mg",
        "frequency": "q12h",
    }


def test_o14b_a_kept_as_needed_line_is_taken_out_of_the_switch() -> None:
    result = _check([_OXY_ER, _OXY_PRN], [_morphine_er(10), _OXY_PRN], "uk-palliative")
    said = _said(result)
    assert (result.expected_low, result.expected_high) == pytest.approx((52.5, 67.5)), said
    assert result.proposed_ome_per_day == pytest.approx(42.5), said
    assert result.verdict == "below", said
    assert "kept unchanged" in said, said


def test_o14_the_same_with_morphine_30_q12h_has_the_kept_range() -> None:
    result = _check([_OXY_ER, _OXY_PRN], [_morphine_er(30), _OXY_PRN], "uk-palliative")
    said = _said(result)
    assert (result.expected_low, result.expected_high) == pytest.approx((52.5, 67.5)), said
    assert result.proposed_ome_per_day == pytest.approx(82.5), said
    assert result.verdict == "not_reduced", said  # not above the equianalgesic 82.5


def test_within_for_the_switched_part_is_within_with_the_kept_line() -> None:
    # 60 OME oxycodone -> morphine 40 mg/day (-33%) is within alone, and beside the kept line
    alone = _check([_OXY_ER], [_morphine_er(20)], "uk-palliative")
    kept = _check([_OXY_ER, _OXY_PRN], [_morphine_er(20), _OXY_PRN], "uk-palliative")
    assert alone.verdict == kept.verdict == "within", _said(kept)
