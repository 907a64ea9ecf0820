"""Pharmacist re-check 20b, M-3: the rule that reads a per-hour rate beyond the range as its bound
rounded (``check_pump_rate``) got stricter as the rate got closer to the bound. Fentanyl IV
133.335 mcg/h (+0.001% over a top of 133.333) read "DANGER … risk of overdose" while 133.34 read
WITHIN; hydromorphone 0.18751 mg/h (+0.005% over 0.1875) read NOT REDUCED while 0.19 (+1.3%) read
WITHIN; 0.168 mg/h (+0.8% over 0.16667) NOT REDUCED while 0.17 (+2%) WITHIN. The cause: a
tolerance of "less than one step of the rate's own last decimal" punished a rate written with
more decimals.

The rule now looks at the size of the excess only: less than a pump step beyond the bound, and
either within the cited ``rotation.rounding.rounded_rate_excess`` of it or no further beyond it
than the bound rounded to the nearest (0.19 for 0.1875). Property: for a fixed plan, if a rate
beyond the top reads within, every rate between the top and it reads within; the same below the
bottom; a whole pump step beyond stays beyond.
"""

from __future__ import annotations

import json
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.numbers import pump_step
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.clinical.infusion_plans import plan_within

TABLES = get_tables()
FIXTURES = Path(__file__).parent / "fixtures" / "review19b"
ROUNDED = "only by rounding"
_REL = 1e-6


def _check(fixture: str, rate: str) -> Any:
    document = json.loads((FIXTURES / fixture).read_text())
    document["proposed"]["items"][0]["rate"] = rate
    return check_proposal(document, tables=TABLES)


FENTANYL = "D2-115-fentanyl-iv-133.34.json"  # top 133.333 mcg/h
HYDROMORPHONE_36 = "D2-36-hydromorphone-sc-0.188.json"  # top 0.1875 mg/h
HYDROMORPHONE_86 = "D2-86-hydromorphone-sc-0.166667.json"  # top 0.16667 mg/h


@pytest.mark.parametrize(
    ("fixture", "rate"),
    [
        (FENTANYL, "133.335 mcg/h"),  # +0.001%: was "DANGER … risk of overdose"
        (HYDROMORPHONE_36, "0.18751 mg/h"),  # +0.005%: was NOT REDUCED
        (HYDROMORPHONE_36, "0.1876 mg/h"),
        (HYDROMORPHONE_36, "0.189 mg/h"),  # +0.8%, nearer than 0.19 (+1.3%, within)
        (HYDROMORPHONE_36, "0.1899 mg/h"),  # nearer the top than 0.19
        (HYDROMORPHONE_86, "0.168 mg/h"),  # +0.8%: was NOT REDUCED while 0.17 (+2%) within
        (HYDROMORPHONE_86, "0.1699 mg/h"),
    ],
)
def test_a_rate_nearer_the_top_than_a_rate_within_is_within(fixture: str, rate: str) -> None:
    result = _check(fixture, rate)
    assert result.verdict == "within", (result.verdict, result.reasons)
    assert any(ROUNDED in r and rate in r for r in result.reasons), result.reasons
    assert not any("overdose" in w.message or "no reduction" in w.message for w in result.warnings)


@pytest.mark.parametrize(
    ("fixture", "rate"),
    [
        (FENTANYL, "133.35 mcg/h"),  # a whole pump step (0.01 mcg/h) above 133.333
        (FENTANYL, "133.4 mcg/h"),
        (HYDROMORPHONE_36, "0.2 mg/h"),  # 0.0125 mg/h above 0.1875
        (HYDROMORPHONE_86, "0.18 mg/h"),  # 0.0133 mg/h above 0.16667
        (HYDROMORPHONE_86, "0.17667 mg/h"),  # a pump step above, to five decimals
    ],
)
def test_a_whole_pump_step_above_stays_above(fixture: str, rate: str) -> None:
    result = _check(fixture, rate)
    assert result.verdict != "within", (result.verdict, result.reasons)
    assert not any(ROUNDED in r for r in result.reasons), result.reasons


def _at(value: float, decimals: int, rounding: str) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=rounding)


