"""Pydantic field types for quantities with a checked dimension.

``Annotated[ParsedQuantity, …]`` types accept ``"10 mg"`` or ``{"value": 10, "unit": "mg"}``,
refuse a non-finite, zero or negative number and a unit of the wrong dimension, serialise as
``{"value": 10.0, "unit": "mg"}`` and publish a JSON Schema. The message names what was expected,
and pydantic adds the field's location.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from mps_pain.units import Dimension, ParsedQuantity, UnitParseError, parse_quantity

__all__ = [
    "Concentration",
    "DoseAmount",
    "DoseRate",
    "KidneyFunction",
    "MassRate",
    "NonNegativeMassRate",
    "TimeSpan",
    "quantity_json",
]

_EXAMPLES = {
    Dimension.MASS: "10 mg",
    Dimension.MASS_RATE: "2 mg/h",
    Dimension.VOLUME: "2 mL",
    Dimension.VOLUME_RATE: "1 mL/h",
    Dimension.CONCENTRATION: "10 mg/mL",
    Dimension.TIME: "440 ms",
}


def _validator(dimensions: tuple[Dimension, ...], *, allow_zero: bool) -> Callable[[Any], Any]:
    wanted = " or ".join(d.value for d in dimensions)
    example = _EXAMPLES.get(dimensions[0], "10 mg")

    def validate(raw: Any) -> ParsedQuantity:
        try:
            quantity = parse_quantity(raw)
        except UnitParseError as exc:
            raise ValueError(f"{exc}; expected a {wanted} such as '{example}'") from None
        if quantity.dimension not in dimensions:
            raise ValueError(
                f"'{quantity}' is a {quantity.dimension.value}, expected a {wanted} "
                f"such as '{example}'"
            )
        if quantity.value < 0 or (quantity.value == 0 and not allow_zero):
            raise ValueError(f"'{quantity}' must be greater than zero")
        return quantity

    return validate


def quantity_json(quantity: ParsedQuantity) -> dict[str, float | str]:
    """The JSON shape of a quantity: ``{"value": 10.0, "unit": "mg"}``."""
    return {"value": quantity.value, "unit": quantity.unit}


def _schema(dimensions: tuple[Dimension, ...]) -> dict[str, Any]:
    example = _EXAMPLES.get(dimensions[0], "10 mg")
    return {
        "description": f"A {' or '.join(d.value for d in dimensions)}, e.g. '{example}'",
        "anyOf": [
            {"type": "string", "examples": [example]},
            {
                "type": "object",
                "properties": {"value": {"type": "number"}, "unit": {"type": "string"}},
                "required": ["value", "unit"],
                "additionalProperties": False,
            },
        ],
    }


def _quantity_type(*dimensions: Dimension, allow_zero: bool = False) -> Any:
    return Annotated[
        ParsedQuantity,
        PlainValidator(_validator(dimensions, allow_zero=allow_zero)),
        PlainSerializer(quantity_json, return_type=dict),
        WithJsonSchema(_schema(dimensions)),
    ]


DoseAmount = _quantity_type(Dimension.MASS, Dimension.VOLUME)
DoseRate = _quantity_type(Dimension.MASS_RATE, Dimension.VOLUME_RATE)
MassRate = _quantity_type(Dimension.MASS_RATE)
NonNegativeMassRate = _quantity_type(Dimension.MASS_RATE, allow_zero=True)
DailyTotal = _quantity_type(Dimension.MASS_RATE, Dimension.MASS)
Concentration = _quantity_type(Dimension.CONCENTRATION)
KidneyFunction = _quantity_type(Dimension.VOLUME_RATE)
TimeSpan = _quantity_type(Dimension.TIME)
BodyMass = _quantity_type(Dimension.MASS)
