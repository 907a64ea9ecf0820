"""The answer key of an exercise, worked out by the same engine that plans (never recomputed).

A switch is planned by ``plan_rotation`` three times: with the planner's own reduction, and with
the low and the high end of the sourced reduction range of the switch's case (the plan carries
its case and range, frail/elderly widening included: ``reduction_case``, ``reduction_low``,
``reduction_high``). An MME-only exercise is computed by ``calculate_mme``; its range is the
sum of each counted line's row range, as the planner's step 1 does.

Grading plans the same requests again and again (the answer key of the exercise regenerated from
its id, each error pattern's replans at the same reductions): the plans of the last ``_PLANS_KEPT``
requests are remembered per table (``memo.recent``), each for a request equal to the one asked;
each caller gets its own copy of the plan's lists (``memo.own_copy``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from mps_pain.domain.market_words import spoken_market
from mps_pain.domain.memo import own_copy, recent
from mps_pain.domain.results import MmeLine, MmeResult
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.errors import PlanningError
from mps_pain.practice.models import Exercise
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.index import TableIndex
from mps_pain.units import tidy

__all__ = ["MmeKey", "SwitchKey", "answer_key", "planned"]

_PLANS_KEPT = 256


def planned(tables: TableIndex, request: RotationRequest) -> RotationPlan:
    """``plan_rotation(request)``, remembered for the last requests planned under ``tables``:
    the planner is a pure function of the two. The key is the request's JSON text and the
    remembered request must equal ``request``, so no other request ever gets its plan. Each
    caller gets its own copy (a caller that changes a list in it changes no other's plan)."""
    key = (request.model_dump_json(by_alias=True), spoken_market().key)  # worded per market
    fresh: list[RotationPlan] = []

    def compute() -> tuple[RotationRequest, RotationPlan]:
        fresh.append(plan_rotation(request, tables=tables))
        return request, own_copy(fresh[0])

    asked, plan = recent(tables, "practice.plan", key, compute, _PLANS_KEPT)
    if fresh:
        return fresh[0]
    return own_copy(plan) if asked == request else compute()[1]


@dataclass(frozen=True)
class MmeKey:
    tables: TableIndex
    exercise: Exercise
    result: MmeResult

    @property
    def low(self) -> float:
        return tidy(sum(_line_range(line)[0] for line in self.result.items if _counts(line)))

    @property
    def high(self) -> float:
        return tidy(sum(_line_range(line)[1] for line in self.result.items if _counts(line)))


def _counts(line: MmeLine) -> bool:
    return line.counted and line.mme_per_day is not None


def _line_range(line: MmeLine) -> tuple[float, float]:
    value = line.mme_per_day or 0.0
    if line.factor_range is None or line.dose_basis is None:
        return value, value
    return line.dose_basis.value * line.factor_range[0], line.dose_basis.value * line.factor_range[
        1
    ]


@dataclass(frozen=True)
class SwitchKey:
    tables: TableIndex
    exercise: Exercise
    request: RotationRequest
    plan: RotationPlan
    reduction_low: float
    reduction_high: float
    case: str

    def replan(self, **changes: object) -> RotationPlan:
        """The planner's answer to the same exercise with some inputs changed."""
        data = self.request.model_dump(mode="json", by_alias=True, exclude_none=True)
        data.update(changes)
        return planned(self.tables, RotationRequest.model_validate(data))

    def at_reduction(self, fraction: float) -> RotationPlan:
        if abs(fraction - self.plan.reduction) < 1e-12:
            return self.plan
        return self.replan(reduction=fraction)

    @cached_property
    def plan_low_reduction(self) -> RotationPlan:
        """The most generous plan the sourced range allows (its low reduction)."""
        return self._range_end(self.reduction_low)

    @cached_property
    def plan_high_reduction(self) -> RotationPlan:
        return self._range_end(self.reduction_high)

    def _range_end(self, fraction: float) -> RotationPlan:
        """The planner's answer at one end of the sourced range; where it gives no dose there (a
        methadone method below its smallest measurable dose at the deep end), the range accepted
        ends at the planner's own answer: never a grade made from a refusal."""
        try:
            return self.at_reduction(fraction)
        except PlanningError:
            return self.plan

    @property
    def is_methadone(self) -> bool:
        return bool(self.plan.methadone_options)


def _reduction_range(plan: RotationPlan) -> tuple[float, float, str]:
    """The sourced range of the switch's case as the plan states it, always containing the
    planner's chosen reduction; for methadone the method's own sourced range (CCDHB's "reduce
    25–50%"; pharmacist review 18, D3: its 50% end was graded wrong)."""
    low, high = plan.reduction_low, plan.reduction_high
    case = "methadone" if plan.methadone_options else plan.reduction_case
    assert case is not None
    return min(low, plan.reduction), max(high, plan.reduction), case


def answer_key(tables: TableIndex, exercise: Exercise) -> MmeKey | SwitchKey:
    if exercise.switch is not None:
        plan = planned(tables, exercise.switch)
        low, high, case = _reduction_range(plan)
        return SwitchKey(tables, exercise, exercise.switch, plan, low, high, case)
    assert exercise.regimen is not None
    return MmeKey(tables, exercise, calculate_mme(exercise.regimen, tables=tables))
