"""The one pint registry of the program, and unit parsing at the boundary.

Quantities are parsed here, once, at the edge (CLI document, GUI cell, YAML table). Inside the
engine, magnitudes travel as plain floats whose names carry their unit (``dose_mg_per_day``);
conversion scales between two unit spellings are computed by pint once and cached.

Numbers are binary floats, not Decimal: clinical inputs have at most four significant figures and
results are rounded for display only. A clinical conversion factor (mg oxycodone → mg morphine) is
never a unit conversion here: it comes from a table row.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any

__all__ = [
    "Dimension",
    "ParsedQuantity",
    "UnitParseError",
    "canonical_unit",
    "dimension_of",
    "get_registry",
    "parse_quantity",
    "scale",
    "tidy",
]


class UnitParseError(ValueError):
    """A unit string pint cannot read, or a quantity string without a number."""


class Dimension(StrEnum):
    """The physical kinds of quantity the program accepts."""

    MASS = "mass"
    MASS_RATE = "mass per time"
    VOLUME = "volume"
    VOLUME_RATE = "volume per time"
    CONCENTRATION = "mass per volume"
    TIME = "time"
    DIMENSIONLESS = "dimensionless"
    OTHER = "other"


@cache
def get_registry() -> Any:
    """The program's single pint UnitRegistry, built on first use (keeps start-up light)."""
    import pint

    try:
        registry: Any = pint.UnitRegistry(cache_folder=":auto:")
    except Exception:  # pragma: no cover - a read-only home falls back to no cache
        registry = pint.UnitRegistry()
    pint.set_application_registry(registry)
    return registry


_MICRO_SPELLINGS = ("µ", "μ")  # micro sign U+00B5 and Greek mu U+03BC
_EGFR_SUFFIX = re.compile(r"/\s*1\.73\s*m(\*\*|\^)?2$", re.IGNORECASE)


def _normalise_unit_text(text: str) -> str:
    cleaned = text.strip()
    for micro in _MICRO_SPELLINGS:
        cleaned = cleaned.replace(micro, "u")
    # eGFR is reported per 1.73 m² body surface; the number is the same, the suffix is a label.
    cleaned = _EGFR_SUFFIX.sub("", cleaned)
    return cleaned


@lru_cache(maxsize=4096)
def _unit(text: str) -> Any:
    registry = get_registry()
    normalised = _normalise_unit_text(text)
    if not normalised:
        raise UnitParseError("no unit given")
    try:
        unit = registry.Unit(normalised)
    except Exception as exc:
        raise UnitParseError(f"'{text}' is not a unit this program understands") from exc
    return unit


_DIMENSIONS: dict[str, Dimension] = {
    "[mass]": Dimension.MASS,
    "[mass] / [time]": Dimension.MASS_RATE,
    "[length] ** 3": Dimension.VOLUME,
    "[length] ** 3 / [time]": Dimension.VOLUME_RATE,
    "[mass] / [length] ** 3": Dimension.CONCENTRATION,
    "[time]": Dimension.TIME,
    "dimensionless": Dimension.DIMENSIONLESS,
}


@lru_cache(maxsize=4096)
def dimension_of(unit_text: str) -> Dimension:
    """The physical dimension of a unit spelling, e.g. ``"mcg/h"`` → ``MASS_RATE``."""
    unit = _unit(unit_text)
    key = str(unit.dimensionality)
    if key == "dimensionless" and unit_text.strip() not in ("", "1"):
        return Dimension.DIMENSIONLESS
    return _DIMENSIONS.get(key, Dimension.OTHER)


@lru_cache(maxsize=8192)
def scale(from_unit: str, to_unit: str) -> float:
    """How many ``to_unit`` make one ``from_unit`` (pint computes it once per pair).

    Raises UnitParseError when the two are of different dimensions.
    """
    source = _unit(from_unit)
    target = _unit(to_unit)
    registry = get_registry()
    try:
        return float(registry.Quantity(1.0, source).to(target).magnitude)
    except Exception as exc:
        raise UnitParseError(f"cannot convert {from_unit} to {to_unit}") from exc


