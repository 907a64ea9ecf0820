"""Fuzz re-check 19b, D2: a pump rate that is the range's top written to fewer decimals read NOT
REDUCED, once "DANGER … risk of overdose" (fentanyl IV 133.34 mcg/h for the plan's 133.333:
640.03 against 640; hydromorphone SC 0.166667 mg/h for 0.1666…; 0.188 mg/h for 0.1875;
oxycodone SC 8.34 mg/h for 8.333).

The rule (``check_pump_rate``; docs/rotation.md "Pharmacist check"): a single per-hour infusion
beyond the range is that bound rounded when it lies less than one pump step
(``numbers.pump_step``) beyond it, and within the cited 1% of it or no further than it rounded to
the nearest: within, with a rounding note. A whole pump step beyond stays beyond. (Until
pharmacist re-check 20b M-3 a rate also had to lie less than one step of its own last decimal
beyond; that made the rule stricter nearer the bound: ``test_pump_rate_monotone.py``.)
"""

from __future__ import annotations

import json
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
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
_REL = 1e-6  # the check's own float tolerance: a rate this close to the top is the top
_EXCESS = rotation_rules(TABLES).rounding.rounded_rate_excess.fraction  # the cited 1%


def _check(fixture: str, rate: str | None = None) -> Any:
    document = json.loads((FIXTURES / fixture).read_text())
    if rate is not None:
        document["proposed"]["items"][0]["rate"] = rate
    return check_proposal(document, tables=TABLES)


CASES = [
    ("D2-86-hydromorphone-sc-0.166667.json", "0.166667 mg/h"),
    ("D2-36-hydromorphone-sc-0.188.json", "0.188 mg/h"),
    ("D2-oxycodone-sc-8.34.json", "8.34 mg/h"),
    ("D2-115-fentanyl-iv-133.34.json", "133.34 mcg/h"),
]


@pytest.mark.parametrize(("fixture", "rate"), CASES)
def test_the_top_written_to_fewer_decimals_is_within_with_a_rounding_note(
    fixture: str, rate: str
) -> None:
    result = _check(fixture)
    assert result.verdict == "within", (result.verdict, result.reasons)
    note = next((r for r in result.reasons if ROUNDED in r), "")
    assert rate in note, result.reasons
    assert not any(w.code == "proposal-above-range" for w in result.warnings), result.warnings
    assert not any("overdose" in w.message or "no reduction" in w.message for w in result.warnings)


@pytest.mark.parametrize(
    ("fixture", "rate"),
    [
        # a whole pump step (0.01) above the top: 8.3333 and 133.333
        ("D2-oxycodone-sc-8.34.json", "8.35 mg/h"),
        ("D2-115-fentanyl-iv-133.34.json", "133.35 mcg/h"),
        # written to one decimal, 0.0125 mg/h (more than a pump's 0.01 mg/h) above 0.1875
        ("D2-36-hydromorphone-sc-0.188.json", "0.2 mg/h"),
    ],
)
def test_a_whole_step_above_the_top_stays_above(fixture: str, rate: str) -> None:
    result = _check(fixture, rate)
    assert result.verdict != "within", (result.verdict, result.reasons)
    assert not any(ROUNDED in r for r in result.reasons), result.reasons


@pytest.mark.parametrize(
    ("fixture", "rate"),
    [
        # one step of the last decimal above the top rounded up at that precision: stayed above
        # under the rule of session 19's first half, an expectation of that rule and of no
        # clinical source; within since re-check 20b M-3 (nearer the top than a rate within)
        ("D2-86-hydromorphone-sc-0.166667.json", "0.166668 mg/h"),
        ("D2-36-hydromorphone-sc-0.188.json", "0.189 mg/h"),
    ],
)
def test_a_step_of_its_last_decimal_above_is_within_when_less_than_the_rounding(
    fixture: str, rate: str
) -> None:
    result = _check(fixture, rate)
    assert result.verdict == "within", (result.verdict, result.reasons)
    assert any(ROUNDED in r and rate in r for r in result.reasons), result.reasons


def _small_rate_check(rate: str) -> Any:
    """The 0.188 mg/h fixture from 5.44 mg oxycodone q4h: the range's top is 0.102 mg/h, where a
    pump's step (0.01 mg/h) is a tenth of the rate; regular rows only."""
    document = json.loads((FIXTURES / "D2-36-hydromorphone-sc-0.188.json").read_text())
    document["from"]["items"][0]["dose"] = "5.44 mg"
    document["proposed"]["items"] = [{**document["proposed"]["items"][0], "rate": rate}]
    return check_proposal(document, tables=TABLES)


def test_a_rate_rounded_up_a_whole_step_is_not_rounding_where_a_step_is_a_tenth_of_it() -> None:
    """0.11 mg/h for a top of 0.102 mg/h is within a pump's step but 7.8% more: neither the top
    rounded to the nearest (0.10) nor within the cited 1% (``rounded_rate_excess``)."""
    above = _small_rate_check("0.11 mg/h")
    assert above.verdict != "within", (above.verdict, above.reasons)
    assert not any(ROUNDED in r for r in above.reasons), above.reasons
    nearest = _small_rate_check("0.10 mg/h")
    assert nearest.verdict == "within", (nearest.verdict, nearest.reasons)


