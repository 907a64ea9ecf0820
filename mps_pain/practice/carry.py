"""Grading that follows forward from the trainee's accepted answers (clinician review 5, #8).

A trainee whose equianalgesic dose is accepted at another point of the sourced range than the
planner's (79.5 instead of 53 mg/day, both within 53–81.6) and who then applies every later rule
correctly to that number must be graded correct at every later step. Each later step is judged
against the engine's answer to the same exercise asked with the trainee's accepted numbers: the
current regimen scaled so the engine's equianalgesic dose (or target) is the trainee's, at the
trainee's accepted reduction. The engine applies the rules (reduction, rounding policy,
breakthrough fraction); nothing here computes one. Where the engine is not linear in the dose (a
patch chart's band) the scaled plan does not reach the trainee's number and nothing is carried.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.errors import MpsPainError
from mps_pain.practice.key import SwitchKey

__all__ = ["Carry", "Span"]

Span = tuple[float, float]


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _scaled_item(item: dict[str, Any], factor: float) -> dict[str, Any]:
    out = dict(item)
    for name in ("dose", "rate", "daily_dose"):
        if isinstance(out.get(name), dict):
            out[name] = {**out[name], "value": out[name]["value"] * factor}
    return out


def plan_amount(plan: RotationPlan) -> float | None:
    amount = plan.regimen.dose or plan.regimen.rate
    return None if amount is None else amount.value


def breakthrough_span(plans: list[RotationPlan]) -> Span | None:
    """The breakthrough doses the plans give and the ends of each plan's range."""
    points: list[float] = []
    for plan in plans:
        bt = plan.breakthrough
        if bt is None or bt.dose is None:
            continue
        points += [bt.dose.value] + [a.value for a in (bt.low, bt.high) if a is not None]
    return (min(points), max(points)) if points else None


@dataclass
class Carry:
    """The trainee's accepted numbers so far, and the engine's plans asked with them."""

    key: SwitchKey
    values: dict[str, float] = field(default_factory=dict)

    def accept(self, ask: str, value: float) -> None:
        self.values[ask] = value

    def _scaled(self, factor: float, reduction: float) -> RotationPlan | None:
        key = self.key
        if factor <= 0:
            return None
        low, high = key.reduction_low, key.reduction_high
        reduction = min(max(reduction, low), high)
        items = key.request.from_.model_dump(mode="json", by_alias=True, exclude_none=True)
        scaled = [_scaled_item(i, factor) for i in items["items"]]
        try:
            return key.replan(
                **{"from": {"items": scaled, "prn": key.plan.prn}}, reduction=reduction
            )
        except MpsPainError:
            return None

    def target_span(self) -> Span | None:
        """Targets from the trainee's accepted equianalgesic dose and reduction."""
        eq, reduction = self.values.get("equianalgesic_daily_dose"), self.values.get("reduction")
        if eq is None and reduction is None:
            return None
        own = self.key.plan.equianalgesic_daily_dose.value
        eq = own if eq is None else eq
        if _same(eq, own) and (reduction is None or _same(reduction, self.key.plan.reduction)):
            return None  # the planner's own numbers: nothing to carry
        ends = (
            (reduction, reduction)
            if reduction is not None
            else (self.key.reduction_low, self.key.reduction_high)
        )
        plans = [self._scaled(eq / own if own else 0.0, r) for r in ends]
        if any(p is None or not _same(p.equianalgesic_daily_dose.value, eq) for p in plans):
            return None
        targets = [p.target_daily_dose.value for p in plans if p is not None]
        return min(targets), max(targets)

    def regimen_plan(self) -> RotationPlan | None:
        """The engine's plan for the trainee's accepted target daily dose, or (no target asked)
        for their accepted equianalgesic dose and reduction."""
        target = self.values.get("target_daily_dose")
        upstream = self._from_equianalgesic()
        if target is None or (
            upstream is not None and _same(upstream.target_daily_dose.value, target)
        ):
            return upstream
        own = self.key.plan.target_daily_dose.value
        if not own or _same(target, own):
            return None
        plan = self._scaled(target / own, self.key.plan.reduction)
        if plan is None or not _same(plan.target_daily_dose.value, target):
            return None
        return plan

    def _from_equianalgesic(self) -> RotationPlan | None:
        eq, reduction = self.values.get("equianalgesic_daily_dose"), self.values.get("reduction")
        own = self.key.plan.equianalgesic_daily_dose.value
        eq = own if eq is None else eq
        if reduction is None or _same(reduction, self.key.plan.reduction):
            reduction = None
            if _same(eq, own):
                return None  # the planner's own numbers: nothing to carry
        if not own:
            return None
        plan = self._scaled(eq / own, self.key.plan.reduction if reduction is None else reduction)
        if plan is None or not _same(plan.equianalgesic_daily_dose.value, eq):
            return None
        return plan

    def breakthrough_span(self) -> Span | None:
        """Breakthrough doses for the trainee's accepted regimen, planned from their target."""
        regimen = self.values.get("regimen")
        plan = self.regimen_plan()
        if regimen is None or plan is None:
            return None
        amount = plan_amount(plan)
        if amount is None or not _same(amount, regimen):
            return None
        return breakthrough_span([plan])
