"""A wrong regimen outside the sourced reduction range says so (pharmacist re-check 19b, M3).

25 mg q12h after an accepted 50% and 53 mg/day (an effective 52.8% of a 25–50% range) was told
only "Expected 35 mg q12h", while 5 mg q12h after an accepted 30% (an effective 50% of 0–30%) was
scored full marks as "follows": the grader's tolerance around the trainee's target let the planner
be asked past the range's end (``Carry._key`` now never asks past it where the planner there
leaves the range), so both are wrong by one rule. Where no error pattern explains such a wrong
regimen, its mark says by how much it misses the range, in the plan's own rounding words
(``reduction_miss``).
"""

from __future__ import annotations

from mps_pain.domain.frequency import Frequency
from mps_pain.domain.rotation.rounding_notes import reduction_miss
from mps_pain.domain.rotation.rounding_words import effective_words
from mps_pain.practice.carry import Carry
from mps_pain.practice.expected import regimen_target
from mps_pain.practice.follows import effective_cut, inside_range
from mps_pain.practice.key import MmeKey, SwitchKey
from mps_pain.practice.models import KeyGrade
from mps_pain.units import format_number

__all__ = ["outside_range"]


def outside_range(
    key: MmeKey | SwitchKey,
    mark: KeyGrade,
    value: float,
    frequency: Frequency | None,
    carry: Carry | None,
) -> KeyGrade:
    """``mark`` (the regimen's) with its miss of the sourced range said, where it is wrong, no
    pattern names it, it is at the exercise's own interval and its effective reduction lies
    outside the range from every base; unchanged otherwise."""
    if mark.key != "regimen" or mark.correct or mark.diagnosis is not None:
        return mark
    if not isinstance(key, SwitchKey) or key.is_methadone:
        return mark
    target = regimen_target(key)
    if target.kind == "dose" and (
        frequency is None or abs(24.0 / frequency.interval_h - target.doses_per_day) > 1e-6
    ):
        return mark  # another interval: its own words (``practice.other_interval``)
    own = key.plan.effective_reduction
    if own is None or not inside_range(own, key):
        return mark  # the plan's own dose leaves the range: its rounding note says why
    carried = None if carry is None else carry.key_for("regimen")
    bases = [key] if carried is None else [key, carried]
    cuts = [(b, c) for b in bases if (c := effective_cut(b, value)) is not None]
    if not cuts or any(inside_range(c, key) for _, c in cuts):
        return mark
    base, cut = cuts[0]
    eq = base.plan.equianalgesic_daily_dose
    miss = reduction_miss(cut, (key.reduction_low, key.reduction_high))
    note = (
        f"It is {effective_words(cut)} from the equianalgesic {format_number(eq.value)} "
        f"{eq.unit}, {miss}, where the plan's own dose lies within it."
    )
    return mark.model_copy(update={"explanation": f"{mark.explanation} {note}"})