def _beyond(bound: float, step: float, up: bool) -> list[Decimal]:
    """Rates beyond ``bound`` (above it when ``up``), nearest first, out to 1.5 pump steps:
    the bound rounded at 1 to 6 decimals, a step of that last decimal further, and fractions
    of a pump step written to six decimals."""
    sign = 1 if up else -1
    away, nearest = (ROUND_CEILING, ROUND_HALF_UP) if up else (ROUND_FLOOR, ROUND_HALF_UP)
    rates: set[Decimal] = set()
    for decimals in range(1, 7):
        unit = Decimal(1).scaleb(-decimals)
        for written in (_at(bound, decimals, away), _at(bound, decimals, nearest)):
            rates |= {written, written + sign * unit}
    for part in (0.05, 0.2, 0.4, 0.5, 0.6, 0.8, 0.95, 1.0, 1.2, 1.5):
        rates.add(_at(bound + sign * part * step, 6, away))
    far = [r for r in rates if r > 0 and sign * (float(r) - bound) > bound * _REL]
    far = [r for r in far if sign * (float(r) - bound) <= 1.5 * step]
    return sorted(far, key=lambda r: abs(float(r) - bound))


def _assert_monotone(verdict: Any, rates: list[Decimal], bound: float, step: float) -> None:
    """Nearest first: once a rate reads beyond, every rate further out reads beyond; a whole
    pump step out is beyond."""
    beyond_from: Decimal | None = None
    for rate in rates:
        result = verdict(rate)
        if result is None:
            continue
        within = result.verdict == "within"
        assert not (within and beyond_from is not None), (rate, beyond_from, bound, step)
        if abs(float(rate) - bound) >= step * (1 + _REL):
            assert not within, (rate, bound, step, result.reasons)
        if not within and beyond_from is None:
            beyond_from = rate


@settings(max_examples=25, deadline=None)
@given(
    daily=st.integers(30, 1200),
    to=st.sampled_from(
        [
            ("hydromorphone", "sc"),
            ("hydromorphone", "iv"),
            ("morphine", "sc"),
            ("oxycodone", "sc"),
            ("fentanyl", "iv"),
        ]
    ),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
    up=st.booleans(),
)
@example(daily=90, to=("hydromorphone", "sc"), table="uk-palliative", up=True)
@example(daily=63, to=("morphine", "sc"), table="fpm-2021", up=False)
def test_the_rounding_tolerance_is_monotone_in_the_excess(
    daily: int, to: tuple[str, str], table: str, up: bool
) -> None:
    planned = plan_within(daily, to, table)
    if planned is None:
        return
    rate, verdict, exact = planned
    short = rotation_rules(TABLES).rounding.short_tolerance.fraction  # below: its own tolerance
    end = exact.expected_high if up else exact.expected_low * (1 - short)
    bound = rate.value * end / exact.proposed_ome_per_day
    _assert_monotone(verdict, _beyond(bound, pump_step(bound), up), bound, pump_step(bound))


def _by_volume(oral_per_day: int, ml_per_hour: str) -> Any:
    """Morphine SC 10 mg/mL by the hour, from oral morphine MR (uk-palliative, 2:1)."""
    current = {"drug": "morphine", "route": "oral", "form": "MR",
               "dose": f"{oral_per_day / 2:g} mg", "frequency": "q12h"}  # fmt: skip
    proposed = {"drug": "morphine", "route": "sc", "rate": f"{ml_per_hour} mL/h",
                "concentration": "10 mg/mL"}  # fmt: skip
    document = {
        "table": "uk-palliative",
        "patient": {"cancer_or_palliative": True},
        "from": {"items": [current]},
        "proposed": {"items": [proposed]},
    }
    return check_proposal(document, tables=TABLES)


def test_a_rate_by_volume_follows_the_same_monotone_rule() -> None:
    """Top 12.7083 mg/h = 1.27083 mL/h at 10 mg/mL; a pump's step 0.01 mg/h = 0.001 mL/h.
    1.2715 mL/h (+0.05%) read ABOVE under the last-decimal rule while 1.27084 read within;
    now every rate less than a pump step above reads within, and 1.272 mL/h (+0.09%, 0.0012
    mL/h above) does not."""
    verdicts = [_by_volume(610, rate).verdict for rate in ("1.27084", "1.2709", "1.2715", "1.2718")]
    assert verdicts == ["within"] * 4, verdicts
    assert _by_volume(610, "1.272").verdict != "within"