_LABELS = {
    "µg": "mcg",
    "d": "day",
    "ml": "mL",
    "a": "year",
}


@lru_cache(maxsize=4096)
def canonical_unit(unit_text: str) -> str:
    """A short, unambiguous display spelling, e.g. ``"ug/hr"`` → ``"mcg/h"``."""
    unit = _unit(unit_text)
    short = f"{unit:~}"
    parts = re.split(r"(\s*/\s*|\s*\*\s*)", short)
    out = []
    for part in parts:
        stripped = part.strip()
        if stripped == "/":
            out.append("/")
        elif stripped == "*":
            out.append("·")
        else:
            base, _, power = stripped.partition(" ** ")
            label = _LABELS.get(base, base)
            out.append(label + (f"^{power}" if power else ""))
    return "".join(out)


@dataclass(frozen=True, slots=True)
class ParsedQuantity:
    """A number with the unit it was written in (display spelling)."""

    value: float
    unit: str

    @property
    def dimension(self) -> Dimension:
        return dimension_of(self.unit)

    def to(self, unit: str) -> float:
        """The magnitude in ``unit`` (e.g. ``q.to("mg/day")``)."""
        if unit == self.unit:
            return self.value
        return tidy(self.value * scale(self.unit, unit))

    def __str__(self) -> str:
        return f"{format_number(self.value)} {self.unit}"


_QUANTITY = re.compile(
    r"^\s*(?P<number>[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?|[-+]?nan|[-+]?inf(?:inity)?)"
    r"\s*(?P<unit>.*?)\s*$",
    re.IGNORECASE,
)


def parse_quantity(raw: object) -> ParsedQuantity:
    """Read ``"10 mg"``, ``{"value": 10, "unit": "mg"}`` or a ParsedQuantity.

    The number must be finite; the unit must parse. Dimension checks are the caller's (the field
    knows what it expects). Raises UnitParseError or ValueError with a plain sentence.
    """
    if isinstance(raw, ParsedQuantity):
        return raw
    if isinstance(raw, dict):
        unknown = set(raw) - {"value", "unit"}
        if unknown:
            raise ValueError(f"unknown key(s) {sorted(unknown)}; a quantity has 'value' and 'unit'")
        if "value" not in raw or "unit" not in raw:
            raise ValueError("a quantity needs both 'value' and 'unit'")
        value = raw["value"]
        unit_text = raw["unit"]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"'value' must be a number, got {value!r}")
        if not isinstance(unit_text, str):
            raise ValueError(f"'unit' must be a text such as 'mg', got {unit_text!r}")
        number = float(value)
    elif isinstance(raw, str):
        match = _QUANTITY.match(raw)
        if match is None:
            raise ValueError(f"'{raw}' is not a quantity; write a number and a unit, e.g. '10 mg'")
        number_text = match.group("number")
        if "," in number_text:
            raise ValueError(f"'{raw}': use a decimal point, not a comma")
        number = float(number_text)
        unit_text = match.group("unit")
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        raise ValueError(f"{raw!r} has no unit; write it with one, e.g. '{raw} mg'")
    else:
        raise ValueError(f"expected a quantity such as '10 mg', got {type(raw).__name__}")
    if not math.isfinite(number):
        raise ValueError(
            f"{number_text if isinstance(raw, str) else number} is not a finite number"
        )
    if not unit_text.strip():
        raise ValueError(f"'{raw}' has no unit; write it with one, e.g. '{number:g} mg'")
    return ParsedQuantity(number, canonical_unit(unit_text))


def tidy(value: float) -> float:
    """Drop binary noise from a computed magnitude (12 significant figures).

    ``50 mcg/h`` via mg/day comes back as 49.99999999999999; clinically the digits past the
    twelfth mean nothing, and a person checking the arithmetic by hand should see 50.
    """
    return float(f"{value:.12g}")


def format_number(value: float, significant: int = 4) -> str:
    """A number for people: up to ``significant`` figures, no trailing zeros, no exponent."""
    if value == 0:
        return "0"
    if value == int(value) and abs(value) < 10**significant:
        return str(int(value))
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(0, significant - 1 - magnitude)
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
