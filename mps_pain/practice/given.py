"""An answer's number in the expected unit, read by the one daily-total rule ``mme`` applies
(moved out of ``grade.py``, which keeps the marks)."""

from __future__ import annotations

from typing import Any

from mps_pain.errors import InputError
from mps_pain.numbers import format_percent
from mps_pain.practice.key import MmeKey, SwitchKey
from mps_pain.practice.models import Answers, Expected
from mps_pain.unit_kinds import allowed_units, check_unit, daily_total_kind, per_hour_hint
from mps_pain.units import ParsedQuantity, UnitParseError, format_number, parse_quantity

__all__ = ["given_number", "in_unit"]


def in_unit(quantity: ParsedQuantity, unit: str, location: str) -> float:
    """The answer in the expected unit; a bare mass given for a daily amount is per day. A
    refusal names the answer's place (fuzz review 9, #3: "answers (mg)" for a regimen dose)."""
    if quantity.dimension.value == "mass" and "/" in unit:
        # a mapping, not text: Python writes a small value as 1e-05, which text refuses
        quantity = parse_quantity({"value": quantity.value, "unit": f"{quantity.unit}/day"})
    try:
        return quantity.to(unit)
    except Exception:
        raise InputError(f"'{quantity}' cannot be expressed in {unit}", location=location) from None


# The daily keys and the route whose daily-total rule reads them (``daily_total_kind``, the one
# rule ``mme`` applies to a daily total): the OME is an oral morphine amount; the equianalgesic
# dose and the target are amounts of the new drug by its route (fuzz review 8, #6: an oral
# "18.75 mg/h" was read as 450 mg/day where ``mme`` refuses it).
_DAILY_KEYS = ("ome_per_day", "equianalgesic_daily_dose", "target_daily_dose")


def _daily_unit_fits(key: MmeKey | SwitchKey, ask: str, quantity: ParsedQuantity) -> None:
    """The one rule of a daily key's unit: it accepts the unit, or refuses it listing only the
    units it accepts (the answer model keeps any unit of these keys for it: fuzz review 11 #2)."""
    route = "oral" if isinstance(key, MmeKey) or ask == "ome_per_day" else key.plan.regimen.route
    kind = daily_total_kind(route)
    try:
        check_unit(quantity.unit, kind)
    except UnitParseError:
        why = per_hour_hint(quantity.unit, kind)
        typed = quantity.written or quantity.unit  # echoed as typed (fuzz review 12, #4)
        raise InputError(
            f"'{typed}' is not a unit for a daily amount by the {route} route{why}; "
            f"use one of {', '.join(allowed_units(kind))}",
            location=f"answers.{ask}",
        ) from None


def given_number(
    key: MmeKey | SwitchKey, answers: Answers, ask: str, expected: Expected
) -> tuple[float, str]:
    raw: Any = getattr(answers, ask)
    if ask == "reduction":
        return float(raw), format_percent(float(raw))
    assert expected.unit is not None
    if ask in _DAILY_KEYS:
        _daily_unit_fits(key, ask, raw)
    value = in_unit(raw, expected.unit, f"answers.{ask}")
    return value, f"{format_number(value)} {expected.unit}"
