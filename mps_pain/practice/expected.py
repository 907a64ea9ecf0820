"""What the engine accepts for each question key: a point value and the sourced range.

Numbers come from the planner's plans (default reduction, and the low and high end of the sourced
reduction range) or from the MME engine; nothing here applies a clinical rule. A numeric answer
is accepted within the range widened by ``RELATIVE_TOLERANCE`` for arithmetic rounding (a
software choice, docs/practice.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from mps_pain.domain.as_printed import not_above_as_printed
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.numbers import (
    ESTIMATE_FIGURES,
    format_number_span,
    format_percent,
    format_percent_span,
)
from mps_pain.practice.key import MmeKey, SwitchKey
from mps_pain.practice.models import Expected
from mps_pain.units import format_number, tidy

__all__ = [
    "FORMULARY_NOTES",
    "HIGHER_START",
    "REDUCTION_TOLERANCE",
    "RELATIVE_TOLERANCE",
    "RegimenTarget",
    "above_point",
    "above_point_note",
    "breakthrough_band",
    "expected_for",
    "not_above_target",
    "regimen_expected",
    "regimen_target",
    "within",
]

RELATIVE_TOLERANCE = 0.02
# A reduction answer is accepted within half a percentage point of the sourced range.
REDUCTION_TOLERANCE = 0.005
# Cautions about the formulary rather than the patient: a learner cannot be expected to raise
# them, so they are allowed but not required.
FORMULARY_NOTES = frozenset({"strengths-all-markets", "measured-as-liquid"})


def within(value: float, low: float, high: float, tolerance: float = RELATIVE_TOLERANCE) -> bool:
    return low * (1 - tolerance) - 1e-9 <= value <= high * (1 + tolerance) + 1e-9


def _range_text(value: float, low: float, high: float, unit: str) -> str:
    if abs(high - low) <= 1e-9 * max(1.0, abs(high)):
        return f"{format_number(value)} {unit}"
    # the accepted ends as an estimate is read, to three figures (ui-fix3 #2: "76.95–94.05")
    ends = format_number_span(low, high, significant=ESTIMATE_FIGURES)
    return f"{format_number(value)} {unit} (accepted {ends})"


def _amount(value: float, low: float, high: float, unit: str) -> Expected:
    return Expected(
        value=tidy(value),
        low=tidy(low),
        high=tidy(high),
        unit=unit,
        text=_range_text(value, low, high, unit),
    )


@dataclass(frozen=True)
class RegimenTarget:
    """How the regimen answer is read: per dose with a frequency, or a rate."""

    kind: str  # "dose" or "rate"
    unit: str
    frequency: str | None
    doses_per_day: float
    value: float
    low: float
    upper_unrounded: float
    #: the largest dose the rounding policy gives in the band (the plan at the low end of the
    #: reduction range): the top the words state, so that every accepted dose is inside it
    high: float
    #: amounts a day per amount answered, as the planner reads "not above" its target (on the
    #: amount a day as printed: doses a day, 1 for a patch's mcg/h); None for an infusion,
    #: whose rate the planner rounds at its own precision (a pump's step judges it)
    per_day: float | None = 1.0


def not_above_target(target: RegimenTarget, value: float) -> bool:
    """``value`` is not above the band's unrounded top as the planner reads it (``as_printed``,
    on the amount a day: 10 mg q12h for a target of 19.997 mg/day, printed "20"; an infusion's
    rate at the planner's own precision)."""
    top, per_day = target.upper_unrounded, target.per_day
    if per_day is None:
        return value <= top * (1 + 1e-9)
    return not_above_as_printed(value * per_day, top * per_day)


def _regimen_amount(plan: RotationPlan) -> float | None:
    regimen = plan.regimen
    amount = regimen.dose if regimen.dose is not None else regimen.rate
    return None if amount is None else amount.value


def regimen_target(key: SwitchKey) -> RegimenTarget:
    plan, regimen = key.plan, key.plan.regimen
    rate = regimen.dose is None
    amount = regimen.rate if rate else regimen.dose
    assert amount is not None, "an exercise always has a dose (no-dose plans are not exercises)"
    lows = [v for p in (plan, key.plan_high_reduction) if (v := _regimen_amount(p)) is not None]
    low = min(lows)
    ends = (plan, key.plan_low_reduction, key.plan_high_reduction)
    high = max(v for p in ends if (v := _regimen_amount(p)) is not None)
    target = key.plan_low_reduction.target_daily_dose.value
    if rate:
        is_patch = regimen.route == "transdermal"
        per_hour = 1.0 if is_patch else 24.0
        # an infusion's stepped 24-h amount may lie above the unreduced-end target, within the
        # range (the rounding policy's "above_target"; clinician review 11 #5)
        top = max(target / per_hour, high)
        # a patch is a sum of sizes, as a dose is of strengths: stated up to the largest the
        # rounding gives in the band, never an unrounded rate (pharmacist review 21, L-4:
        # "from 35 up to 38.3 mcg/h" above the trainee's 37.5 mcg/h target); an infusion's rate
        # is any amount up to the unrounded top
        said = high if is_patch else top
        return RegimenTarget(
            "rate", amount.unit, None, 24.0, amount.value, low, top, said, 1.0 if is_patch else None
        )
    assert regimen.frequency is not None
    daily = regimen.daily_dose.value if regimen.daily_dose else amount.value
    doses = daily / amount.value if amount.value else 1.0
    return RegimenTarget(
        "dose",
        amount.unit,
        regimen.frequency,
        doses,
        amount.value,
        low,
        target / doses,
        high,
        doses,
    )


