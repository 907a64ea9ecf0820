"""A wrong methadone number that another methadone method gives is named for what it is
(pharmacist re-check 18b, L3).

An MSD/Quill target for a CCDHB exercise (99.5 OME: 3.11 mg/day, where CCDHB gives 9.33) was
told "A per-dose amount was used as a daily amount": 3.11 × 3 doses is 9.33 by coincidence, but
the trainee had used another method, as every step of the answer showed. A number that another
method of the exercise's plan gives (the planner asked the same exercise by that method) gets no
error pattern: the mark says which method gives it and which the exercise asks for. A diagnosis
is given only when it is what happened.
"""

from __future__ import annotations

from mps_pain.errors import MpsPainError
from mps_pain.practice.diagnose import close_to
from mps_pain.practice.key import MmeKey, SwitchKey
from mps_pain.practice.models import KeyGrade

__all__ = ["named_method"]

#: the steps a methadone method sets (the OME before it is the method's input, not its output)
_BY_METHOD = ("equianalgesic_daily_dose", "target_daily_dose", "regimen")


def named_method(key: MmeKey | SwitchKey, mark: KeyGrade, value: float) -> KeyGrade:
    """``mark`` with the method named instead of a pattern, when the wrong ``value`` is what
    another methadone method gives for this exercise; unchanged otherwise."""
    if mark.correct or mark.key not in _BY_METHOD or not isinstance(key, SwitchKey):
        return mark
    if not key.is_methadone:
        return mark
    others = _methods_giving(key, mark.key, value)
    if not others:
        return mark
    asked = _name(key, key.plan.methadone_method)
    said = " or ".join(others)
    note = f"It is what the methadone method {said} gives; the exercise asks for {asked}."
    words = mark.explanation
    if mark.diagnosis is not None:
        words = words.replace(f" {mark.diagnosis.message}", "", 1)
    return mark.model_copy(update={"diagnosis": None, "explanation": f"{words} {note}"})


def _methods_giving(key: SwitchKey, ask: str, value: float) -> list[str]:
    """The names of the other methods whose plans for this exercise give ``value`` at ``ask``
    (two can give the same number: each is named)."""
    names = []
    for option in key.plan.methadone_options:
        if option.method == key.plan.methadone_method:
            continue
        try:
            plan = key.replan(methadone_method=option.method)
        except MpsPainError:
            continue
        amount = {
            "equianalgesic_daily_dose": plan.equianalgesic_daily_dose,
            "target_daily_dose": plan.target_daily_dose,
            "regimen": plan.regimen.dose or plan.regimen.rate,
        }[ask]
        if amount is not None and close_to(value, [(amount.value, amount.value)]):
            names.append(option.name)
    return names


def _name(key: SwitchKey, method: str | None) -> str:
    return next((o.name for o in key.plan.methadone_options if o.method == method), "its method")
