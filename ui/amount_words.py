"""The app's words for a rate typed without its unit, or on a route that takes none (the core's
``bare_rate``; no Qt).

Per hour or per 24 hours? A bare number in a rate is either, 24-fold apart (clinician review 19,
H2): the sentence names the units the core names for the row's route, the 24-hour one as the
unit list shows it. A rate by mouth (or any route that is neither a patch nor an infusion) is
told what that route takes instead, never a syringe driver's units (clinician re-check 19b, R4).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["RATE_WORDS", "bare_rate_words", "rate_not_for_route_words"]


def bare_rate_words(field: str, ctx: Mapping[str, Any], row: Mapping[str, Any]) -> str:
    """ "Rate: “20” has no unit: per hour or per 24 hours? …" for ``field`` (the Rate)."""
    typed = str(ctx.get("typed") or row.get(field) or "").strip()
    units = [str(u) for u in ctx.get("unit_list", ())] or ["mg/h", "mg/24 h"]
    if len(units) == 1:
        return f"Rate: “{typed}” has no unit: type it with its unit, {units[0]}."
    per_hour, per_day = units[0], units[1]
    in_list = per_day.replace("/24 h", "/day")
    return (
        f"Rate: “{typed}” has no unit: per hour or per 24 hours? Type {per_hour} (per hour) or "
        f"{per_day} (over 24 hours, as a syringe driver is written; {in_list} in the unit "
        "list), or choose the unit in the list."
    )


def rate_not_for_route_words(field: str, ctx: Mapping[str, Any], row: Mapping[str, Any]) -> str:
    """ "Rate: the oral route takes no rate …" for ``field`` (the Rate)."""
    route = str(ctx.get("route") or row.get("route") or "").strip()
    return (
        f"Rate: by the {route} route a drug is not given as a rate; only a patch or an infusion "
        "(IV or SC) takes one. Clear the Rate and give a Dose and a Frequency, or the Daily total."
    )


#: the app's words for the core's refusals of a rate, by their code
RATE_WORDS = {"bare_rate": bare_rate_words, "rate_not_for_route": rate_not_for_route_words}
