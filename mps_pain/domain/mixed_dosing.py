"""The refusal of a regimen row that gives more than one way of dosing (one rule: the command
line, the app's tables and the quick converter all meet it through ``RegimenItem``).

An amount per day beside a frequency is the ambiguous case a prescriber meets most: is "20
mg/day bd" 20 mg a day, or 20 mg twice a day? The row is refused with that question, naming
the daily total and the frequency as a prescriber writes them (clinician review 19, H1: the
quick converter read it as a day's total and dropped the frequency, a 2- to 6-fold underdose).
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from pydantic_core import PydanticCustomError

from mps_pain.domain.frequency import AS_NEEDED_HOW

__all__ = ["mixed_dosing_error"]


def mixed_dosing_error(
    extra: Set[str], needed: Set[str], shape: str, given: dict[str, Any]
) -> PydanticCustomError:
    """The refusal of ``extra`` dosing fields beside the ``needed`` ones of ``shape``;
    ``given``: the row's fields (the daily total and frequency are echoed as written)."""
    fields = tuple(sorted(extra))
    if extra == {"frequency"} and shape == "prn":  # B11: "10 mg q4h prn" (re-check 15b, #9)
        return PydanticCustomError(
            "mixed_dosing",
            "frequency cannot be combined with an as-needed line (prn: true): {how}",
            {"fields": fields, "shape": shape, "how": AS_NEEDED_HOW},
        )
    beside = _FREQUENCY_BESIDE.get(shape) if extra == {"frequency"} else None
    if beside is not None:
        field, what = beside
        amount, frequency = str(given[field]), str(given["frequency"])
        return PydanticCustomError(
            "mixed_dosing",
            f"frequency cannot be combined with {field}: {{amount}} is {what}",
            {"fields": fields, "shape": shape, "amount": amount, "frequency": frequency},
        )
    return PydanticCustomError(
        "mixed_dosing",
        f"{', '.join(fields)} cannot be combined with {', '.join(sorted(needed))}: an item has "
        "exactly one dosing shape (dose+frequency, rate, daily_dose, or prn+dose+doses_per_day)",
        {"fields": fields, "shape": shape},
    )


#: a frequency beside an amount that takes none: the amount's field and what to say of it
_FREQUENCY_BESIDE = {
    "total": (
        "daily_dose",
        "an amount per day, given with {frequency}: per dose or per day? Give the amount of "
        "each dose as 'dose' with the frequency, or the daily total without a frequency",
    ),
    "continuous": (
        "rate",
        "a rate (a patch or an infusion), given with {frequency}: a rate takes no frequency; "
        "give the rate alone (a patch's change interval can go in note)",
    ),
}