def regimen_expected(target: RegimenTarget) -> Expected:
    """The regimen's answer and the one band the grader accepts. A dose's band is stated up to
    the largest dose the rounding policy gives in it (clinician review 10, #5: "from 25 up to
    29.8 mg, never above" right after 30 mg q12h was accepted from the trainee's 59.6 mg/day,
    read within the 2% that accepted it); a patch's up to the largest patch it gives (pharmacist
    review 21, L-4); an infusion's up to the unrounded rate at the low end."""
    top = target.high
    schedule = f" {target.frequency}" if target.frequency else ""
    text = f"{format_number(target.value)} {target.unit}{schedule}"
    if top > target.value or target.low < target.value:
        text += (
            f" (accepted: a dose the rounding policy gives, from "
            f"{format_number(target.low)} up to {format_number(top, ESTIMATE_FIGURES)} "
            f"{target.unit}, never above)"
        )
    return Expected(
        value=target.value, low=target.low, high=target.upper_unrounded, unit=target.unit, text=text
    )


def _breakthrough_range(key: SwitchKey) -> tuple[float, float, float, str] | None:
    """The plan's breakthrough dose and the planner's own rule for ITS regimen (1/10-1/6 of
    that regimen's daily dose, the patch's oral dose, the infusion's 1-hour amount: the plan's
    ``low``-``high``), never the span of other plans' regimens (clinician review 8, #3: 2 mg
    was accepted for 30 mg/day because the plan at the other end of the reduction range gives
    20 mg/day). None when the plan itself gives no breakthrough dose."""
    bt = key.plan.breakthrough
    if bt is None or bt.dose is None:
        return None
    points = [bt.dose.value] + [a.value for a in (bt.low, bt.high) if a is not None]
    return bt.dose.value, min(points), max(points), bt.dose.unit


def breakthrough_band(keys: list[SwitchKey]) -> Expected | None:
    """One band for the breakthrough dose over the regimens the grader accepts from one base
    (the rule's range for each, ``_breakthrough_range``), the first key's dose its point; None
    when a key gives none, the units differ, or the ranges do not meet (no one band states
    them)."""
    found = [r for k in keys if (r := _breakthrough_range(k)) is not None]
    if not found or len(found) != len(keys) or len({f[3] for f in found}) != 1:
        return None
    ranges = sorted(found, key=lambda f: f[1])
    for before, after in pairwise(ranges):
        if not within(after[1], before[1], before[2]):
            return None
    return _amount(found[0][0], ranges[0][1], max(f[2] for f in ranges), found[0][3])


def required_warnings(plan: RotationPlan) -> tuple[list[str], list[str]]:
    """(required, allowed): danger and caution warnings must be raised; info may be."""
    allowed = sorted({w.code for w in plan.warnings})
    required = sorted(
        {
            w.code
            for w in plan.warnings
            if w.severity in ("danger", "caution") and w.code not in FORMULARY_NOTES
        }
    )
    return required, allowed


def expected_for(key: MmeKey | SwitchKey, ask: str) -> Expected:
    if isinstance(key, MmeKey):
        total = key.result.total_mme_per_day
        return _amount(total, min(key.low, total), max(key.high, total), "mg/day")
    plan = key.plan
    if ask == "ome_per_day":
        return _amount(plan.ome_per_day, plan.ome_low, plan.ome_high, "mg/day")
    if ask == "equianalgesic_daily_dose":
        eq = plan.equianalgesic_daily_dose
        return _amount(eq.value, eq.low, eq.high, eq.unit)
    if ask == "reduction":
        low, high = key.reduction_low, key.reduction_high
        text = format_percent(plan.reduction)
        if high > low:
            text += f" (accepted {format_percent_span(low, high)})"
        return Expected(value=plan.reduction, low=low, high=high, unit="fraction", text=text)
    if ask == "target_daily_dose":
        unit = plan.target_daily_dose.unit
        low = key.plan_high_reduction.target_daily_dose.value
        high = key.plan_low_reduction.target_daily_dose.value
        return _amount(plan.target_daily_dose.value, low, high, unit)
    if ask == "regimen":
        return regimen_expected(regimen_target(key))
    if ask == "breakthrough_dose":
        found = _breakthrough_range(key)
        if found is None:
            bt = plan.breakthrough
            why = f": {bt.no_dose}" if bt is not None and bt.no_dose else ""
            return Expected(text=f"no breakthrough dose in this plan{why}")
        value, low, high, unit = found
        return _amount(value, low, high, unit)
    required, _allowed = required_warnings(plan)
    text = ", ".join(required) if required else "none required"
    return Expected(text=text, codes=required)


# the steps whose higher answers give more of the new opioid (clinician review 13 #3)
_MORE_OF_THE_NEW = frozenset({"ome_per_day", "equianalgesic_daily_dose"})


def above_point(value: float, expected: Expected) -> bool:
    """``value`` is above the planner's point by more than the grader's tolerance."""
    point = expected.value
    return point is not None and value > point * (1 + RELATIVE_TOLERANCE)


#: what an answer above the planner's point needs, said by the note and by the caution it carries
HIGHER_START = "a higher start needs a reason and closer review"


def above_point_note(ask: str, value: float, expected: Expected) -> str:
    """An accepted answer above the planner's point, on a step where more means more of the new
    opioid: said, since the planner takes the end of the cited ratio that gives less of it."""
    point = expected.value
    if ask not in _MORE_OF_THE_NEW or point is None or not above_point(value, expected):
        return ""
    return (
        f"Accepted: inside the cited range, but above the planner's {format_number(point)}. "
        "For a switch the planner takes the end of the cited ratio that gives less of the new "
        f"opioid (a switch is often for toxicity); {HIGHER_START}."
    )
