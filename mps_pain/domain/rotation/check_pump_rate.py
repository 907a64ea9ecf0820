"""A rate set on a pump, read by the precision the planner writes it in (pharmacist review 18d, L1).

The planner writes an infusion's rate as a pump is set (``numbers.pump_rate``: two decimals,
rounded down: 40 mg over 24 h → 1.66 mg/h). A prescriber who sets the same amount to the
nearest step writes 1.67 mg/h (40.08 mg over 24 h, 601.2 mg/day OME against a top of 600), and
the check had called it NOT REDUCED. One rule with the planner's (``numbers.pump_step``): a
single infusion written per hour, at a pump's precision, whose rate lies within half a pump step
above the rate of the range's top is that top set on the pump to the nearest step, so within,
and the reason says so. Further above, or written with more decimals than a pump is set to
(1.66667 mg/h: 600.0012 mg/day OME, said beside the top with the figures that tell them apart,
``numbers.format_beside``), the verdict stands.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.check_band import Expectation
from mps_pain.numbers import format_number, format_percent, pump_step
from mps_pain.unit_kinds import time_unit_of
from mps_pain.units import UnitParseError

__all__ = ["pump_rounding_within"]

_REL = 1e-6


def _per(unit: str) -> str | None:
    """Per what time the rate is written ("h" for mg/h), None when it is not a rate."""
    try:
        return time_unit_of(unit)
    except UnitParseError:
        return None


def pump_rounding_within(
    proposed: Sequence[DailyItem],
    prn: str,
    exp: Expectation,
    reasons: list[str],
    short_tolerance: float = 0.0,
) -> bool:
    """Whether the proposal beyond the range is one per-hour infusion whose rate is the range's
    top (or bottom: CI on session 18's merged state drew 63 mg/day oral morphine to SC morphine,
    whose rate at the nearest step fell just below) set on a pump to the nearest step (module
    doc); the reason is added when it is."""
    lines = [d for d in proposed if d.counts(prn)]
    if len(lines) != 1 or exp.value <= 0 or exp.high <= 0:
        return False
    item = lines[0].item
    rate = item.rate
    if item.shape != "continuous" or item.route == "transdermal" or rate is None:
        return False
    if rate.value <= 0 or _per(rate.unit) != "h":
        return False
    step = pump_step(rate.value)
    if abs(rate.value / step - round(rate.value / step)) > 1e-6:
        return False  # more decimals than a pump is set to: the rate as written is judged
    above = exp.value > exp.high
    # the end the proposal is beyond: the top, or the bottom less the rounding tolerance
    end = exp.high if above else exp.low * (1 - short_tolerance)
    top = rate.value * end / exp.value  # the rate of that end, same unit
    if abs(rate.value - top) - step / 2 > top * _REL:
        return False
    beyond = exp.value / exp.high - 1 if above else 1 - exp.value / end
    side, which = ("Above", "top") if above else ("Below", "bottom, less its rounding tolerance,")
    reasons.append(
        f"{side} the range by {format_percent(beyond)} only by the pump's "
        f"rounding: the range's {which}, {format_number(end)} {exp.unit}, is "
        f"{format_number(top, 5)} {rate.unit}, which a pump set to the nearest "
        f"{format_number(step)} {rate.unit} reads as {format_number(rate.value)} {rate.unit} "
        "(the switching plan writes the rate rounded down to that step; no source gives a pump's "
        "precision: this program's rule)."
    )
    return True
