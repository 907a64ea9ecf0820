"""Which field of a regimen row an amount typed in one box fills, by its unit, and nothing else.

The quick converter asks for the current opioid in one box ("Amount and unit") beside a
Frequency. The row it makes is the row the command line reads from the same fields: the amount
goes in the field its unit names (an amount per dose → ``dose``, per hour on a continuous route
→ ``rate``, per day → ``daily_dose``) and a frequency typed is always carried, never dropped.
So "20 mg/day" with "bd" is the row ``daily_dose: 20 mg/day, frequency: bd`` that the core
refuses (an amount per day takes no frequency: per dose or per day?), as ``mps-pain mme`` does
(clinician review 19, H1: it was read as 20 mg a day and the "bd" dropped, a 2- to 6-fold
underdose of the new opioid). The unit a bare number takes follows the same fields
(``amount_field_for``): with a frequency, an amount per dose.
"""

from __future__ import annotations

from typing import Any

from mps_pain.unit_kinds import CONTINUOUS_ROUTES
from mps_pain.units import Dimension, UnitParseError, parse_quantity, resolved_parts

__all__ = ["amount_field", "amount_field_for", "amount_row"]

_PER_HOUR_OR_MINUTE = ("hour", "minute")


def amount_field_for(frequency: str, route: str = "") -> str:
    """The field a bare number is most likely meant for, by the other fields: on a patch its
    rate (``rate``: a patch is never dosed per dose), else with a frequency an amount per dose
    (``dose``), without one an amount per day (``daily_dose``)."""
    if route == "transdermal":
        return "rate"
    return "dose" if frequency.strip() else "daily_dose"


def amount_field(amount: str, route: str, frequency: str) -> str:
    """The field ``amount`` fills, by its unit: a mass or volume is a dose; an amount per hour
    or minute is a rate where the drug runs continuously (a patch, an infusion); any other
    amount per time is a daily total (one per hour by mouth is then refused by the daily
    total's own rule). Text that is no quantity goes where the other fields point
    (``amount_field_for``), to be read or refused there."""
    try:
        quantity = parse_quantity(amount)
    except (UnitParseError, ValueError):
        return amount_field_for(frequency, route)
    dimension = quantity.dimension
    if dimension in (Dimension.MASS, Dimension.VOLUME):
        return "dose"
    if dimension in (Dimension.MASS_RATE, Dimension.VOLUME_RATE):
        parts = resolved_parts(quantity.unit)
        per_hour = parts is not None and parts[1] in _PER_HOUR_OR_MINUTE
        return "rate" if per_hour and route in CONTINUOUS_ROUTES else "daily_dose"
    return amount_field_for(frequency, route)


def amount_row(drug: str, route: str, amount: str, frequency: str) -> dict[str, Any]:
    """The regimen row of the fields as typed: the amount in its field, the frequency kept."""
    row: dict[str, Any] = {
        "drug": drug,
        "route": route,
        amount_field(amount, route, frequency): amount,
    }
    if frequency.strip():
        row["frequency"] = frequency.strip()
    return row
