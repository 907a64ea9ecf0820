"""Found by the default run's property (tests/rotation/test_mixed_first_part.py) on 4 December,
session 15, and failing identically on the session's start code (d452bf1): a fentanyl patch
12.5 mcg/h beside morphine IR 3 mg q4h and a fentanyl IV infusion 20 mcg/h, switched to a
fentanyl IV infusion under fpm-2021. The first part (the regular lines' own share, given from
0 h) is 500 mcg/day ("20.83 mcg/h … at their own reduction of 3.9%": 12.3% below its 570
mcg/day equivalent): the injected grid's step below 547.5, below the part's own range (525–547.5
mcg/day, its 3.9–7.9% reduction) by 4.8%, more than the short tolerance, with no
"first-part-below-range" caution and a reduction said that is not the one given; the full dose
from 17 h is right. An under-dose of the morphine's share for the first 17 hours, not an
overdose. Open: kept here as a known defect (strict xfail: the day it is fixed,
this test fails and is turned into a plain test)."""

from __future__ import annotations

import pytest

from mps_pain.services.rotation_service import plan_rotation

REQUEST = {
    "from": {
        "items": [
            {"drug": "fentanyl", "route": "transdermal", "rate": "12.5 mcg/h"},
            {"drug": "morphine", "route": "oral", "form": "ir", "dose": "3 mg", "frequency": "q4h"},
            {"drug": "fentanyl", "route": "iv", "rate": "20.0 mcg/h"},
        ]
    },
    "to": {"drug": "fentanyl", "route": "iv", "continuous": True},
    "table": "fpm-2021",
}


@pytest.mark.xfail(
    reason="open defect: the staged first part is rounded below its own range without a caution",
    strict=True,
)
def test_a_first_part_below_its_own_range_is_cautioned() -> None:
    plan = plan_rotation(REQUEST)
    first = plan.first_part
    assert first is not None
    low = first.equianalgesic_daily_dose.value * (1 - first.reduction_range[1])
    cautioned = any(w.code == "first-part-below-range" for w in plan.warnings)
    assert first.daily_dose.value >= low * (1 - 1e-9) or cautioned, (first.daily_dose, low)
