"""The engine's own answer to an exercise, in the learner's answer shape.

Used to show the answer after grading and by the invariant tests (the engine's answer to every
exercise grades correct).
"""

from __future__ import annotations

from typing import Any

from mps_pain.practice.expected import required_warnings
from mps_pain.practice.key import MmeKey, SwitchKey
from mps_pain.practice.models import AnswerDocument, Exercise

__all__ = ["engine_answer"]


def _amount(value: float, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit}


def engine_answer(key: MmeKey | SwitchKey, exercise: Exercise) -> AnswerDocument:
    answers: dict[str, Any] = {}
    if isinstance(key, MmeKey):
        answers["ome_per_day"] = _amount(key.result.total_mme_per_day, "mg/day")
    else:
        plan = key.plan
        eq = plan.equianalgesic_daily_dose
        regimen: dict[str, Any]
        if plan.regimen.dose is not None:
            regimen = {"dose": plan.regimen.dose.model_dump(), "frequency": plan.regimen.frequency}
        else:
            assert plan.regimen.rate is not None
            regimen = {"rate": plan.regimen.rate.model_dump()}
        bt = plan.breakthrough.dose if plan.breakthrough is not None else None
        values: dict[str, Any] = {
            "ome_per_day": _amount(plan.ome_per_day, "mg/day"),
            "equianalgesic_daily_dose": _amount(eq.value, eq.unit),
            "reduction": plan.reduction,
            "target_daily_dose": plan.target_daily_dose.model_dump(),
            "regimen": regimen,
            "breakthrough_dose": bt.model_dump() if bt is not None else None,
            "warnings": required_warnings(plan)[0],
        }
        answers = {k: values[k] for k in exercise.asks}
    return AnswerDocument.model_validate({"exercise": exercise.id, "answers": answers})
