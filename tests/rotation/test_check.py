"""The pharmacist check: within / below / above the sourced range, with numbers and reasons."""

from __future__ import annotations

import pytest

from mps_pain.errors import InputError
from mps_pain.services.rotation_service import check_proposal
from tests.rotation.conftest import scheduled

CURRENT = {"items": [scheduled("alphadone", "60 mg", "q12h", form="ER")]}  # 120 OME


def _check(rot, proposed_items, **extra):
    return check_proposal(
        {"from": CURRENT, "proposed": {"items": proposed_items}, **extra}, tables=rot
    )


@pytest.mark.parametrize(
    ("betadone_mg_per_dose", "verdict"),
    # betadone 2.5 OME/mg; expected 120 × (1 − 0.4 … 1 − 0.2) = 72–96 OME = 28.8–38.4 mg/day
    # 8 mg q4h = 120 OME, the current OME itself: not reduced (a caution, pharmacist review 8,
    # N5); 9 mg is above equianalgesia: the overdose danger
    [("5 mg", "within"), ("4 mg", "below"), ("8 mg", "not_reduced"), ("9 mg", "above")],
)
def test_the_verdict_follows_the_expected_range(rot, betadone_mg_per_dose, verdict) -> None:
    result = _check(rot, [scheduled("betadone", betadone_mg_per_dose, "q4h", form="IR")])
    assert result.verdict == verdict
    assert (result.expected_low, result.expected_high) == pytest.approx((72, 96))
    assert result.reasons and result.current_ome_per_day == 120


def test_above_is_a_danger_and_below_a_caution(rot) -> None:
    above = _check(rot, [scheduled("betadone", "9 mg", "q4h", form="IR")])
    below = _check(rot, [scheduled("betadone", "2 mg", "q4h", form="IR")])
    assert above.warnings[0].severity == "danger"
    assert below.warnings[0].severity == "caution"


def test_a_route_change_of_the_same_drug_expects_the_range_of_its_factors(rot) -> None:
    # the fixture's IV row is 4 (range 3–5): a proposal is valued at the range's high end, the
    # planner's target end (pharmacist review 7, D1): 24 mg/day × 5 = 120, the current OME
    result = _check(rot, [{"drug": "alphadone", "route": "iv", "rate": "1 mg/h"}])
    assert result.verdict == "within"
    assert (result.reduction_low, result.reduction_high) == (0, pytest.approx(0.1))
    # 30 mg/day (the point's 120 ÷ 4) is 150 at the potent end: above 108–120
    assert _check(rot, [{"drug": "alphadone", "route": "iv", "rate": "1.25 mg/h"}]).verdict == (
        "above"
    )


def test_a_methadone_proposal_is_compared_with_the_methods(rot) -> None:
    ok = _check(rot, [scheduled("deltadone", "4 mg", "tid", form="tablet")])
    assert ok.verdict == "within" and ok.unit == "mg/day methadone"
    high = _check(rot, [scheduled("deltadone", "40 mg", "tid", form="tablet")])
    assert high.verdict == "above"


def test_a_mixed_methadone_proposal_is_refused(rot) -> None:
    with pytest.raises(InputError) as caught:
        _check(
            rot,
            [
                scheduled("deltadone", "4 mg", "tid"),
                scheduled("betadone", "4 mg", "q4h", form="IR"),
            ],
        )
    assert caught.value.location == "proposed.items"


def test_a_risk_set_is_refused_for_the_check_too(rot) -> None:
    with pytest.raises(InputError) as caught:
        _check(rot, [scheduled("betadone", "5 mg", "q4h", form="IR")], table="set-risk")
    assert caught.value.location == "table"
