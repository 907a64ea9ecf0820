"""Which units each kind of field accepts, and what a unit is made of (mass, per what time).

pint reads hundreds of units; a clinical field needs a handful. ``"10 u"`` is atomic mass units
to pint and ``"5 gr"`` is grains: both parse, both are clinically wrong here. So every quantity
field names its kind, and a unit is accepted only when its parts are on the kind's list: masses
from mcg to g, volumes in mL (with a concentration), rates per minute, hour or day. The allowed
spellings are published per kind (``allowed_units``) so a quantity editor can offer them.

Units are compared by what pint resolves them to (``ug/hr`` is microgram per hour), never by
their text; ``mass_unit_of`` and ``time_unit_of`` answer "which mass" and "per what time",
``same_unit`` "is it this unit".
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from functools import cache, lru_cache
from typing import Protocol

from mps_pain.units import UnitParseError, resolved_parts, scale, tidy

__all__ = [
    "CONTINUOUS_ROUTES",
    "INFUSION_ROUTES",
    "UnitKind",
    "allowed_units",
    "bare_number_unit",
    "check_unit",
    "daily_total_kind",
    "example_of",
    "listed_units",
    "mass_per_day_unit",
    "mass_per_hour_unit",
    "mass_unit_of",
    "per_hour_hint",
    "same_unit",
    "strengths_in",
    "time_unit_of",
]


class UnitKind(StrEnum):
    """The kinds of quantity field, each with its own list of units."""

    DOSE = "dose"
    RATE = "rate"
    MASS_RATE = "mass rate"
    DAILY_TOTAL = "daily total"
    DAILY_AMOUNT = "daily amount"
    CONCENTRATION = "concentration"
    KIDNEY_FUNCTION = "kidney function"
    BODY_MASS = "body mass"
    TIME_SPAN = "time span"
    TABLE_RATE = "mass per time"


# pint's name of a unit → the spelling the program shows
_MASS = {"microgram": "mcg", "milligram": "mg", "gram": "g"}
_VOLUME = {"milliliter": "mL"}
_TIME = {"minute": "min", "hour": "h", "day": "day"}
_TABLE_TIME = {"hour": "h", "day": "day"}  # the engine computes a table row per hour or day
_PER_DAY = {"day": "day"}
_PER_MINUTE = {"minute": "min"}
_BODY = {"kilogram": "kg", "gram": "g", "pound": "lb"}  # g: a newborn's weight (fuzz 12 #2)
_SPAN = {"millisecond": "ms", "second": "s"}

_Shape = tuple[dict[str, str], dict[str, str] | None]  # numerator names, denominator names

_SHAPES: dict[UnitKind, tuple[_Shape, ...]] = {
    UnitKind.DOSE: ((_MASS, None), (_VOLUME, None)),
    UnitKind.RATE: ((_MASS, _TIME), (_VOLUME, _TIME)),
    UnitKind.MASS_RATE: ((_MASS, _TIME),),
    UnitKind.DAILY_TOTAL: ((_MASS, None), (_MASS, _TIME)),
    UnitKind.DAILY_AMOUNT: ((_MASS, None), (_MASS, _PER_DAY)),
    UnitKind.CONCENTRATION: ((_MASS, _VOLUME),),
    UnitKind.KIDNEY_FUNCTION: ((_VOLUME, _PER_MINUTE),),
    UnitKind.BODY_MASS: ((_BODY, None),),
    UnitKind.TIME_SPAN: ((_SPAN, None),),
    UnitKind.TABLE_RATE: ((_MASS, _TABLE_TIME),),
}


# Each kind's example in a refusal ("write a number and a unit, e.g. '10 mg/mL'"): a typical
# number and one of the kind's own units (``example_of`` checks it), so a concentration is never
# shown a dose as its example (fuzz review 15, D11: "10 mg/5 mL" was told "e.g. '10 mg'").
_EXAMPLE_AMOUNTS: dict[UnitKind, tuple[str, str]] = {
    UnitKind.DOSE: ("10", "mg"),
    UnitKind.RATE: ("2", "mg/h"),
    UnitKind.MASS_RATE: ("2", "mg/h"),
    UnitKind.DAILY_TOTAL: ("60", "mg/day"),
    UnitKind.DAILY_AMOUNT: ("60", "mg/day"),
    UnitKind.CONCENTRATION: ("10", "mg/mL"),
    UnitKind.KIDNEY_FUNCTION: ("45", "mL/min"),
    UnitKind.BODY_MASS: ("70", "kg"),
    UnitKind.TIME_SPAN: ("440", "ms"),
    UnitKind.TABLE_RATE: ("25", "mcg/h"),
}


@cache
def example_of(kind: UnitKind) -> str:
    """The example every refusal of a field of ``kind`` gives: ``DOSE`` → ``"10 mg"``,
    ``CONCENTRATION`` → ``"10 mg/mL"``; its unit is one of ``allowed_units(kind)``."""
    number, unit = _EXAMPLE_AMOUNTS[kind]
    if unit not in allowed_units(kind):
        raise ValueError(f"the example unit {unit} is not one of a {kind.value}'s units")
    return f"{number} {unit}"


# The one unit a number alone is read in, for a kind with one clinically sensible unit: a QTc is
# written in ms on every ECG ("QTc 520"), an eGFR or a creatinine clearance in mL/min (clinician
# review 10, #1: "520" typed in the QTc box was refused and the planner said "QTc not known"),
# a patient's weight in kg, as wards chart it and every weight-based dose reads it (clinician
# review 17, #5: "58" was refused while "45" read as an eGFR; g and lb are still read when
# written). A dose or a rate has no such unit. The header shows the unit a number was read in.
_BARE_NUMBER_UNIT = {
    UnitKind.TIME_SPAN: "ms",
    UnitKind.KIDNEY_FUNCTION: "mL/min",
    UnitKind.BODY_MASS: "kg",
}


def bare_number_unit(kind: UnitKind) -> str | None:
    """The unit a number without one is read in for a field of ``kind`` (``TIME_SPAN`` → ``ms``,
    ``KIDNEY_FUNCTION`` → ``mL/min``), or None where a number needs its unit."""
    return _BARE_NUMBER_UNIT.get(kind)


CONTINUOUS_ROUTES = ("iv", "sc", "transdermal")
"""Routes given continuously (infusion, patch): only there is an amount per hour a dose."""

INFUSION_ROUTES = tuple(route for route in CONTINUOUS_ROUTES if route != "transdermal")
"""Routes given by infusion (a pump or a syringe driver): a rate per hour or per 24 hours."""


def daily_total_kind(route: str) -> UnitKind:
    """Which units a daily total accepts by ``route``: per hour or minute only where the drug
    runs continuously (a patch, an infusion). By mouth, buccal, rectal… a daily total is an
    amount per day (``mg``, ``mg/day``); ``25 mcg/h`` there is a patch rate typed in the wrong
    place (clinician review 3: oral oxycodone "25 mcg/h" read as 0.6 mg/day)."""
    return UnitKind.DAILY_TOTAL if route in CONTINUOUS_ROUTES else UnitKind.DAILY_AMOUNT


_PER_HOUR_OR_MINUTE = ("hour", "minute")


def per_hour_hint(unit_text: str, kind: UnitKind) -> str:
    """' (a rate per hour is a patch or infusion rate)' for an amount per hour or minute typed
    where ``kind`` lists none (an oral daily total); '' otherwise: a kind whose own list holds
    mg/h (an SC infusion's daily total), a unit per week, a unit that is no rate. The one rule of
    that parenthesis (fuzz review 12, #4: it followed 'mg/day/day' for an SC target whose list
    holds mg/h, and 'mg/week')."""
    parts = resolved_parts(unit_text)
    if parts is None or parts[1] not in _PER_HOUR_OR_MINUTE:
        return ""
    if any(bottom is not None and "hour" in bottom for _, bottom in _SHAPES[kind]):
        return ""
    return " (a rate per hour is a patch or infusion rate)"


@cache
def allowed_units(kind: UnitKind) -> tuple[str, ...]:
    """The spellings a field of this kind accepts, e.g. DOSE → ``("mcg", "mg", "g", "mL")``."""
    spellings: list[str] = []
    for top, bottom in _SHAPES[kind]:
        for shown in top.values():
            if bottom is None:
                spellings.append(shown)
            else:
                spellings.extend(f"{shown}/{per}" for per in bottom.values())
    return tuple(spellings)


# a kind whose list offers another kind's units: what it accepts beyond them is another
# column's dimension, read when typed but never offered (a daily total's "25 mcg/h" on a patch
# row is the Rate column's unit; clinician review 15, #10)
_LISTED_AS = {UnitKind.DAILY_TOTAL: UnitKind.DAILY_AMOUNT}


def listed_units(kind: UnitKind) -> tuple[str, ...]:
    """The units a field of ``kind`` offers in its list: those of its own dimension (a daily
    total: amounts and amounts per day, never per hour), all of which it accepts."""
    return allowed_units(_LISTED_AS.get(kind, kind))


@lru_cache(maxsize=4096)
def _display(unit_text: str, kind: UnitKind) -> str | None:
    parts = resolved_parts(unit_text)
    if parts is None:
        return None
    top, bottom = parts
    for top_names, bottom_names in _SHAPES[kind]:
        if top not in top_names:
            continue
        if bottom is None and bottom_names is None:
            return top_names[top]
        if bottom is not None and bottom_names is not None and bottom in bottom_names:
            return f"{top_names[top]}/{bottom_names[bottom]}"
    return None


def check_unit(unit_text: str, kind: UnitKind) -> str:
    """The display spelling of ``unit_text`` if a field of ``kind`` accepts it.

    Raises UnitParseError naming the allowed units otherwise (``"10 u"`` is not a dose).
    """
    shown = _display(unit_text, kind)
    if shown is None:
        raise UnitParseError(
            f"'{unit_text}' is not a unit for a {kind.value}; "
            f"use one of {', '.join(allowed_units(kind))}"
        )
    return shown


def mass_unit_of(unit_text: str) -> str:
    """Which mass: ``"mcg/h"`` → ``"mcg"``, ``"mg/day"`` → ``"mg"``, ``"mg"`` → ``"mg"``."""
    parts = resolved_parts(unit_text)
    if parts is None or parts[0] not in _MASS:
        raise UnitParseError(f"'{unit_text}' is not an amount of a drug by mass")
    return _MASS[parts[0]]


def mass_per_hour_unit(unit_text: str) -> str:
    """The same mass per hour: ``"mcg"`` → ``"mcg/h"``, ``"mg/day"`` → ``"mg/h"``."""
    return f"{mass_unit_of(unit_text)}/{_TABLE_TIME['hour']}"


def mass_per_day_unit(unit_text: str) -> str:
    """The same mass per day: ``"mcg/h"`` → ``"mcg/day"``, ``"mg"`` → ``"mg/day"``."""
    return f"{mass_unit_of(unit_text)}/{_TABLE_TIME['day']}"


def same_unit(unit_text: str, other: str) -> bool:
    """Whether two spellings are the same unit by what pint resolves them to: ``"ug/hr"`` is
    ``"mcg/h"``; ``"mg/d"`` is ``"mg/day"``; ``"mcg/day"`` is not ``"mcg/h"``."""
    parts = resolved_parts(unit_text)
    return parts is not None and parts == resolved_parts(other)


class _Strengths(Protocol):
    @property
    def unit(self) -> str: ...

    @property
    def values(self) -> Sequence[float]: ...


def strengths_in(strengths: _Strengths | None, unit: str) -> tuple[float, ...] | None:
    """Marketed strengths expressed in ``unit`` when they are of its dimension, else None.

    Matched by what the units are, not by their text: ``mcg`` strengths serve a dose in mg
    (converted), ``mcg/h`` patch strengths never serve a dose in mg.
    """
    if strengths is None:
        return None
    try:
        factor = scale(strengths.unit, unit)
    except UnitParseError:
        return None
    return tuple(tidy(value * factor) for value in strengths.values)


def time_unit_of(unit_text: str) -> str | None:
    """Per what time: ``"mcg/h"`` → ``"h"``, ``"mg/day"`` → ``"day"``; ``"mg"`` → None."""
    parts = resolved_parts(unit_text)
    if parts is None:
        raise UnitParseError(f"'{unit_text}' is not a rate this program computes")
    bottom = parts[1]
    if bottom is None:
        return None
    if bottom not in _TIME:
        raise UnitParseError(f"'{unit_text}' is not per minute, hour or day")
    return _TIME[bottom]
