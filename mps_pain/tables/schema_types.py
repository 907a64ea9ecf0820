"""The field types every table schema shares, defined once.

``schema.py`` (drugs, sets, factors), ``schema_rotation.py`` and ``schema_route_ratios.py`` build
their models from these: the frozen base, identifiers, text, bounded numbers, fractions written as
ratios, and ``Cited`` (a record that names its source and the place in it).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from mps_pain.tables.vocabulary import Severity

__all__ = [
    "Cited",
    "Fraction",
    "Frozen",
    "Identifier",
    "NonNegativeNumber",
    "PositiveFraction",
    "PositiveNumber",
    "Ratio",
    "Severity",
    "Text",
    "ratio_value",
]


class Frozen(BaseModel):
    """Every table record: immutable, unknown keys refused, text stripped."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]
Text = Annotated[str, Field(min_length=2)]
# 1e9: no table number comes near it; a stray exponent (1e308) is refused at load
PositiveNumber = Annotated[float, Field(gt=0, le=1e9, allow_inf_nan=False)]
NonNegativeNumber = Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)]


def ratio_value(raw: object) -> object:
    """A fraction may be written as a ratio (``"a/b"``), so the table shows the source's rule."""
    if isinstance(raw, str) and "/" in raw:
        top, _, bottom = raw.partition("/")
        try:
            return float(top) / float(bottom)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"'{raw}' is not a ratio 'a/b'") from None
    return raw


_AS_RATIO = BeforeValidator(ratio_value)
Fraction = Annotated[float, _AS_RATIO, Field(ge=0, lt=1, allow_inf_nan=False)]
PositiveFraction = Annotated[float, _AS_RATIO, Field(gt=0, le=1, allow_inf_nan=False)]
Ratio = Annotated[float, _AS_RATIO, Field(gt=0, le=1e9, allow_inf_nan=False)]


class Cited(Frozen):
    """A record that carries its own citation inline (``source`` and ``locator`` keys)."""

    source: Identifier
    locator: Text = Field(description="Where in the source: table, page, section or row.")
