"""The trainee's answer read as the order it writes (pharmacist re-check 21b, N-1): the
regimen with its breakthrough dose judged by the maximum-dose rule the planner and the check
read (``proposal_max_dose_warnings``). Tramadol ER 200 mg q12h (the 400 mg/day maximum) with
tramadol 50 mg as needed scored 7/7, while the planner calls the same order a danger ("Any
as-needed dose of it takes the day above the maximum"). A danger about the answer's order makes
the regimen wrong, with the rule's words as the diagnosis.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.max_dose import given_market, proposal_max_dose_warnings
from mps_pain.domain.normalise import normalise_item
from mps_pain.domain.regimen import RegimenItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.errors import MpsPainError
from mps_pain.practice.key import SwitchKey
from mps_pain.practice.models import Answers, Diagnosis, KeyGrade
from mps_pain.units import Dimension, dimension_of, scale

__all__ = ["ORDER_DANGER", "order_judged"]

ORDER_DANGER = "order-above-maximum"
"""The diagnosis of a regimen whose order with its breakthrough dose the maximum rule calls a
danger (its message is the rule's own words)."""


def _order_danger(key: SwitchKey, answers: Answers) -> ClinicalWarning | None:
    """The maximum rule's danger about the trainee's regimen and breakthrough dose, if any."""
    regimen, bt = answers.regimen, answers.breakthrough_dose
    if regimen is None or regimen.dose is None or regimen.frequency is None:
        return None
    fields = key.plan.regimen.model_dump(mode="json", exclude_none=True)
    fields |= regimen.model_dump(mode="json", exclude_none=True)
    try:
        daily = normalise_item(key.tables, 0, RegimenItem.model_validate(fields))
    except (MpsPainError, ValueError):
        return None  # an answer the grader refuses in its own words
    as_needed = (
        {daily.drug.id: float(bt.value) * scale(bt.unit, "mg")}
        if bt is not None and dimension_of(bt.unit) is Dimension.MASS
        else None
    )
    market = given_market(key.tables, key.request.market, key.plan.table.id)
    found = proposal_max_dose_warnings(key.tables, key.request.patient, market, [daily], as_needed)
    return next((w for w in found if w.severity == "danger"), None)


def order_judged(key: SwitchKey, answers: Answers, results: Sequence[KeyGrade]) -> list[KeyGrade]:
    """``results`` with the regimen's mark wrong where its order is a danger by the maximum
    rule (unchanged otherwise, or where the exercise asks no regimen)."""
    danger = _order_danger(key, answers)
    if danger is None:
        return list(results)
    return [_wrong(r, danger) if r.key == "regimen" else r for r in results]


def _wrong(mark: KeyGrade, danger: ClinicalWarning) -> KeyGrade:
    """The regimen's mark made wrong by the order's danger: its diagnosis the rule's words, or,
    where a known error pattern already names it (a per-dose slip that is also above the
    maximum), that pattern first and the order's danger beside it."""
    said = mark.diagnosis
    if said is None:
        said = Diagnosis(code=ORDER_DANGER, message=danger.message)
    elif ORDER_DANGER not in said.also:
        said = said.model_copy(update={"also": [*said.also, ORDER_DANGER]})
    return mark.model_copy(
        update={
            "correct": False,
            "caution": False,
            "follows_only": False,
            "diagnosis": said,
            "explanation": f"{mark.explanation} Written with your breakthrough dose, the order "
            f"is a danger: {danger.message}",
        }
    )