def test_the_top_rounded_to_the_nearest_at_two_decimals_is_rounding() -> None:
    """0.19 mg/h for 0.1875 is 1.3% above, the top rounded to the nearest pump step: within."""
    result = _check("D2-36-hydromorphone-sc-0.188.json", "0.19 mg/h")
    assert result.verdict == "within", (result.verdict, result.reasons)
    assert any(ROUNDED in r and "0.19 mg/h" in r for r in result.reasons), result.reasons


def test_the_fentanyl_rate_rounded_up_is_not_called_an_overdose_in_any_words() -> None:
    """The fuzz's headline: 'DANGER: ABOVE the expected range — risk of overdose' for 0.005%."""
    result = _check("D2-115-fentanyl-iv-133.34.json")
    assert not any(w.severity == "danger" and "133.34" in w.message for w in result.warnings)
    note = next(r for r in result.reasons if ROUNDED in r)
    assert "640 mg/day oMEDD" in note and "133.333 mcg/h" in note, note


def _written(value: float, decimals: int, rounding: str) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=rounding)


@settings(max_examples=40, deadline=None)
@given(
    daily=st.integers(30, 1200),
    to=st.sampled_from(
        [
            ("hydromorphone", "sc"),
            ("hydromorphone", "iv"),
            ("morphine", "sc"),
            ("oxycodone", "iv"),
            ("oxycodone", "sc"),
            ("fentanyl", "iv"),
            ("fentanyl", "sc"),
        ]
    ),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
    rounding=st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN]),
)
@example(daily=800, to=("oxycodone", "sc"), table="uk-palliative", rounding=ROUND_HALF_UP)
@example(daily=90, to=("hydromorphone", "sc"), table="uk-palliative", rounding=ROUND_HALF_EVEN)
def test_a_plans_rate_written_to_1_to_6_decimals_passes_and_a_pump_step_above_does_not(
    daily: int, to: tuple[str, str], table: str, rounding: str
) -> None:
    planned = plan_within(daily, to, table)
    if planned is None:
        return
    rate, verdict, exact = planned
    top = rate.value * exact.expected_high / exact.proposed_ome_per_day
    step = pump_step(top)
    for decimals in range(1, 7):
        unit = 10.0**-decimals
        written = _written(rate.value, decimals, rounding)
        fine = unit <= step * (1 + _REL)  # as fine as a pump's step, or finer
        # coarser: passes when rounded up by less than a pump step above the top
        near = float(written) >= rate.value and float(written) - top < step * (1 - _REL)
        if written > 0 and (fine or near):
            result = verdict(written)
            assert result is None or result.verdict == "within", (
                decimals, written, top, result.verdict, result.reasons,
            )  # fmt: skip
        # a step of the last decimal above the top rounded up: within when less than a pump
        # step and the cited 1% above the top (re-check 20b M-3: once "stays above", an
        # expectation of the rule it replaced); beyond when a whole pump step above
        above = _written(top, decimals, ROUND_CEILING) + Decimal(1).scaleb(-decimals)
        gap = float(above) - top
        if gap >= step * (1 + _REL) or gap <= min(step, top * _EXCESS) * (1 - _REL):
            result = verdict(above)
            within = gap < step
            assert result is None or (result.verdict == "within") == within, (
                decimals, above, top, step, result.verdict,
            )  # fmt: skip
    # a whole pump step above the top, on a pump's steps and written to six decimals
    grid = Decimal(repr(step))
    for far in (_grid(top + step, grid), _written(top + step, 6, ROUND_CEILING)):
        result = verdict(far)
        assert result is None or result.verdict != "within", (far, top, result.reasons)


def _grid(value: float, step: Decimal) -> Decimal:
    return Decimal(repr(value)).quantize(step, rounding=ROUND_CEILING)


@pytest.mark.parametrize(
    ("rate", "verdict", "said"),
    [
        # within the rounding policy's 5% below: that tolerance is the reason, not rounding
        ("5.28 mg/h", "within", "within the rounding tolerance"),
        # 0.0078 mg/h below the bottom less its tolerance (5.2778 mg/h) at 2 decimals
        ("5.27 mg/h", "within", ROUNDED),
        # a whole pump step below it stays below
        ("5.26 mg/h", "below", None),
    ],
)
def test_the_bottom_less_its_tolerance_is_read_by_the_same_rule(
    rate: str, verdict: str, said: str | None
) -> None:
    result = _check("D2-oxycodone-sc-8.34.json", rate)
    assert result.verdict == verdict, (result.verdict, result.reasons)
    notes = [r for r in result.reasons if ROUNDED in r]
    if said == ROUNDED:
        assert len(notes) == 1 and notes[0].startswith("Below the range by"), result.reasons
    else:
        assert not notes, result.reasons
    if said is not None and said != ROUNDED:
        assert any(said in r for r in result.reasons), result.reasons
