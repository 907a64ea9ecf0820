"""The check's range verdict read as the product prints (``as_printed``; session 20).

A proposal is above the expected range only where it is above its top as printed, and below it
only where it is below its bottom as printed (4.001 mg/24 h beside a top of 4 mg/24 h, 60.02
against 60 mg/day OME, read NOT REDUCED). It is read in the range's own measure (OME a day,
a patch's mcg/h) and, for one order, in the proposed drug's own amount a day, the amount the
switching plan rounds and prints (``Expectation.point_mg_per_day``; a patch's in mcg/h): a
plan's dose not above its target as printed is not above its own check's range. Each reading
allows at most half a unit of the bound's third figure (0.5%), and each reads every amount up to
one point, so their union does too: monotone.

A rate typed per hour (mg/h, mcg/h, mL/h) keeps the pump's own rule (``check_pump_rate``, as it
was): it is judged at the check's precision and, beyond the range, within only when it is the
bound written to fewer decimals, less than a pump's step beyond it. That rule is finer than the
print (133.35 mcg/h, a whole pump step above 133.333, prints "133" and stays above): each
proposal is read by one rule, and both read every amount up to one point, so the verdict is
monotone either way.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence

from mps_pain.domain.as_printed import (
    NOISE,
    PRINTED_FIGURES,
    not_above_as_printed,
    not_below_as_printed,
)
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.check_band import Expectation
from mps_pain.domain.rotation.check_pump_rate import typed_per_hour
from mps_pain.numbers import format_number, format_percent
from mps_pain.units import scale

__all__ = ["above_top_as_printed", "below_bottom_as_printed"]


def _readings(
    exp: Expectation, end: float, point: float | None, patch: bool
) -> Iterator[tuple[float, float, str]]:
    """(the proposal, the range's end, the unit) in the range's measure, then in the proposed
    drug's amount a day where the range has one (the same end scaled), and a patch's in mcg/h,
    the unit its plan rounds and prints."""
    yield exp.value, end, exp.unit
    if point is None or end <= 0 or point <= 0:
        return
    yield exp.value * point / end, point, "mg/day"
    if patch:
        per_h = scale("mg/day", "mcg/h")
        yield exp.value * point / end * per_h, point * per_h, "mcg/h"


def _beyond(
    exp: Expectation,
    top: bool,
    within: Callable[[float, float], bool],
    reasons: list[str],
    patch: bool,
) -> bool:
    """Beyond the end in every reading; where only the figures not printed put it beyond, the
    reason says it is read as that end."""
    point = exp.point_mg_per_day
    end = exp.high if top else exp.low
    at = None if point is None else point[1] if top else point[0]
    for value, bound, unit in _readings(exp, end, at, patch):
        if within(value, bound):
            if (value > bound) if top else (value < bound):
                reasons.append(_said(value, bound, unit, top))
            return False
    return True


def _said(value: float, bound: float, unit: str, top: bool) -> str:
    """Why a proposal a hair beyond an end of the range reads as that end."""
    which, way = ("top", "above") if top else ("bottom", "below")
    by = format_percent(abs(value / bound - 1))
    return (
        f"The proposal ({format_number(value)} {unit}) is {by} {way} the range's {which} "
        f"({format_number(bound)} {unit}) only in figures not printed: to "
        f"{PRINTED_FIGURES} significant figures, the precision every target and range is "
        "printed to, it is that amount, so it is read as within (at most 0.5% beyond; this "
        "program's rule)."
    )


def _patch(proposed: Sequence[DailyItem], prn: str) -> bool:
    return any(d.item.route == "transdermal" for d in proposed if d.counts(prn))


def _exact(exp: Expectation, top: bool) -> bool:
    """Beyond the end at the check's own precision (binary noise aside): a rate typed per hour,
    judged by the pump's step instead (module doc)."""
    end = exp.high if top else exp.low
    beyond = exp.value > end if top else exp.value < end
    return beyond and not math.isclose(exp.value, end, rel_tol=NOISE)


def above_top_as_printed(
    exp: Expectation, reasons: list[str], proposed: Sequence[DailyItem], prn: str
) -> bool:
    """The proposal is above the range's top in every reading as printed (module doc)."""
    if typed_per_hour(proposed, prn) is not None:
        return _exact(exp, True)
    return _beyond(exp, True, not_above_as_printed, reasons, _patch(proposed, prn))


def below_bottom_as_printed(
    exp: Expectation, reasons: list[str], proposed: Sequence[DailyItem], prn: str
) -> bool:
    """The proposal is below the range's bottom in every reading as printed (module doc)."""
    if typed_per_hour(proposed, prn) is not None:
        return _exact(exp, False)
    return _beyond(exp, False, not_below_as_printed, reasons, _patch(proposed, prn))
