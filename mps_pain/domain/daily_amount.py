"""A daily amount in the unit its route is prescribed in: a patch in mcg/h, else mg/day.

The engine carries every amount in mg/day (a 25 mcg/h patch is 0.6 mg/day); a patch is
prescribed, labelled and said in mcg/h everywhere else in the tool (the planner's regimen, the
patch bands, the app's header). One rule for every sentence of the check that says a line's own
amount (pharmacist re-check 13b, #6: a kept patch read "Proposed: 0.6 mg/day fentanyl … a dose
change from 0.6 mg/day fentanyl").
"""

from __future__ import annotations

from mps_pain.units import format_number, scale, tidy

__all__ = ["PATCH_ROUTE", "amount_words", "own_amount", "route_amount_words"]

PATCH_ROUTE = "transdermal"
_DAILY, _PATCH = "mg/day", "mcg/h"


def own_amount(mg_per_day: float, patch: bool) -> tuple[float, str]:
    """(value, unit): ``mg_per_day`` in mcg/h for a patch, else as it is in mg/day."""
    if not patch:
        return mg_per_day, _DAILY
    return tidy(mg_per_day * scale(_DAILY, _PATCH)), _PATCH


def amount_words(mg_per_day: float, patch: bool) -> str:
    """'25 mcg/h' for a patch, '60 mg/day' otherwise."""
    value, unit = own_amount(mg_per_day, patch)
    return f"{format_number(value)} {unit}"


def route_amount_words(value: float, unit: str, route: str) -> str:
    """A daily amount in any daily unit (an ``mme`` line's ``daily_dose``) said as its route is."""
    return amount_words(tidy(value * scale(unit, _DAILY)), route == PATCH_ROUTE)
