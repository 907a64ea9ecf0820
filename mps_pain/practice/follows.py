"""Follows, but not the right dose (clinician review 18 #5): the hydromorphone level-3 UK exercise
answered 50, 25, 25%, 18, 10 mg q12h, 3 marked "10 mg q12h" "✓ Correct" where the right dose is
15 mg q12h. 10 mg q12h (20 mg/day) is an effective reduction of 62% from 53 OME/day, outside the
sourced 25–50%: the grader accepted it because the rounding at the 50% end of the range gives it
(and, for a trainee whose own 50% and 26.5 mg/day were accepted, because it rounds that target).

One rule: an accepted regimen that is not the planner's own answer, whose effective reduction
(the plan's own, ``RotationPlan.effective_reduction``, scaled to the given dose) lies outside
the sourced range from the planner's equianalgesic dose and from the trainee's accepted one (as
the planner reads a rounded dose: ``sourced_range.inside_range``), is graded "follows, but not
the right dose" (``KeyGrade.follows_only``); so is a breakthrough dose accepted only from such a
regimen (outside the planner's own band). Still scored as accepted (one mistake is counted once);
never the green tick: the app, ``practice grade`` and its JSON read the mark.
"""

from __future__ import annotations

from mps_pain.domain.rotation.rounding_notes import reduction_miss
from mps_pain.numbers import format_number
from mps_pain.practice.carry import Carry, regimen_amount
from mps_pain.practice.caution import with_caution
from mps_pain.practice.expected import not_above_target, regimen_target, within
from mps_pain.practice.key import SwitchKey
from mps_pain.practice.models import KeyGrade
from mps_pain.practice.sourced_range import inside_range

__all__ = ["FOLLOWS_NOT_RIGHT", "effective_cut", "inside_range", "marked", "with_follows"]

#: the first words of an answer that follows but is not the right dose (app and CLI read them)
FOLLOWS_NOT_RIGHT = "Follows, but not the right dose: "
_CORRECT = "Correct: "


def marked(result: KeyGrade, value: float, carry: Carry | None) -> KeyGrade:
    """An accepted answer's marks after the mark itself: with caution (the high-end choice,
    ``caution.with_caution``), then follows but not the right dose (this module)."""
    return with_follows(with_caution(result, value, carry), value, carry)


def effective_cut(key: SwitchKey, value: float) -> float | None:
    """The effective reduction the dose ``value`` gives from ``key``'s equianalgesic dose: the
    plan's own, scaled from its regimen's amount to ``value`` (the same unit, the same shape)."""
    own, effective = regimen_amount(key), key.plan.effective_reduction
    if own is None or own <= 0 or effective is None:
        return None
    return 1 - (1 - effective) * value / own


def _off_range(carry: Carry, value: float) -> str:
    """Why the accepted regimen ``value`` is not the right dose, or '' when it is."""
    key = carry.key
    own = regimen_amount(key)
    if own is None or abs(value - own) <= 1e-6 * max(1.0, own):
        return ""  # the planner's own answer (its own rounding note cautions where needed)
    carried = carry.key_for("regimen")
    bases = [key] if carried is None else [key, carried]
    cuts = [(b, c) for b in bases if (c := effective_cut(b, value)) is not None]
    if not cuts or any(inside_range(c, key) for _, c in cuts):
        return ""
    band = None if carried is None else regimen_target(carried)
    follows = carry.stated_gives(value) or (
        band is not None and band.low * (1 - 1e-9) <= value and not_above_target(band, value)
    )
    base, cut = cuts[-1] if follows else cuts[0]
    eq = base.plan.equianalgesic_daily_dose
    how = (
        "It follows from your own earlier answers"
        if follows
        else "It is what the rounding gives at one end of the sourced reduction range"
    )
    miss = reduction_miss(cut, (key.reduction_low, key.reduction_high))
    return (
        f"{how}, but it is an effective reduction of {format_number(round(cut * 100, 1))}% "
        f"from the equianalgesic {format_number(eq.value)} {eq.unit}, {miss}"
    )


def with_follows(result: KeyGrade, value: float, carry: Carry | None) -> KeyGrade:
    """``result`` marked "follows, but not the right dose" where the rule says so (else as it
    is); the carry remembers the marked regimen, so a breakthrough dose accepted only from it
    is marked too."""
    if carry is None or not result.correct or result.key not in ("regimen", "breakthrough_dose"):
        return result
    if result.plan_option:  # the plan's own words say what it is (``practice.plan_options``)
        return result
    expected = result.expected
    if result.key == "regimen":
        why = _off_range(carry, value)
        right = expected.point
    else:
        low, high = expected.low, expected.high
        planners = low is not None and high is not None and within(value, low, high)
        why = "" if planners or "regimen" not in carry.follows else _FROM_REGIMEN
        right = expected.text
    if not why:
        return result
    carry.follows.add(result.key)
    said = f"{FOLLOWS_NOT_RIGHT}{result.given}. {why}: the right dose is {right}."
    if result.caution:
        said += f" {result.explanation.removeprefix(_CORRECT)}"
    return result.model_copy(update={"follows_only": True, "explanation": said})


_FROM_REGIMEN = "It follows from your regimen, which is not the right dose"
