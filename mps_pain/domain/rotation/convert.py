"""Step 2: the equianalgesic amount of the target under one set, point and range.

``target amount (in the row's unit) = OME ÷ target factor``; the range divides the OME range (the
total's span) by the factor range (the high factor gives the low dose), the lines with a cited
conversion to the target by their ratio alone (``eq_span``: each factor used one way). A banded
target row is chosen by the resulting amount itself (a fixed point, checked).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mps_pain.domain.form_words import product_label
from mps_pain.domain.rotation.context import equianalgesic_only
from mps_pain.domain.rotation.eq_span import OwnSpan, consistent_range, range_words
from mps_pain.domain.rotation.target_factor import target_factor
from mps_pain.errors import NoConversionFactorError, PlanningError
from mps_pain.tables.index import FactorMatch, TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.tables.schema import ReferenceSet
from mps_pain.unit_kinds import mass_unit_of
from mps_pain.units import format_number, scale

__all__ = ["Equianalgesic", "equianalgesic"]

CANONICAL = "mg/day"


@dataclass(frozen=True)
class Equianalgesic:
    match: FactorMatch
    unit: str
    value: float
    low: float
    high: float
    explanation: str

    @property
    def mass_unit(self) -> str:
        return mass_unit_of(self.unit)


def equianalgesic(
    tables: TableIndex,
    set_: ReferenceSet,
    drug_id: str,
    route: str,
    form: str | None,
    ome: float,
    ome_low: float,
    ome_high: float,
    *,
    location: str = "to.drug",
    own: OwnSpan | None = None,
) -> Equianalgesic:
    """``ome_low``–``ome_high``: the total's span; ``own``: the lines converted by a cited ratio
    to the target (their part of the range by that ratio). Raises NoConversionFactorError when
    the set has no row for the target."""

    def row_for(mg_per_day: float) -> FactorMatch:
        return tables.find_factor(set_.id, drug_id, route, form, mg_per_day, location=location)

    try:
        match = _settled_row(row_for, ome)
    except NoConversionFactorError as exc:
        raise equianalgesic_only(tables, exc) from None
    if match is None:  # pragma: no cover - needs a set whose bands have no fixed point
        raise PlanningError(
            f"the dose bands of {set_.id} for {drug_id} give no consistent target", location="table"
        )
    factor = match.factor
    span = (factor.range.low, factor.range.high) if factor.range else None
    used = target_factor(tables, set_.id, drug_id, route, factor.factor, ome, span)
    value = ome / used.factor  # exact: tidied only where it is output
    f_low, f_high = span or (factor.factor, factor.factor)
    f_high = max(f_high, used.factor)
    ome_span, factors = (ome_low, ome_high), (f_low, f_high)
    low, high = consistent_range(ome_span, factors, factor.per, own)
    source = tables.cite(factor.citation)
    rng = (
        range_words(value, (low, high), factor.per, ome_span, factors, set_.output_label, own)
        if (low, high) != (value, value)
        else ""
    )
    why = "" if used.reason is None else f"; {used.reason}"
    text = (
        f"{daily_amount(ome, set_.output_label)} ÷ {format_number(used.factor, 3)} "
        f"[{product_label(drug_id, route, form)}, {set_.id} row "
        f"factors[{match.row_index}], {source}{why}] = {format_number(value)} {factor.per}{rng}"
    )
    return Equianalgesic(match, factor.per, value, min(low, value), max(high, value), text)


def _settled_row(row_for: Callable[[float], FactorMatch], ome: float) -> FactorMatch | None:
    """The row whose own target falls in its own band (a dose-banded row is chosen by the amount
    it gives); None when three tries find no such row."""
    guess = ome
    for _ in range(3):
        match = row_for(guess)
        as_mg_per_day = ome / match.factor.factor * scale(match.factor.per, CANONICAL)
        if row_for(as_mg_per_day).row_index == match.row_index:
            return match
        guess = as_mg_per_day
    return None
