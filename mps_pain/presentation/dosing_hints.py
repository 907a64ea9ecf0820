"""The first hint on a patch or infusion row names its Rate (clinician review 6, #8: a patch row
with a Dose typed asked for a Frequency; a new IV row for "the Dose and Frequency, e.g. 10 mg"
without a word about an infusion). The routes given continuously are the core's
(``unit_kinds.CONTINUOUS_ROUTES``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mps_pain.unit_kinds import CONTINUOUS_ROUTES, time_unit_of
from mps_pain.units import UnitParseError

__all__ = ["PATCH_BY_RATE", "per_time_dose_words", "row_hint"]

#: how a patch is written, in the row's hint and the app's refusal of a patch given as a dose
PATCH_BY_RATE = "is entered by its strength in the Rate column"

Example = Callable[[str, Mapping[str, Any]], "str | None"]


def row_hint(row: Mapping[str, Any], shape: str, example: Example) -> tuple[str | None, str] | None:
    """``(field, sentence)`` for a row by a continuous route still read as a regular dose
    (``field`` None: the cell the core named); None for any other row. ``example(field, row)``
    gives a field's example amount for the row."""
    route = str(row.get("route") or "").strip().lower()
    if shape != "scheduled" or route not in CONTINUOUS_ROUTES:
        return None
    if route == "transdermal":
        return (
            "rate",
            f"Enter the Rate, e.g. 25 mcg/h: a patch {PATCH_BY_RATE}, not as a Dose and Frequency.",
        )
    dose_example, rate_example = example("dose", row), example("rate", row)
    regular = f", e.g. {dose_example} q4h" if dose_example else ""
    rate = f", e.g. {rate_example}" if rate_example else ""
    return None, f"Enter the Dose and Frequency{regular}, or the Rate for an infusion{rate}."


def per_time_dose_words(unit: str, example: Example, row: Mapping[str, Any]) -> str | None:
    """The Dose cell's sentence for an amount per time typed as a dose (clinician re-check 12b,
    #3: "50 mcg/h" read "not a unit for the dose, e.g. 100 mcg", steering a patch strength toward
    a dose): per hour or minute it names the Rate column, per day the Daily total. None for a
    unit that is no amount per time (the caller's own sentence stands)."""
    try:
        per = time_unit_of(unit)
    except UnitParseError:
        return None
    if per is None:
        return None
    dose = example("dose", row)
    one_dose = f" The Dose is one dose given at a time, e.g. {dose}." if dose else ""
    if per == "day":
        total = example("daily_dose", row) or "60 mg/day"
        return f"Dose: {unit} is an amount per day: it goes in Daily total, e.g. {total}.{one_dose}"
    rate = example("rate", row) or "25 mcg/h"
    return (
        f"Dose: {unit} is a rate: a patch strength or infusion rate goes in Rate, e.g. {rate}."
        f"{one_dose}"
    )
