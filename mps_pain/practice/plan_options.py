"""An answer the plan itself offers is graded as the plan grades it (pharmacist review 19, M4).

Where no amount that can be given lies within the sourced range, the plan names two options
("The options are 10 mg (an effective reduction of 55.6%) or 20 mg (11.1%). Choose with the
prescriber", ``RotationPlan.rounding_options``), and where it proposes another cited interval
it names the interval asked for as the other option (``RotationPlan.interval_alternative``).
20 mg q12h, the plan's own other option, was graded wrong with "a per-dose amount was used as a
daily amount", which is untrue. One rule: an answer the grader does not already accept that is an
option the exercise's plan names is accepted as that option; the mark says it is the plan's
other option, its effective reduction, and that the plan leaves the choice to the prescriber.
Above the plan's own choice it is accepted with caution (more of the new opioid than the plan's
answer, ``practice.caution``). A patch the plan names but does not take for this patient
(``RotationPlan.held_option``: the one above the range, nearer it, for a frail or elderly patient
or an organ rule) is not an option: it stays wrong, and the mark gives the plan's reason (pharmacist
review 20, L5: a 66-year-old's 10 mcg/h was accepted "with caution" as the plan's other option).
"""

from __future__ import annotations

from dataclasses import dataclass

from mps_pain.domain.frequency import Frequency, parse_frequency
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.patch_lower import not_taken
from mps_pain.domain.rotation.rounding_notes import reduction_miss
from mps_pain.domain.rotation.rounding_words import effective_words
from mps_pain.practice.caution import ACCEPTED_WITH_CAUTION
from mps_pain.practice.key import SwitchKey
from mps_pain.practice.models import Expected, KeyGrade

__all__ = ["PlanOption", "held_mark", "option_mark", "plan_option"]


@dataclass(frozen=True)
class PlanOption:
    """An option the plan names besides its choice: the amount, its interval, its effective
    reduction (None where the plan states none), and whether it is above the plan's choice."""

    amount: float
    unit: str
    frequency: str | None
    cut: float | None
    above: bool


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _same_interval(a: str | None, b: Frequency | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(parse_frequency(a).interval_h - b.interval_h) <= 1e-9


def _chosen(plan: RotationPlan) -> float | None:
    amount = plan.regimen.dose or plan.regimen.rate
    return None if amount is None else amount.value


def _options(plan: RotationPlan) -> list[PlanOption]:
    """Every option ``plan`` names other than its own regimen."""
    chosen, effective = _chosen(plan), plan.effective_reduction
    if chosen is None or chosen <= 0:
        return []
    found = []
    for option in plan.rounding_options:
        if _same(option.value, chosen):
            continue
        cut = None if effective is None else 1 - (1 - effective) * option.value / chosen
        above = option.value > chosen
        found.append(PlanOption(option.value, option.unit, plan.regimen.frequency, cut, above))
    other = plan.interval_alternative
    if other is not None:
        amount, theirs, ours = other.regimen.dose, other.daily_dose, plan.rounded_daily_dose
        if amount is not None:
            above = theirs is not None and ours is not None and theirs.value > ours.value
            freq = other.requested_frequency
            found.append(
                PlanOption(amount.value, amount.unit, freq, other.effective_reduction, above)
            )
    return found


def plan_option(
    key: SwitchKey, value: float, unit: str, frequency: Frequency | None
) -> PlanOption | None:
    """The option the exercise's plan (the one its worked answer shows) names besides its own
    regimen that the answer (``value`` ``unit`` at ``frequency``) is; None when it is none."""
    for option in _options(key.plan):
        same_interval = _same_interval(option.frequency, frequency)
        if option.unit == unit and _same(option.amount, value) and same_interval:
            return option
    return None


def option_mark(
    mark: KeyGrade, option: PlanOption, expected: Expected, sourced: tuple[float, float]
) -> KeyGrade:
    """``mark`` (a wrong regimen) accepted as the plan's other option, in words that say so:
    its effective reduction against the ``sourced`` range, as the plan's note says it."""
    cut = ""
    if option.cut is not None:
        cut = f" ({effective_words(option.cut)}, {reduction_miss(option.cut, sourced)})"
    said = (
        f"{mark.given} is the plan's other option{cut}: the plan names it beside its own "
        f"answer, {expected.point}, and leaves the choice to the prescriber (see the worked "
        "answer's warnings)."
    )
    words = f"{ACCEPTED_WITH_CAUTION}{said}" if option.above else f"Correct: {said}"
    return mark.model_copy(
        update={
            "correct": True,
            "diagnosis": None,
            "explanation": words,
            "caution": option.above,
            "plan_option": True,
            "judged_by": None,
        }
    )


def held_mark(mark: KeyGrade, key: SwitchKey, value: float, unit: str) -> KeyGrade | None:
    """``mark`` (a wrong regimen) with the plan's reason when the answer is the patch the plan
    names but does not take for this patient, in place of an error pattern; None otherwise."""
    held = key.plan.held_option
    if mark.correct or held is None:
        return None
    if held.amount.unit != unit or not _same(held.amount.value, value):
        return None
    words = mark.explanation
    if mark.diagnosis is not None:
        words = words.replace(f" {mark.diagnosis.message}", "")
    said = (
        f"{words} It is the patch above the range the plan names, but though nearer the range it "
        f"{not_taken(held.reason)} (See the worked answer's warnings.)"
    )
    return mark.model_copy(update={"diagnosis": None, "explanation": said})
