"""An infusion's breakthrough dose for a ward without a bolus pump is the plan's other option
(pharmacist re-check 19b, M3).

Under JSPM the rescue of a continuous infusion is the pump's bolus of the 1-hour amount (1.3 mg
for 32.5 mg/24 h); the plan names beside it the dose for a ward without a pump that gives
boluses, the set's fraction of the 24-h amount (5 mg: ``Breakthrough.outside_pump``). 5 mg was
marked wrong with no reason. One rule, as for the plan's rounding options
(``practice.plan_options``): a dose the plan names is graded as the plan's option, with its
words; above the plan's own choice it is accepted with caution.
"""

from __future__ import annotations

from mps_pain.practice.caution import ACCEPTED_WITH_CAUTION, CORRECT
from mps_pain.practice.key import MmeKey, SwitchKey
from mps_pain.practice.models import KeyGrade

__all__ = ["pump_option"]


def pump_option(key: MmeKey | SwitchKey, mark: KeyGrade, value: float) -> KeyGrade:
    """``mark`` (a wrong breakthrough dose) accepted as the plan's dose without a bolus pump
    where ``value`` is that dose; unchanged otherwise."""
    if mark.key != "breakthrough_dose" or mark.correct or not isinstance(key, SwitchKey):
        return mark
    rescue = key.plan.breakthrough
    outside = None if rescue is None else rescue.outside_pump
    if outside is None or outside.unit != mark.expected.unit:
        return mark
    if abs(outside.value - value) > 1e-6 * max(1.0, value):
        return mark
    above = mark.expected.value is None or outside.value > mark.expected.value
    said = (
        f"{mark.given} is the plan's other option: the dose it names for a ward without a pump "
        f"that gives boluses. With the infusion's own pump (PCA) the plan gives "
        f"{mark.expected.point}, the bolus this exercise's worked answer uses; choose by the pump "
        "the ward has."
    )
    return mark.model_copy(
        update={
            "correct": True,
            "diagnosis": None,
            "explanation": (ACCEPTED_WITH_CAUTION if above else CORRECT) + said,
            "caution": above,
            "plan_option": True,
            "judged_by": None,
        }
    )
