"""Grading that follows forward from the trainee's accepted answers (clinician reviews 5 #8, 7 #5).

A trainee whose equianalgesic dose is accepted at another point of the sourced range than the
planner's (79.5 instead of 53 mg/day, both within 53–81.6), or whose target is accepted within
the grader's arithmetic tolerance (59.6 for 79.5 × 0.75 = 59.625), and who then applies every
later rule correctly to that number must be graded correct at every later step.

Each later step is judged with the SAME answer key machinery (``expected_for``, the regimen's
rounding rule, the error patterns) applied to a ``SwitchKey`` of the same exercise asked with
the trainee's accepted numbers: the current regimen scaled so the engine's equianalgesic dose is
the trainee's, at the trainee's accepted reduction. The engine applies the rules (reduction,
rounding policy, breakthrough fraction); nothing here computes one.

The trainee's accepted number is matched by the tolerance that accepted it (one rule, never an
exact match): a target of 59.6 stands for every engine target the grader reads as 59.6, so the
regimen step accepts what the rounding policy gives anywhere in that band (25 mg or 30 mg q12h);
a reduction stands for its half a percentage point either side. The breakthrough dose is judged
from the trainee's own regimen. Where the engine does not reproduce the trainee's number when
asked with it (a patch chart's band is not linear in the dose), nothing is carried.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.errors import MpsPainError
from mps_pain.practice.expected import (
    REDUCTION_TOLERANCE,
    RELATIVE_TOLERANCE,
    regimen_target,
    within,
)
from mps_pain.practice.key import SwitchKey, planned
from mps_pain.practice.sourced_range import inside_range

__all__ = ["Carry"]

# the largest reduction asked of the planner: a reduction of 100% leaves nothing to convert
_MOST_REDUCTION = 0.99


def _scaled_item(item: dict[str, Any], factor: float) -> dict[str, Any]:
    out = dict(item)
    for name in ("dose", "rate", "daily_dose"):
        if isinstance(out.get(name), dict):
            out[name] = {**out[name], "value": out[name]["value"] * factor}
    return out


def _same_dose(a: float, b: float) -> bool:
    """Two marketed doses (a regimen is a sum of strengths, not a measurement): equal."""
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _reads_as(value: float, key: SwitchKey) -> bool:
    """The grader reads the trainee's ``value`` as the engine's target in ``key``."""
    return within(value, *(key.plan.target_daily_dose.value,) * 2)


def _within_sourced(plan: RotationPlan, key: SwitchKey) -> bool:
    """The plan's effective reduction lies within ``key``'s sourced range as the planner reads a
    rounded dose (``sourced_range.inside_range``, one rule with ``follows``); True where it
    states none."""
    cut = plan.effective_reduction
    return cut is None or inside_range(cut, key)


def regimen_amount(key: SwitchKey) -> float | None:
    amount = key.plan.regimen.dose or key.plan.regimen.rate
    return None if amount is None else amount.value


@dataclass
class Carry:
    """The trainee's numbers so far (accepted, and as given), and the engine asked with them."""

    key: SwitchKey
    values: dict[str, float] = field(default_factory=dict)
    given: dict[str, float] = field(default_factory=dict)
    #: the accepted steps above the planner's point (``caution.with_caution``)
    high_end: set[str] = field(default_factory=set)
    #: the accepted steps that follow but are not the right dose (``follows.with_follows``)
    follows: set[str] = field(default_factory=set)

    def answered(self, ask: str, value: float, correct: bool) -> None:
        self.given[ask] = value
        if correct:
            self.values[ask] = value

    def key_for(self, ask: str) -> SwitchKey | None:
        """The answer key of this exercise asked with the trainee's accepted earlier answers,
        for the step ``ask``; None when nothing before it was accepted or nothing carries."""
        if ask == "target_daily_dose":
            return self._after_reduction(band=0.0)
        if ask == "regimen":
            target = self.values.get("target_daily_dose")
            if target is not None:
                return self._around_target(target)
            return self._after_reduction(band=REDUCTION_TOLERANCE)
        if ask == "breakthrough_dose":
            regimen = self.values.get("regimen")
            return self.key_for("regimen") if regimen is None else self.for_regimen(regimen)
        return None

    def own_base(self, ask: str) -> SwitchKey | None:
        """For the breakthrough dose: the key of the trainee's OWN regimen as given, accepted
        or not (a right fraction of a wrong regimen is a wrong base, not a wrong fraction)."""
        regimen = self.given.get("regimen")
        if ask != "breakthrough_dose" or regimen is None or "regimen" in self.values:
            return None
        return self.for_regimen(regimen)

    def regimens_held(self) -> list[float]:
        """Every regimen amount the grader holds from the trainee's accepted numbers: the plans
        at the trainee's reading and at the ends of its band, and the plan with the trainee's
        reduction stated (``_stated``); empty when nothing carries."""
        around = self.key_for("regimen")
        if around is None:
            return []
        stated = self._stated(around)
        plans = [around.plan, around.plan_low_reduction, around.plan_high_reduction]
        plans += [] if stated is None else [stated.plan]
        return [a.value for p in plans if (a := p.regimen.dose or p.regimen.rate) is not None]

    def stated_gives(self, amount: float) -> bool:
        """The planner asked with the trainee's own accepted numbers, their reduction stated,
        gives the regimen ``amount``: an engine answer from them even where their reduction is
        the planner's own, whose unstated plan rounds otherwise (ci-long: fentanyl at 32.67
        mcg/h less a stated 25% is 24.5 mcg/h, a 12.5 mcg/h patch, never above a stated target;
        the planner's own 25% takes 25 mcg/h, the patch nearer the range)."""
        around = self.key_for("regimen")
        stated = None if around is None else self._stated(around)
        own = None if stated is None else regimen_amount(stated)
        return own is not None and _same_dose(own, amount)

    def regimen_band(self) -> list[SwitchKey]:
        """For the breakthrough dose when the trainee's regimen was NOT accepted: a key for each
        end of the regimens the grader accepts from the trainee's accepted base (the plan asked
        with it first), so a wrong regimen never re-marks the breakthrough (clinician review
        10, #5: 10 mg, 1/6 of the trainee's own 59.6 mg/day, was marked wrong against 25 mg
        q12h once the regimen was wrong). Empty when the regimen was accepted or nothing
        carries."""
        around = None if "regimen" in self.values else self.key_for("regimen")
        if around is None:
            return []
        plans = (around.plan, around.plan_low_reduction, around.plan_high_reduction)
        amounts = [a.value for p in plans if (a := p.regimen.dose or p.regimen.rate) is not None]
        distinct = [
            a for i, a in enumerate(amounts) if not any(_same_dose(a, b) for b in amounts[:i])
        ]
        keys = [self.for_regimen(a) for a in distinct]
        return [k for k in keys if k is not None] if all(keys) else []

    def for_regimen(self, amount: float) -> SwitchKey | None:
        """The engine asked so that its regimen is ``amount``: one of the plans from the
        trainee's accepted numbers, or else a plan for the target that ``amount`` gives exactly
        (at the trainee's reduction). Its breakthrough dose is the rule's for that regimen."""
        around = self.key_for("regimen")
        if around is not None:
            for plan in (around.plan, around.plan_low_reduction, around.plan_high_reduction):
                own = plan.regimen.dose or plan.regimen.rate
                if own is not None and _same_dose(own.value, amount):
                    eq, at = plan.equianalgesic_daily_dose.value, plan.reduction
                    return self._key(eq, at, at, at)
            stated = self._stated(around)
            if stated is not None and _same_dose(regimen_amount(stated) or 0.0, amount):
                return stated
        target = regimen_target(self.key)
        patch = self.key.plan.regimen.route == "transdermal"
        per_day = amount * (1.0 if patch else target.doses_per_day)
        reduction = min(self.values.get("reduction", self.key.plan.reduction), _MOST_REDUCTION)
        found = self._key(per_day / (1 - reduction), reduction, reduction, reduction)
        own_amount = None if found is None else regimen_amount(found)
        return found if own_amount is not None and _same_dose(own_amount, amount) else None

    def _after_reduction(self, band: float) -> SwitchKey | None:
        """The trainee's equianalgesic dose and reduction (each the planner's where not
        accepted); the reduction range is the trainee's ± ``band``."""
        eq, reduction = self.values.get("equianalgesic_daily_dose"), self.values.get("reduction")
        if eq is None and reduction is None:
            return None
        key = self.key
        eq = key.plan.equianalgesic_daily_dose.value if eq is None else eq
        if reduction is None:
            return self._key(eq, key.plan.reduction, key.reduction_low, key.reduction_high)
        return self._key(eq, reduction, reduction - band, reduction + band)

    def _around_target(self, target: float) -> SwitchKey | None:
        """Every engine target the grader reads as the trainee's ``target`` (it lies within
        RELATIVE_TOLERANCE of them), from the trainee's equianalgesic dose; where the engine's
        target is not the equianalgesic dose less the reduction (a patch chart), the exercise
        scaled so the engine's target is the trainee's, at the trainee's reduction."""
        key = self.key
        eq = self.values.get("equianalgesic_daily_dose", key.plan.equianalgesic_daily_dose.value)
        lowest, highest = target / (1 + RELATIVE_TOLERANCE), target / (1 - RELATIVE_TOLERANCE)
        found = self._key(eq, 1 - target / eq, 1 - highest / eq, 1 - lowest / eq)
        if found is not None and _reads_as(target, found):
            return found
        found = self._after_reduction(band=0.0)
        if found is not None and _reads_as(target, found):
            return found
        own = key.plan.target_daily_dose.value
        reduction = self.values.get("reduction", key.plan.reduction)
        if own <= 0:
            return None
        found = self._key(key.plan.equianalgesic_daily_dose.value * target / own, *(reduction,) * 3)
        if found is None or not _reads_as(target, found):
            return None
        # another equianalgesic dose than the trainee's: a reading the grader's tolerance
        # stretched, kept only where its dose lies within the sourced range (as ``_kept_in_range``
        # keeps a band's end; ci-long: 5 mg q12h, 62.5% of 25–50%, "followed" from eq 26.38 for
        # an accepted 26.67, where the planner at the trainee's own 25.8% gives no dose)
        return found if _within_sourced(found.plan, key) else None

    def _stated(self, around: SwitchKey) -> SwitchKey | None:
        """``around`` asked with its reduction stated: a trainee's own reduction rounds an
        injected amount by its own target, as a stated one does (237.5 mcg/day: 230, where
        the range's ladder step gives 225), and the regimen grader accepts that amount."""
        eq, at = around.plan.equianalgesic_daily_dose.value, around.plan.reduction
        return self._key(eq, at, at, at, stated=True)

    def _key(
        self, eq: float, reduction: float, low: float, high: float, stated: bool = False
    ) -> SwitchKey | None:
        """``_planned`` with the grader's tolerance band kept to the sourced range
        (``_kept_in_range``); the trainee's own reading, ``reduction``, is kept as it is: the
        engine's answers from an accepted number are correct (``test_carry_forward_base``)."""
        found = self._planned(eq, reduction, low, high, stated)
        return None if found is None else self._kept_in_range(found, reduction)

    def _planned(
        self, eq: float, reduction: float, low: float, high: float, stated: bool = False
    ) -> SwitchKey | None:
        """The exercise with the current regimen scaled so the engine's equianalgesic dose is
        ``eq``, planned at ``reduction``, its reduction range ``low``–``high``; ``stated``: the
        reduction is stated even where it is the planner's own (a stated reduction rounds an
        injected amount by its own target: R01's 24, not the range's ladder step)."""
        key = self.key
        own = key.plan.equianalgesic_daily_dose.value
        if own <= 0 or eq <= 0 or not 0 <= reduction <= _MOST_REDUCTION:
            return None
        data = key.request.model_dump(mode="json", by_alias=True, exclude_none=True)
        items = [_scaled_item(i, eq / own) for i in data["from"]["items"]]
        data["from"] = {"items": items, "prn": key.plan.prn}
        # the planner's own reduction stays the planner's choice, as in ``SwitchKey.at_reduction``
        # (a stated reduction is honoured strictly: its rounding never leaves it for the range)
        if stated or "reduction" in data or abs(reduction - key.plan.reduction) > 1e-12:
            data["reduction"] = reduction
        try:
            request = RotationRequest.model_validate(data)
            plan = planned(key.tables, request)
            if abs(plan.reduction - reduction) > 1e-12:
                request = RotationRequest.model_validate({**data, "reduction": reduction})
                plan = planned(key.tables, request)
        except (MpsPainError, ValidationError):
            return None
        if plan.regimen.dose is None and plan.regimen.rate is None:
            return None  # the engine gives no dose there (a safety gate): nothing carries
        if not within(eq, *(plan.equianalgesic_daily_dose.value,) * 2):
            return None  # the engine is not linear in the dose here: nothing carries
        low, high = max(0.0, min(low, reduction)), min(_MOST_REDUCTION, max(high, reduction))
        return SwitchKey(key.tables, key.exercise, request, plan, low, high, key.case)

    def _kept_in_range(self, found: SwitchKey, reduction: float) -> SwitchKey:
        """``found`` with each end of its range that the grader's tolerance stretched from the
        trainee's ``reduction`` brought back to it where the planner there leaves the sourced
        range (pharmacist re-check 19b, M3: a trainee's 14 mg/day read as reductions up to
        31.4% of a 0–30% range, where the planner's stated-reduction rounding gave 5 mg q12h,
        50%, accepted as following). An end whose dose stays within the range as the planner reads
        it (``sourced_range.inside_range``) is kept; the planner's own dose at ``reduction`` is
        never dropped."""
        key = self.key
        low, high = found.reduction_low, found.reduction_high
        if low < reduction and not _within_sourced(found.plan_low_reduction, key):
            low = reduction
        if high > reduction and not _within_sourced(found.plan_high_reduction, key):
            high = reduction
        if (low, high) == (found.reduction_low, found.reduction_high):
            return found
        return SwitchKey(key.tables, key.exercise, found.request, found.plan, low, high, key.case)
