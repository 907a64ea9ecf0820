"""Step 2's equianalgesic RANGE with each ranged factor used one way (clinician re-check 21b, D3).

The range's ends are two consistent choices of ends: the least new opioid (every current line at
its factor's low end, the lines with a cited conversion to the target at the ratio's end giving
less, the other lines converted at the target factor's high end) and the most (the other ends).
Its OME range is the current total's span (``domain.ranged_total``, the one function every total
prints beside it). A line with a cited conversion to the target (``own_ratio``) is converted by
that ratio alone, never valued in OME at one end of the target's factor and converted back at
the other: the ward regimen (a patch, oral oxycodone 55 mg/day) to SC oxycodone read the oral
oxycodone at × 3 and back at ÷ 2, "range 47.5–93.1" where the cited ratios give at most 72.5.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mps_pain.domain.ranged_total import ranged_total
from mps_pain.domain.results import MmeLine
from mps_pain.units import format_number, format_number_span, scale, tidy

if TYPE_CHECKING:
    from mps_pain.domain.rotation.classify import ItemRatio

__all__ = ["OwnSpan", "consistent_range", "ome_span", "own_span", "range_words"]


@dataclass(frozen=True)
class OwnSpan:
    """The lines converted by their cited ratio to the target: their target amount (mg/day) at
    the ratio's end giving less and more, and their OME at their factor's low and high ends."""

    items: tuple[int, ...]
    target: tuple[float, float]
    ome: tuple[float, float]


def ome_span(lines: Sequence[MmeLine], total: float) -> tuple[float, float]:
    """The total's span over its lines' cited factor ranges (``ranged_total``); ``total`` at
    both ends where no counted line has a range."""
    span = ranged_total(sorted(lines, key=lambda line: line.index))
    return (total, total) if span is None else (span.low, span.high)


def own_span(ratios: Sequence[ItemRatio], lines: Sequence[MmeLine]) -> OwnSpan | None:
    """The counted lines of ``lines`` converted by a cited ratio (``ratios``), or None."""
    by_index = {r.index: r for r in ratios}
    own = [x for x in lines if x.index in by_index and x.counted and x.mme_per_day is not None]
    if not own:
        return None
    low_ome, high_ome = ome_span(own, tidy(sum(x.mme_per_day or 0.0 for x in own)))
    return OwnSpan(
        items=tuple(x.index for x in own),
        target=(
            sum(by_index[x.index].lower_mg_per_day for x in own),
            sum(by_index[x.index].higher_mg_per_day for x in own),
        ),
        ome=(low_ome, high_ome),
    )


def consistent_range(
    ome: tuple[float, float], factors: tuple[float, float], per: str, own: OwnSpan | None
) -> tuple[float, float]:
    """The target amounts (in ``per``) at the two consistent choices: the OME range's low end ÷
    the high factor, its high end ÷ the low factor, the ``own`` lines by their ratio instead."""
    if own is None:
        return tidy(ome[0] / factors[1]), tidy(ome[1] / factors[0])
    to_unit = scale("mg/day", per)
    low = (ome[0] - own.ome[0]) / factors[1] + own.target[0] * to_unit
    high = (ome[1] - own.ome[1]) / factors[0] + own.target[1] * to_unit
    return tidy(low), tidy(high)


def range_words(
    value: float,
    span: tuple[float, float],
    per: str,
    ome: tuple[float, float],
    factors: tuple[float, float],
    label: str,
    own: OwnSpan | None,
) -> str:
    """The range and its origins: step 1's OME range (the total's span), the factor range and,
    where some lines go by their cited ratio, their part and the other lines' part; and, where
    the range reaches above ``value``, that the dose is worked from ``value`` as the check works
    its expected range (so a dose from the range's top is not read as the plan's)."""
    ome_words = (
        f"the {label} range {format_number_span(*ome, 'mg/day')}"
        if ome[0] != ome[1]
        else f"the {label} {format_number(ome[0])} mg/day"
    )
    if own is None:
        how = (
            f"with factors {format_number_span(*factors)}, {format_number(ome[0])} ÷ "
            f"{format_number(factors[1])} to {format_number(ome[1])} ÷ {format_number(factors[0])}"
        )
    else:
        how = _own_words(ome, factors, per, own, label)
    worked = (
        f"; the dose is worked from {format_number(value)} {per}, the set's own factors, as the "
        "check works its expected range: the range's other end is not a dose to give"
        if span[1] > value
        else ""
    )
    return f" (range {format_number_span(*span, per)}: {ome_words}; {how}{worked})"


def _own_words(
    ome: tuple[float, float], factors: tuple[float, float], per: str, own: OwnSpan, label: str
) -> str:
    """ "lines 2, 3 by the cited ratio: 27.5–41.25 mg/day; the other lines' 60–62.5 mg/day OME
    with factors 2–3, 60 ÷ 3 to 62.5 ÷ 2" (each line converted back at the end it was valued)."""
    lines = ("line " if len(own.items) == 1 else "lines ") + ", ".join(
        str(i + 1) for i in own.items
    )
    to_unit = scale("mg/day", per)
    target = format_number_span(own.target[0] * to_unit, own.target[1] * to_unit, per)
    words = f"{lines} by the cited ratio: {target}"
    rest = (tidy(ome[0] - own.ome[0]), tidy(ome[1] - own.ome[1]))
    if rest[1] <= 0:
        return words
    return (
        f"{words}; the other lines' {format_number_span(*rest, 'mg/day')} {label} with factors "
        f"{format_number_span(*factors)}, {format_number(rest[0])} ÷ {format_number(factors[1])} "
        f"to {format_number(rest[1])} ÷ {format_number(factors[0])}"
    )
