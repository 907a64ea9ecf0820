"""One precision rule for "above the target / above the top" (session 20; ``as_printed``).

Left open at the end of session 19 (docs/reliability.md): a stated target that only arithmetic
put a hair below a strength (19.997 mg/day, printed "20 mg/day") was rounded DOWN to half the
dose (5 mg q12h, a 62.5% reduction, NO DOSE under the stated-gap rule) while its caution named
10 mg q12h; and 4.001 mg/24 h of SC hydromorphone beside a top of 4 mg/24 h (60.02 against
60 mg/day oMEDD, +0.025%) read NOT REDUCED (pharmacist re-check 20c, ``b1/86-4.001mgper24h``).
The lead's decision: a number is compared with a target or a range's bound as the product prints
it (three significant figures), at most half a unit of the bound's third figure beyond it (0.5%).
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mps_pain.domain.as_printed import (
    NOISE,
    not_above_as_printed,
    not_below_as_printed,
    printed_slack,
)
from mps_pain.errors import MpsPainError
from mps_pain.numbers import format_estimate, tidy
from mps_pain.practice.service import grade_answer
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
HALF_A_FIGURE = 0.005  # half a unit of the third significant figure, at most, of any bound
bounds = st.floats(1e-3, 1e6, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize(
    ("value", "bound", "above"),
    [
        (20.0, 19.997, False),  # the planner's 10 mg q12h against "20 mg/day"
        (4.001, 4.0, False),  # the check's 4.001 mg/24 h against a top of 4
        (60.015, 60.0, False),  # the same in oMEDD
        (4.01, 4.0, True),  # prints "4.01"
        (20.04, 19.96, True),  # both print "20", but 0.4%: more than half a figure of 19.96
        (120.0, 119.5, False),  # "120" both, half a unit of 119.5's third figure (0.42%)
    ],
)
def test_examples_of_the_rule(value: float, bound: float, above: bool) -> None:
    assert not_above_as_printed(value, bound) is not above
    assert not_below_as_printed(-value, -bound) is not above  # the bottom, its mirror


@given(bound=bounds, a=st.floats(0, 0.02), b=st.floats(0, 0.02))
def test_more_dose_is_never_less_above(bound: float, a: float, b: float) -> None:
    """Monotone: of two amounts beyond a bound, the larger is never within while the smaller
    is above; and the same below the bottom."""
    small, large = sorted((bound * (1 + a), bound * (1 + b)))
    if not_above_as_printed(large, bound):
        assert not_above_as_printed(small, bound), (small, large, bound)
    low, lower = sorted((bound * (1 - a), bound * (1 - b)), reverse=True)
    if not_below_as_printed(lower, bound):
        assert not_below_as_printed(low, bound), (low, lower, bound)


@given(
    printed=st.integers(1, 9999),
    exponent=st.integers(-3, 2),
    bound=bounds,
    ulps=st.integers(-4, 4),
)
@example(printed=1125, exponent=-1, bound=112.21875000000001, ulps=1)  # the patch, session 20
def test_binary_noise_never_changes_the_verdict(
    printed: int, exponent: int, bound: float, ulps: int
) -> None:
    """A value read back through another measure (112.5 mcg/h via OME comes back as
    112.50000000000001, which prints "113" where 112.5 prints "112") is the same value: a few
    units in the last place never move it across a bound as printed (merging session 20)."""
    value = float(f"{printed}e{exponent}")  # the float nearest a printed decimal
    noisy = value
    for _ in range(abs(ulps)):
        noisy = math.nextafter(noisy, math.inf if ulps > 0 else -math.inf)
    assert not_above_as_printed(noisy, bound) == not_above_as_printed(value, bound)
    assert not_below_as_printed(noisy, bound) == not_below_as_printed(value, bound)


@given(bound=bounds, excess=st.floats(0, 0.02))
@example(bound=100.0, excess=0.005)
@example(bound=19.96, excess=0.004)
@example(bound=825488.0, excess=1e-06)  # CI on b5b2c9cc, the long campaign
def test_the_excess_is_at_most_half_a_printed_figure(bound: float, excess: float) -> None:
    """Within only when it prints as the bound does (binary noise of one part in a million
    aside), and never more than 0.5% beyond it (a tenth of the check's 5% rounding
    tolerance)."""
    value = bound * (1 + excess)
    # binary noise: never an excess; read as the rule reads both numbers, without binary noise
    # (``tidy``: CI's long run drew 825488 less one part in a million, 825487.17451199, which
    # the rule reads as 825487.174512, exactly one part in a million: noise)
    noise = math.isclose(tidy(value), tidy(bound), rel_tol=NOISE)
    if not_above_as_printed(value, bound) and value > bound and not noise:
        assert format_estimate(value) == format_estimate(bound), (value, bound)
        assert value - bound <= printed_slack(bound)
        assert value <= bound * (1 + HALF_A_FIGURE) * (1 + 1e-12), (value, bound)
    under = bound * (1 - excess)
    noise = math.isclose(tidy(under), tidy(bound), rel_tol=NOISE)
    if not_below_as_printed(under, bound) and under < bound and not noise:
        assert format_estimate(under) == format_estimate(bound), (under, bound)
        assert under >= bound * (1 - HALF_A_FIGURE) * (1 - 1e-12), (under, bound)


CURRENT = {"items": [{"drug": "morphine", "route": "oral", "form": "MR",
                      "dose": "20 mg", "frequency": "q12h"}]}  # fmt: skip
TO = {"drug": "oxycodone", "route": "oral", "form": "MR", "frequency": "q12h"}


def _plan(reduction: str) -> Any:
    """40 mg/day oral morphine to oxycodone MR q12h (UK): 26.67 mg/day before the reduction."""
    request = {"from": CURRENT, "to": TO, "reduction": reduction, "table": "uk-palliative",
               "market": "UK"}  # fmt: skip
    return plan_rotation(request, tables=TABLES)


def _own_check(plan: Any) -> Any:
    proposal = plan.regimen.model_dump(mode="json", exclude_none=True)
    document = {"from": CURRENT, "proposed": {"items": [proposal]}, "table": "uk-palliative",
                "market": "UK"}  # fmt: skip
    return check_proposal(document, tables=TABLES)


def test_a_stated_target_printed_as_a_strength_takes_it() -> None:
    """25.01% of 26.67 mg/day leaves 19.997 mg/day, printed "20 mg/day": 10 mg q12h (it was
    NO DOSE, the nearest amount not above the target being 5 mg q12h, 62.5%)."""
    plan = _plan("25.01%")
    assert plan.regimen.dose is not None and plan.regimen.dose.value == 10, plan.steps
    assert plan.regimen_detail.no_dose is None
    codes = {w.code for w in plan.warnings}
    assert not codes & {"rounding-below-stated", "rounding-below-range"}, codes
    rounded = next(s for s in plan.steps if s.startswith("5. Rounded"))
    assert "rounded up" not in rounded and "as printed" in rounded, rounded
    assert _own_check(plan).verdict == "within"


@settings(max_examples=25, deadline=None)
@given(shortfall=st.floats(1e-7, 2e-3))
def test_a_target_printing_as_a_strength_takes_it_and_passes_its_check(shortfall: float) -> None:
    """Every stated target within half a printed figure below 20 mg/day (so printed "20") takes
    10 mg q12h, and the plan passes its own check."""
    reduction = 1 - 0.75 * (1 - shortfall)  # of 26.67: 20 × (1 − shortfall) mg/day
    plan = _plan(f"{reduction * 100:.8f}%")
    assert format_estimate(plan.target_daily_dose.value) == "20", plan.target_daily_dose
    assert plan.regimen.dose is not None and plan.regimen.dose.value == 10, plan.steps
    assert _own_check(plan).verdict == "within"


@settings(max_examples=15, deadline=None)
@given(shortfall=st.floats(3e-3, 0.2))
def test_a_target_printing_below_a_strength_is_never_rounded_up_to_it(shortfall: float) -> None:
    """A target printed below 20 mg/day (19.9 and under) never takes 10 mg q12h: the plan
    never rounds above a stated target as printed."""
    reduction = 1 - 0.75 * (1 - shortfall)
    plan = _plan(f"{reduction * 100:.8f}%")
    dose = plan.regimen.dose
    assert dose is None or dose.value * 2 <= plan.target_daily_dose.value, plan.steps


FROM_TAPENTADOL = {
    "items": [
        {"drug": "tapentadol", "route": "oral", "dose": "100 mg", "frequency": "q12h",
         "form": "ER"},
        {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True,
         "doses_per_day": 2},
    ],
    "prn": "include",
}  # fmt: skip


def _check_rate(rate: str) -> Any:
    """Pharmacist re-check 20c's order (80 mg/day oMEDD to SC hydromorphone, fpm-2021: the
    expected range 40–60 mg/day oMEDD, 2.667–4 mg/24 h), at ``rate``."""
    item = {"drug": "hydromorphone", "route": "sc", "form": "injection", "rate": rate}
    document = {"from": FROM_TAPENTADOL, "proposed": {"items": [item]}, "table": "fpm-2021",
                "patient": {"age": 68, "opioid_tolerant": True}, "market": "US"}  # fmt: skip
    try:
        return check_proposal(document, tables=TABLES)
    except MpsPainError:
        return None


def test_a_24_hour_amount_a_hair_above_the_top_reads_within() -> None:
    result = _check_rate("4.001 mg/24 h")
    assert result is not None and result.verdict == "within", result
    assert any("only in figures not printed" in r for r in result.reasons), result.reasons
    over = _check_rate("4.02 mg/24 h")  # 60.3 against 60: printed above
    assert over is not None and over.verdict != "within", over


def test_a_24_hour_amount_a_hair_below_the_bottom_reads_within_by_print_not_tolerance() -> None:
    """The bottom, symmetric: 2.6665 mg/24 h beside 2.667 (39.998 against 40) is the bottom as
    printed, said so (not "below the range: within the rounding tolerance")."""
    result = _check_rate("2.6665 mg/24 h")
    assert result is not None and result.verdict == "within", result
    assert any("only in figures not printed" in r for r in result.reasons), result.reasons


@settings(max_examples=12, deadline=None)
@given(
    rates=st.lists(st.floats(3.99, 4.05).map(lambda r: round(r, 4)), min_size=2, max_size=4),
    per_hour=st.booleans(),
)
@example(rates=[4.001, 4.004, 4.02], per_hour=False)
@example(rates=[4.0, 4.001, 4.008], per_hour=True)
def test_the_verdict_beyond_the_top_is_monotone(rates: list[float], per_hour: bool) -> None:
    """Per 24 h (this rule) or typed per hour (this rule and the pump-rate rounding rule,
    ``rounded_rate_excess``, composed): once an amount reads above, no larger one reads within."""
    seen_above = False
    for daily in sorted(set(rates)):
        rate = f"{daily / 24:.6g} mg/h" if per_hour else f"{daily} mg/24 h"
        result = _check_rate(rate)
        if result is None:
            continue
        within = result.verdict == "within"
        assert not (seen_above and within), (rate, rates)
        seen_above = seen_above or not within


def test_the_engines_answer_from_a_target_printed_as_a_strength_grades_correct() -> None:
    """Practice, session 19's trainee: 26.6625 mg/day less 25% (19.997, typed "20 mg/day") with
    10 mg q12h, the engine's answer from it now: correct, not merely "follows"."""
    answers = {
        "ome_per_day": "40 mg/day",
        "equianalgesic_daily_dose": "26.6625 mg/day",
        "reduction": "25%",
        "target_daily_dose": "20 mg/day",
        "regimen": {"dose": "10 mg", "frequency": "q12h"},
        "breakthrough_dose": "3 mg",
        "warnings": [],
    }
    exercise = "L3.oral-rotation.uk-palliative.7572.0"
    report = grade_answer({"exercise": exercise, "answers": answers}, tables=TABLES)
    regimen = next(r for r in report.results if r.key == "regimen")
    assert regimen.correct and not regimen.follows_only, regimen
