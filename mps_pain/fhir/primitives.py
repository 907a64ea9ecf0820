"""A FHIR resource's numbers and units of time as FHIR writes them, checked on the JSON before
the FHIR library reads it (the library turns the text "25" into the number 25, and reads any
``periodUnit``). Review 16, N2-small, still present in fuzz review 17: ``rateQuantity.value:
"25"`` and ``periodUnit: "H"`` were read, where the regimen reader refuses ``{"value": "10"}``.

- a Quantity's ``value`` (a dose, a rate, a range's ends, a ratio's parts, an observation) and
  ``timing.repeat``'s counts, frequencies, periods and durations are JSON numbers;
- a boolean is JSON true or false: ``fhir.booleans``, by FHIR's own definitions;
- ``periodUnit`` and ``durationUnit`` are FHIR's units of time (required binding
  UnitsOfTime: s, min, h, d, wk, mo, a), in lower case as FHIR writes them.

Each is refused at its element; a refusal in a resource refuses that resource alone."""

from __future__ import annotations

import math
from typing import Any, Final

from mps_pain.fhir.model import Refusal, quoted

__all__ = ["UNITS_OF_TIME", "check_primitive_forms"]

UNITS_OF_TIME: Final = ("s", "min", "h", "d", "wk", "mo", "a")
_QUANTITIES: Final = frozenset(
    {
        "doseQuantity",
        "rateQuantity",
        "valueQuantity",
        "quantity",
        "low",
        "high",
        "numerator",
        "denominator",
        "maxDosePerAdministration",
        "maxDosePerLifetime",
    }
)
_REPEAT_NUMBERS: Final = (
    "count",
    "countMax",
    "duration",
    "durationMax",
    "frequency",
    "frequencyMax",
    "period",
    "periodMax",
)
_REPEAT_UNITS: Final = ("periodUnit", "durationUnit")


def check_primitive_forms(raw: dict[str, Any]) -> None:
    """Refuse the first number written as text, or unit of time FHIR does not have, in ``raw``
    (one resource's JSON, its contained resources included)."""
    pending: list[tuple[Any, str, str]] = [(value, key, key) for key, value in raw.items()]
    while pending:
        node, key, path = pending.pop()
        if isinstance(node, list):
            pending.extend((child, key, f"{path}[{i}]") for i, child in enumerate(node))
        elif isinstance(node, dict):
            if key in _QUANTITIES:
                _number(node.get("value"), f"{path}.value")
            if key == "repeat":
                _repeat(node, path)
            pending.extend((child, name, f"{path}.{name}") for name, child in node.items())


def _number(value: Any, path: str) -> None:
    """A number written as text is refused here; other text (``"x"``, ``"1e400"``) is left to
    the reading's own words for it ("not a decimal number", "out of range")."""
    if isinstance(value, str) and _finite_number(value):
        raise Refusal(
            "invalid-value",
            path,
            f"{quoted(value)} is written as text; FHIR writes a number here, without quotes",
        )


def _repeat(repeat: dict[str, Any], path: str) -> None:
    for name in _REPEAT_NUMBERS:
        _number(repeat.get(name), f"{path}.{name}")
    for name in _REPEAT_UNITS:
        unit = repeat.get(name)
        if name in repeat and unit not in UNITS_OF_TIME:
            raise Refusal(
                "unsupported-timing",
                f"{path}.{name}",
                f"{quoted(str(unit))} is not a FHIR unit of time (write one of "
                f"{', '.join(UNITS_OF_TIME)}, in lower case)",
            )


def _finite_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False
