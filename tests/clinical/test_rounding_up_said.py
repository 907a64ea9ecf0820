"""Pharmacist re-check 20b, L-1: f/P06 (buprenorphine 10 mcg/h at eGFR 20 → hydromorphone IR,
fpm-2021, AU) rounded the 30%-reduced 0.7 mg q6h UP to 1 mg (4 mg/day, the unreduced amount),
and step 5 said "rounding loss 0% from the reduced target": a dose 43% above the reduced target,
which wipes out the whole reduction, read as if nothing had moved.

Every place the rounding is worded (step 5, the plan's "Rounded" fact) says a dose rounded up
as "rounded up N% above the reduced target" and the effective reduction beside it; a dose
rounded down keeps "rounding loss N% from the reduced target". The class as a property of the
one wording function, and over a spread of plans both ways.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mps_pain.domain.as_printed import not_above_as_printed
from mps_pain.domain.rotation.rounding_words import rounding_change
from mps_pain.errors import NoConversionFactorError
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.units import format_number

TABLES = get_tables()
P06 = {
    "from": {
        "items": [
            {"drug": "buprenorphine", "route": "transdermal", "form": "patch", "rate": "10 mcg/h"}
        ]
    },
    "to": {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
    "table": "fpm-2021",
    "market": "AU",
    "patient": {"cancer_or_palliative": True, "egfr": 20},
}
OXY_60 = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}


def _said(request: dict[str, object]) -> tuple[str, str, float, float]:
    plan = plan_rotation(request, tables=TABLES)
    view = plan_view(plan)
    step5 = next(s for s in view.steps if s.startswith("5."))
    fact = next(f.value for f in view.facts if f.label.startswith(("Rounded", "Measured")))
    assert plan.rounded_daily_dose is not None
    return step5, fact, plan.target_daily_dose.value, plan.rounded_daily_dose.value


def test_p06_says_rounded_up_and_the_effective_reduction() -> None:
    step5, fact, target, rounded = _said(P06)
    assert rounded > target
    for words in (step5, fact):
        assert "rounding loss 0%" not in words, words
        assert "rounded up 42.9% above the reduced target" in words, words
        assert "effective reduction" in words and "0%" in words, words


@pytest.mark.parametrize(
    "to",
    [
        {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
        {"drug": "morphine", "route": "oral", "form": "MR", "frequency": "q12h"},
        {"drug": "fentanyl", "route": "transdermal"},
        {"drug": "morphine", "route": "sc", "continuous": True},
        {"drug": "oxycodone", "route": "oral", "form": "IR", "frequency": "q6h"},
        {"drug": "oxycodone", "route": "sc", "frequency": "q4h"},
        {"drug": "buprenorphine", "route": "transdermal"},
    ],
)
@pytest.mark.parametrize("table", ["uk-palliative", "fpm-2021", "jspm-2010"])
def test_every_rounding_says_its_direction(to: dict[str, object], table: str) -> None:
    request = {"from": {"items": [OXY_60]}, "to": to, "table": table}
    try:
        plan = plan_rotation(request, tables=TABLES)
    except NoConversionFactorError:
        pytest.skip("the set has no factor for this drug")
    if plan.rounded_daily_dose is None or plan.band_dose is not None:
        pytest.skip("no dose, or a band table's dose (its own words)")
    step5, fact, target, rounded = _said(request)
    up = rounded > target * (1 + 1e-6)
    for words in (step5, fact):
        assert ("rounded up" in words) == up, (words, target, rounded)
        assert ("rounding loss" in words) == (not up), (words, target, rounded)


@given(
    target=st.floats(min_value=0.01, max_value=1000),
    factor=st.one_of(
        st.just(1.0), st.floats(min_value=0.2, max_value=3).filter(lambda f: abs(f - 1) > 1e-3)
    ),
)
@example(target=1.0, factor=1.00390625)  # CI on 73661ca, the long campaign
def test_the_words_say_the_direction_and_the_size(target: float, factor: float) -> None:
    rounded = target * factor
    words = rounding_change(target, rounded, lambda v: format_number(v, 3))
    change = (rounded - target) / target * 100
    found = re.search(r"(rounded up|rounding loss) ([\d.]+)%", words)
    assert found is not None, words
    # session 20: an amount that is the target as printed (three figures, at most half a unit
    # of its third figure above it: ``as_printed``, tested on its own) has lost nothing, and is
    # no rounding up (CI's long campaign drew 1.0039 beside a target of 1, both "1.00")
    if change > 1e-6 and not_above_as_printed(rounded, target):
        assert found.group(1) == "rounding loss" and float(found.group(2)) == 0, words
    elif change > 1e-6:
        assert found.group(1) == "rounded up" and "above the reduced target" in words
        assert float(found.group(2)) == pytest.approx(change, abs=0.001, rel=0.005)
    else:
        assert found.group(1) == "rounding loss" and "from the reduced target" in words
        assert float(found.group(2)) == pytest.approx(-change, abs=0.001, rel=0.005)
