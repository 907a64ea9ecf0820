"""Pharmacist review 18d, L1 (low): a hydromorphone infusion set at the pump's two-decimal rate read
NOT REDUCED. The plan (F04) prints "40 mg over 24 h (1.66 mg/h)"; the same amount set to the
nearest step, "1.67 mg/h", read NOT REDUCED (601.2 vs 600 mg/day OME), and "1.66667 mg/h" did
too with "Proposed: 600 … Expected: 400–600" (the rounding hid the reason).

The rule, widened by fuzz re-check 19b D2 (``test_rate_written_to_fewer_decimals.py``) and made
monotone by pharmacist re-check 20b M-3 (``test_pump_rate_monotone.py``): a single per-hour
infusion less than one pump step (``numbers.pump_step``, the step ``pump_rate`` rounds down to)
above the rate of the range's top, and within the cited 1% of it or no further than it rounded to
the nearest, is that top rounded: within, with the reason said; a whole pump step above, not
within. 1.66667 and 1.66668 mg/h, once judged as written, are now the top rounded.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mps_pain.numbers import pump_step
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_cli
from tests.clinical.infusion_plans import plan_within

TABLES = get_tables()
FIXTURES = Path(__file__).parent / "fixtures" / "review18d"
PUMP = "only by rounding"  # the note of a rate that is the top written to fewer decimals


def _v1b(rate: str) -> Any:
    document = json.loads((FIXTURES / "V1b-1.67-F04-rate.json").read_text())
    document["proposed"]["items"][0]["rate"] = rate
    return check_proposal(document, tables=TABLES)


def test_the_plans_rate_set_to_the_nearest_step_is_within_and_says_why() -> None:
    result = _v1b("1.67 mg/h")
    assert result.verdict == "within", (result.verdict, result.reasons)
    assert any(PUMP in r and "1.6667 mg/h" in r for r in result.reasons), result.reasons


def test_a_rate_with_more_decimals_than_a_pump_is_the_top_written_to_them() -> None:
    """1.66667 mg/h (600.0012 mg/day OME) is the top, 1.666667 mg/h, to 5 decimals: within
    since fuzz re-check 19b D2 (session 18 had judged it as written, NOT REDUCED)."""
    result = _v1b("1.66667 mg/h")
    assert result.verdict == "within", result.reasons
    assert any(PUMP in r and "1.66667 mg/h" in r for r in result.reasons), result.reasons


def test_a_step_of_its_last_decimal_above_the_top_is_within() -> None:
    """1.66668 mg/h is a step of its last decimal above the top rounded to 5 decimals (600.0048
    mg/day OME, +0.0008%): NOT REDUCED under the rule of session 19's first half, within since
    pharmacist re-check 20b M-3 (a rate nearer the top than 1.67 mg/h, which is within, is
    within too; ``test_pump_rate_monotone.py``)."""
    result = _v1b("1.66668 mg/h")
    assert result.verdict == "within", result.reasons
    assert any(PUMP in r and "1.66668 mg/h" in r for r in result.reasons), result.reasons


def test_an_amount_a_hair_above_says_the_figures_that_differ() -> None:
    """40.0003 mg/day (600.0045 mg/day OME, no per-hour rate, so not the pump's rule) is the
    top as printed since session 20 (``as_printed``: it read NOT REDUCED), and says so; 40.06
    mg/day (printed "40.1" against 40; 600.9 against 600 mg/day OME) is above, and the caution
    does not read "(600 mg/day OME) is above the expected 600"."""
    result = _v1b("40.0003 mg/day")
    assert result.verdict == "within", result.reasons
    assert any("only in figures not printed" in r for r in result.reasons), result.reasons
    result = _v1b("40.06 mg/day")
    assert result.verdict == "not_reduced", result.reasons
    caution = next(w.message for w in result.warnings if w.code == "proposal-not-reduced")
    assert "(600.9 mg/day OME) is above the expected 600" in caution, caution


def test_the_plans_own_rate_needs_no_pump_reason() -> None:
    result = _v1b("1.66 mg/h")
    assert result.verdict == "within"
    assert not any(PUMP in r for r in result.reasons), result.reasons


@pytest.mark.parametrize("rate", ["1.68 mg/h", "1.7 mg/h"])
def test_a_rate_more_than_half_a_step_above_is_not_within(rate: str) -> None:
    result = _v1b(rate)
    assert result.verdict != "within", (result.verdict, result.reasons)
    assert not any(PUMP in r for r in result.reasons), result.reasons


def _nearest_step(rate: float) -> float:
    step = pump_step(rate)
    return round(math.floor(rate / step + 0.5) * step, 6)


@settings(max_examples=40, deadline=None)
@given(
    daily=st.integers(30, 1200),
    to=st.sampled_from(
        [("hydromorphone", "iv"), ("hydromorphone", "sc"), ("morphine", "sc"), ("oxycodone", "iv")]
    ),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
# CI on 33a92e0: the nearest step fell just below the range's bottom and read BELOW
@example(daily=63, to=("morphine", "sc"), table="fpm-2021")
def test_a_plans_infusion_set_to_the_nearest_step_passes_its_check(
    daily: int, to: tuple[str, str], table: str
) -> None:
    planned = plan_within(daily, to, table)  # a plan's own cautioned gap: the round trip's
    if planned is None:
        return
    rate, check_rate, exact = planned

    def verdict(value: float) -> Any:
        return check_rate(f"{value:.12g}")

    assert verdict(_nearest_step(rate.value)).verdict == "within"
    # the rate of the range's top, and the first pump step a whole step above it (half a step
    # until fuzz re-check 19b D2: the top rounded up to the pump's step is that top too)
    written = float(f"{rate.value:.12g}")  # the rate as the check read it
    top = written * exact.expected_high / exact.proposed_ome_per_day
    step = pump_step(top)
    beyond = round(math.ceil((top + step) / step * (1 - 1e-6)) * step, 6)
    far = verdict(beyond)
    assert far.verdict != "within" or not any(PUMP in r for r in far.reasons), far.reasons


def test_the_check_headline_tells_the_proposal_from_the_bound() -> None:
    document = json.loads((FIXTURES / "V1b-1.67-F04-rate.json").read_text())
    # 1.66668 mg/h is within since re-check 20b M-3; an amount per day is not a pump's rate
    # (40.0003 mg/day is the top as printed since session 20: 40.06, "40.1" against 40, is not)
    document["proposed"]["items"][0]["rate"] = "40.06 mg/day"
    done = run_cli("check", "-", stdin=json.dumps(document))
    assert done.returncode == 0, done.stderr
    assert "Proposed: 600.9 mg/day OME" in done.stdout, done.stdout
