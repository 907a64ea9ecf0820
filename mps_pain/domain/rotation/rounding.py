"""Step 5: round a dose DOWN to what can be given: marketed strengths and their combinations.

Never above the target. Strengths come from the catalogue (``drugs[].forms[].strengths``) for the
chosen market; without a market, the strengths every listed market shares are used, else the
first market listed (the plan says which). Combinations use the fewest units that reach the
largest total not above the target (a need above the largest patch gives several patches).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import reduce

from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, Strengths
from mps_pain.units import Dimension, dimension_of

__all__ = [
    "Rounded",
    "StrengthChoice",
    "combination",
    "floor_significant",
    "loss_percent",
    "round_down",
    "strengths_for",
]

_SCALE = 1000  # strengths are stored with at most three decimals
DISPLAY_FIGURES = 3


@dataclass(frozen=True)
class StrengthChoice:
    values: tuple[float, ...]
    unit: str
    market: str
    source: str
    note: str | None = None


@dataclass(frozen=True)
class Rounded:
    total: float
    units: tuple[float, ...]

    @property
    def text(self) -> str:
        from mps_pain.units import format_number

        return " + ".join(format_number(u) for u in self.units) if self.units else "none"


def strengths_for(
    index: TableIndex, drug: Drug, form_id: str | None, market: str | None
) -> StrengthChoice | None:
    """Mass or mass-rate strengths of a form (concentrations are not dose units)."""
    form = next((f for f in drug.forms if f.id == form_id), None)
    if form is None:
        return None
    usable = [
        s for s in form.strengths if dimension_of(s.unit) in (Dimension.MASS, Dimension.MASS_RATE)
    ]
    if not usable:
        return None

    def cite(entry: Strengths) -> str:
        return f"{index.tables.sources[entry.source].label}, {entry.locator}"

    if market is not None:
        chosen = next((s for s in usable if s.market == market), None)
        if chosen is None:
            chosen = next((s for s in usable if s.market == "international"), None)
        if chosen is None:
            return None
        return StrengthChoice(tuple(chosen.values), chosen.unit, chosen.market, cite(chosen))
    same_unit = [s for s in usable if s.unit == usable[0].unit]
    shared = reduce(lambda acc, s: acc & set(s.values), same_unit[1:], set(same_unit[0].values))
    if len(same_unit) > 1 and shared:
        markets = ", ".join(s.market for s in same_unit)
        return StrengthChoice(
            tuple(sorted(shared)),
            usable[0].unit,
            "all",
            "; ".join(cite(s) for s in same_unit),
            note=f"no market given: strengths shared by {markets}",
        )
    first = usable[0]
    note = None if len(usable) == 1 else f"no market given: {first.market} strengths used"
    return StrengthChoice(tuple(first.values), first.unit, first.market, cite(first), note=note)


def combination(target: float, strengths: tuple[float, ...]) -> Rounded:
    """The largest sum of units (repeats allowed) not above ``target``, with the fewest units."""
    if target <= 0 or not strengths:
        return Rounded(0.0, ())
    ints = [round(s * _SCALE) for s in strengths]
    step = reduce(math.gcd, ints)
    sizes = sorted({i // step for i in ints})
    limit = math.floor(target * _SCALE / step + 1e-9)
    if limit < sizes[0]:
        return Rounded(0.0, ())
    inf = limit + 1
    count = [0] + [inf] * limit
    last = [0] * (limit + 1)
    for n in range(1, limit + 1):
        for size in sizes:
            if size <= n and count[n - size] + 1 < count[n]:
                count[n] = count[n - size] + 1
                last[n] = size
    best = next(n for n in range(limit, -1, -1) if count[n] < inf)
    units: list[float] = []
    n = best
    while n > 0:
        units.append(last[n] * step / _SCALE)
        n -= last[n]
    return Rounded(best * step / _SCALE, tuple(sorted(units, reverse=True)))


def round_down(target: float, strengths: tuple[float, ...] | None) -> Rounded:
    """Round down to a combination of strengths, or to 3 significant figures without strengths."""
    if strengths:
        return combination(target, strengths)
    value = floor_significant(target)
    return Rounded(value, (value,) if value > 0 else ())


def floor_significant(value: float, figures: int = DISPLAY_FIGURES) -> float:
    """Round DOWN to ``figures`` significant figures (never up)."""
    if value <= 0:
        return 0.0
    exponent = math.floor(math.log10(value)) - figures + 1
    factor = 10.0**exponent
    floored = math.floor(value / factor + 1e-9) * factor
    floored = round(floored, max(0, -exponent))
    return floored if floored <= value else value


def loss_percent(unrounded: float, rounded: float) -> float:
    if unrounded <= 0:
        return 0.0
    return max(0.0, (unrounded - rounded) / unrounded * 100)
