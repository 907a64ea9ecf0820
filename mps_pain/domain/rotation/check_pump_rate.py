"""A rate written to fewer decimals than its bound (pharmacist review 18d, L1; fuzz re-check
19b, D2; pharmacist re-check 20b, M-3).

The planner writes an infusion's rate as a pump is set (``numbers.pump_rate``: two decimals,
rounded down: 40 mg over 24 h → 1.66 mg/h). A prescriber writes the same amount to the nearest
step (1.67 mg/h: 601.2 mg/day OME against a top of 600), rounded up (fentanyl IV 133.34 mcg/h
for 133.333: 640.03 against 640), or to more decimals (0.166667 mg/h for 0.1666…), and the check
had called each NOT REDUCED, once "risk of overdose". One rule, on the size of the excess only:
a single infusion written per hour (mg/h, mcg/h, mL/h) beyond the range is that bound rounded
when it lies less than one pump step (``numbers.pump_step``, the planner's) beyond it, and
either within the cited fraction of it (``rotation.rounding.rounded_rate_excess``: 133.34 for
133.333) or no further beyond it than the bound rounded to the nearest at some precision (0.19
for 0.1875, so 0.189 and 0.18751 too): within, and the reason says so. A whole pump step beyond
stays beyond (1.68 mg/h against 1.6667; 0.2 mg/h against 0.1875). The allowance is one number
for the plan, whatever the rate's decimals, so the rule is monotone: a rate between the bound
and a rate read within reads within (until re-check 20b M-3 a rate also had to lie within one
step of its own last decimal, and 133.335 mcg/h read "risk of overdose" while 133.34 read
within).

A rate in mL/h follows the same rule, its decimals as written; its pump step is the planner's
step of the dose it delivers (mg/h, at the row's concentration), in mL/h (pharmacist review 20,
L3: 1.28 mL/h of 10 mg/mL read within while the same dose written 12.8 mg/h read above, and
0.001 mL/h was called a pump's step): the same dose has the same verdict in either unit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import RegimenItem
from mps_pain.domain.rotation.check_band import Expectation
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.numbers import (
    format_number,
    format_percent,
    plain_digits,
    pump_step,
    written_step,
)
from mps_pain.plural import counted
from mps_pain.tables.index import TableIndex
from mps_pain.unit_kinds import mass_unit_of, time_unit_of
from mps_pain.units import Dimension, ParsedQuantity, UnitParseError, scale

__all__ = ["pump_rounding_within", "typed_per_hour"]

_REL = 1e-6
_DECIMALS = 13  # the precisions a bound is rounded at: whole numbers to 12 decimals


class _Dose(NamedTuple):
    """What one unit of a rate by volume delivers: ``per`` of ``unit`` (10 mg/h per mL/h)."""

    per: float
    unit: str


def _dose_of(item: RegimenItem) -> _Dose | None:
    """The dose a rate by volume (mL/h) delivers per unit of it, at the row's concentration;
    None for a rate by mass, whose own number is the dose."""
    rate, concentration = item.rate, item.concentration
    if rate is None or concentration is None or rate.dimension is not Dimension.VOLUME_RATE:
        return None
    mass = mass_unit_of(concentration.unit)
    return _Dose(scale(rate.unit, "mL/h") * concentration.to(f"{mass}/mL"), f"{mass}/h")


def _per(unit: str) -> str | None:
    """Per what time the rate is written ("h" for mg/h), None when it is not a rate."""
    try:
        return time_unit_of(unit)
    except UnitParseError:
        return None


def pump_rounding_within(
    tables: TableIndex,
    proposed: Sequence[DailyItem],
    prn: str,
    exp: Expectation,
    reasons: list[str],
    short_tolerance: float = 0.0,
) -> bool:
    """Whether the proposal beyond the range is one per-hour infusion whose rate is the range's
    top (or bottom: CI on session 18's merged state drew 63 mg/day oral morphine to SC morphine,
    whose rate at the nearest step fell just below) written to fewer decimals (module doc); the
    reason is added when it is."""
    item = typed_per_hour(proposed, prn)
    if item is None or item.rate is None or exp.value <= 0 or exp.high <= 0:
        return False
    rate = item.rate
    above = exp.value > exp.high
    # the end the proposal is beyond: the top, or the bottom less the rounding tolerance
    end = exp.high if above else exp.low * (1 - short_tolerance)
    bound = rate.value * end / exp.value  # the rate of that end, same unit
    gap = rate.value - bound if above else bound - rate.value  # how far beyond the bound
    excess = rotation_rules(tables).rounding.rounded_rate_excess
    dose = _dose_of(item)
    if not _written_shorter(bound, gap, above, excess.fraction, dose):
        return False  # not beyond it (the tolerance below says so), or a real excess
    note = _rounding_note(rate, bound, exp, end, excess.fraction, dose)
    reasons.append(f"{note} [{tables.cite(excess.citation)}]")
    return True


def typed_per_hour(proposed: Sequence[DailyItem], prn: str) -> RegimenItem | None:
    """The proposal's one counted line where it is an infusion whose rate is typed per hour
    (mg/h, mcg/h, mL/h; not a patch), the lines this rule reads; else None."""
    lines = [d for d in proposed if d.counts(prn)]
    if len(lines) != 1:
        return None
    item = lines[0].item
    rate = item.rate
    if item.shape != "continuous" or item.route == "transdermal" or rate is None:
        return None
    return item if rate.value > 0 and _per(rate.unit) == "h" else None


def _pump_step(bound: float, dose: _Dose | None) -> float:
    """A pump's step at ``bound``, in the rate's unit: the planner's step of the dose it delivers
    (a rate by volume: of its mg/h, back in mL/h; module doc)."""
    return pump_step(bound) if dose is None else pump_step(bound * dose.per) / dose.per


def _rounded(bound: float, decimals: int, above: bool) -> float:
    """How far beyond ``bound`` it lies rounded to the nearest at ``decimals`` (0 when the
    nearest is on the range's side of it; a tie reads as the nearest)."""
    unit = 10.0**-decimals
    nudge = bound * _REL  # float noise: 0.18749999999 is 0.1875
    if above:
        gap = math.ceil((bound - nudge) / unit) * unit - bound
    else:
        gap = bound - math.floor((bound + nudge) / unit) * unit
    return gap if 0 < gap <= unit / 2 * (1 + _REL) else 0.0


def _allowed(bound: float, above: bool, excess: float, step: float) -> float:
    """The largest excess beyond ``bound`` read as rounding (module doc): the cited fraction of
    it, or as far as it rounded to the nearest at any precision, less than a pump ``step``
    away. One number for the plan, whatever the rate's decimals: the rule is monotone."""
    roundings = (_rounded(bound, d, above) for d in range(_DECIMALS))
    return max([bound * excess, *(gap for gap in roundings if gap < step * (1 - _REL))])


def _written_shorter(
    bound: float, gap: float, above: bool, excess: float, dose: _Dose | None = None
) -> bool:
    """Whether a rate ``gap`` beyond ``bound`` is that bound rounded: less than a pump's step
    beyond it, and within the cited fraction of it (133.34 for 133.333) or no further than it
    rounded to the nearest (0.19 for 0.1875). Rounding a whole step up is not: 0.11 mg/h for
    0.1001 is a tenth more (``rotation.rounding.rounded_rate_excess``)."""
    step = _pump_step(bound, dose)
    if gap <= 0 or gap >= step * (1 - _REL):
        return False
    return gap <= _allowed(bound, above, excess, step) * (1 + _REL)


def _figures(value: float) -> int:
    """How many significant figures ``value`` is written to (133.34: 5)."""
    return len(Decimal(repr(value)).normalize().as_tuple().digits)


def _as_dose(value: float, unit: str, dose: _Dose | None) -> str:
    """``0.083 mL/h (0.83 mg/h)`` for a rate by volume; ``0.83 mg/h`` for a rate by mass."""
    if dose is None:
        return f"{plain_digits(value)} {unit}"
    return f"{plain_digits(value)} {unit} ({format_number(value * dose.per)} {dose.unit})"


def _step_words(bound: float, unit: str, dose: _Dose | None) -> str:
    """A pump's step at ``bound``: ``0.01 mg/h``, or ``0.01 mg/h = 0.001 mL/h`` by volume."""
    if dose is None:
        return f"{format_number(pump_step(bound))} {unit}"
    step = pump_step(bound * dose.per)
    return f"{format_number(step)} {dose.unit} = {format_number(step / dose.per)} {unit}"


def _rounding_note(
    rate: ParsedQuantity,
    bound: float,
    exp: Expectation,
    end: float,
    excess: float,
    dose: _Dose | None = None,
) -> str:
    """Why the rate beyond the range reads within: the bound's rate, to a figure more than the
    rate is written to, and that the rate is it written to fewer decimals."""
    above = exp.value > exp.high
    beyond = exp.value / end - 1 if above else 1 - exp.value / end
    side, which = ("Above", "top") if above else ("Below", "bottom, less its rounding tolerance")
    way = "above" if above else "below"
    decimals = max(0, -round(math.log10(written_step(rate.value))))
    written = counted(decimals, "decimal") if decimals else "no decimals"
    step = _pump_step(bound, dose)
    allowed = _allowed(bound, above, excess, step)
    pump = f"a pump's step of {_step_words(bound, rate.unit, dose)}"
    far = f"at most {format_number(allowed)} {rate.unit} {way} it, less than {pump}"
    if allowed >= step:
        far = f"less than {pump} {way} it"
    shown = format_number(bound, max(5, _figures(rate.value) + 1))
    return (
        f"{side} the range by {format_percent(beyond)} only by rounding: the range's {which}, "
        f"{format_number(end)} {exp.unit}, is {shown} {rate.unit}, and "
        f"{_as_dose(rate.value, rate.unit, dose)} is that rate rounded, written with {written}: "
        f"{far} (within {format_percent(excess)} of it, or no further than it rounded to the "
        "nearest): the same dose. The switching plan "
        "writes a rate rounded down to a pump's step; no source gives a pump's precision: this "
        "program's rule."
    )
