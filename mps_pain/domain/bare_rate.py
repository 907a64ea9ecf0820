"""A number without its unit in a rate is no rate: per hour, or per 24 hours?

A syringe driver is written as its amount over 24 hours ("60 mg/24 h") and a pump as its amount
per hour ("2.5 mg/h"); a bare "20" in a rate is either, 24-fold apart (clinician review 19, H2:
"20" typed in the Rate of an SC morphine row was read as 20 mg/h, 960 OME a day, with no
warning, while the app writes syringe drivers per 24 h in that column). One rule, for the
command line and every field of the app: a bare number in a rate is refused, naming the units a
rate by that route is written in (``rate_units``). A patch's rate is labelled per hour only
(mcg/h), so a number alone there is not unclear: it is read in that one unit, by the command
line and the app alike (``read_bare_rate``; clinician review 20, N8: the app read "25" as 25
mcg/h while the command line refused it), as a QTc "520" is read in ms.

A rate at all is only for a route given continuously, a patch or an infusion
(``unit_kinds.CONTINUOUS_ROUTES``): by mouth, under the tongue, rectally, by IM injection… a
rate is refused naming the field and what that route takes, a dose and a frequency
(``rate_not_for_route``; clinician re-check 19b, R4: oral morphine MR "60 mg/24 h" was
accepted as a continuous oral rate, and a bare number on an oral row was told to use syringe
driver units). The regimen runs it after its dosing-shape check, so a row with two ways of
dosing keeps that refusal; a bare number is refused by it before any unit is named.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import PydanticCustomError

from mps_pain.unit_kinds import CONTINUOUS_ROUTES

__all__ = [
    "is_bare_number",
    "rate_not_for_route",
    "rate_units",
    "read_bare_rate",
    "refuse_bare_rate",
    "sole_rate_unit",
    "takes_a_rate",
]

_PATCH_UNITS = ("mcg/h",)


def rate_units(route: str, mass: str = "mg") -> tuple[str, ...]:
    """The units a rate by ``route`` is written in: a patch per hour (mcg/h, as labelled); an
    infusion or syringe driver per hour or per 24 hours (``mass``: the row's dose unit)."""
    if route == "transdermal":
        return _PATCH_UNITS
    return (f"{mass}/h", f"{mass}/24 h")


def sole_rate_unit(route: str) -> str | None:
    """The one unit a rate by ``route`` is written in (a patch: mcg/h), or None where a bare
    number is ambiguous (per hour or per 24 hours)."""
    units = rate_units(route)
    return units[0] if len(units) == 1 else None


def is_bare_number(raw: Any) -> bool:
    """A number with no unit: 20, 2.5, "20", " 2.5 "."""
    if isinstance(raw, bool):
        return False
    if isinstance(raw, int | float):
        return True
    if not isinstance(raw, str):
        return False
    try:
        float(raw.strip())
    except ValueError:
        return False
    return bool(raw.strip())


def takes_a_rate(route: str | None) -> bool:
    """Whether a row by ``route`` may be dosed by a rate: a patch or an infusion. A route that
    was itself refused (None) is not judged here: its own error names it."""
    return route is None or route in CONTINUOUS_ROUTES


def rate_not_for_route(route: str, typed: str) -> PydanticCustomError:
    """The refusal of a rate on a route that takes none, naming the field and what it takes."""
    return PydanticCustomError(
        "rate_not_for_route",
        "'{typed}': the {route} route takes no rate (a rate is for a patch or an "
        "infusion, iv or sc); give 'dose' and 'frequency' instead (or the daily total as "
        "'daily_dose')",
        {"fields": ("rate",), "typed": typed, "route": route},
    )


def read_bare_rate(raw: Any, route: str | None) -> Any:
    """``raw`` with its route's one rate unit when it is a number alone and the route has one (a
    patch: "25" → "25 mcg/h"); any other bare number refused (``refuse_bare_rate``); any other
    input unchanged."""
    unit = sole_rate_unit(str(route or ""))
    if unit is not None and is_bare_number(raw):
        return f"{str(raw).strip()} {unit}"
    refuse_bare_rate(raw, route)
    return raw


def refuse_bare_rate(raw: Any, route: str | None) -> None:
    """Refuse a bare number as a rate, naming the units of ``route`` (the route itself refused:
    per hour or per 24 hours); on a route that takes no rate, saying what it takes instead."""
    if not is_bare_number(raw):
        return
    if not takes_a_rate(route):
        raise rate_not_for_route(str(route), str(raw).strip())
    units = rate_units(str(route or ""))
    raise PydanticCustomError(
        "bare_rate",
        "'{typed}' has no unit: a rate {by} is written in {units}; give the unit",
        {
            "fields": ("rate",),
            "typed": str(raw).strip(),
            "by": f"by the {route} route" if route else "by this route",
            "units": " or ".join(units),
            "unit_list": units,
        },
    )
