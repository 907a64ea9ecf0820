"""A regimen at another interval than the one asked is judged by its daily total (pharmacist
review 19, M4; review 18, L1).

7.5 mg bid (15 mg/day, the reduced target) for a methadone exercise asking tid was told "The dose
was rounded up … never above the reduced target": the pattern compared 7.5 mg per dose with the
tid dose (5 mg), arithmetic that does not give the answer. At another interval the per-dose
number is not the tid dose rounded any way; what the trainee computed is the daily total. One
rule: the daily total (dose × the doses a day of the interval given) is compared with the
target's accepted range (the planner's, or the trainee's own accepted target within the grader's
tolerance); a right total is said as that, with the interval asked, and no pattern is named; a
wrong total is matched against the target's patterns (whose arithmetic gives a daily total), so a
diagnosis is given only when its own arithmetic reproduces the answer's daily total.
"""

from __future__ import annotations

from mps_pain.domain.frequency import Frequency
from mps_pain.practice.carry import Carry
from mps_pain.practice.diagnose import diagnose_number
from mps_pain.practice.expected import expected_for, regimen_target, within
from mps_pain.practice.key import SwitchKey
from mps_pain.units import format_number

__all__ = ["at_other_interval"]


def at_other_interval(
    key: SwitchKey, carry: Carry | None, value: float, frequency: Frequency
) -> tuple[list[str], str]:
    """(the pattern codes, the note) for the dose ``value`` given at ``frequency``, which is
    not the interval the exercise asks."""
    target = regimen_target(key)
    daily = expected_for(key, "target_daily_dose")
    assert daily.low is not None and daily.high is not None
    total = value * frequency.doses_per_day
    unit = key.plan.target_daily_dose.unit
    asked = f"The exercise asks for the regimen {target.frequency}."
    own = None if carry is None else carry.values.get("target_daily_dose")
    if within(total, daily.low, daily.high) or (own is not None and within(total, own, own)):
        right = f"Its daily total, {format_number(total)} {unit}, is right, at another interval."
        return [], f"{right} {asked}"
    codes = diagnose_number(key, "target_daily_dose", total, (daily.low, daily.high))
    note = f"It gives {format_number(total)} {unit} (the target: {daily.text}). {asked}"
    return codes, note
