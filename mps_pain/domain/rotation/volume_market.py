"""A breakthrough dose measured as a volume of an oral solution the plan's market does not list
is said to be so (pharmacist review 20, M3).

JP lists oxycodone oral solution only as unit-dose sachets. A low-dose JP switch to oxycodone ER
gave a breakthrough dose below the smallest sachet "measured as oral solution" from the
catalogue's solution, another market's, with no caution (the form is listed for JP, as sachets,
so the form-market caution did not fire; the review's case is in the tests). The plan keeps the
rule's dose (never rounded up above 1/6) and says where the solution is from: a volume of a
solution is said as the market's own only where the catalogue lists a concentration of it for
that market (``market_concentrations``).
"""

from __future__ import annotations

from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.markets import MarketChoice, named_market
from mps_pain.domain.rotation.models import Breakthrough
from mps_pain.domain.rotation.rounding import MARKET_FALLBACK, combination
from mps_pain.domain.rotation.solution_volume import market_concentrations, seller_of
from mps_pain.numbers import format_estimate_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.unit_kinds import strengths_in
from mps_pain.units import Dimension, dimension_of, format_number, scale, tidy

__all__ = ["measured_by_volume", "volume_market_warning"]


def _mg(bt: Breakthrough) -> float | None:
    if bt.dose is None or dimension_of(bt.dose.unit) is not Dimension.MASS:
        return None
    return tidy(bt.dose.value * scale(bt.dose.unit, "mg"))


def _unit_doses(tables: TableIndex, drug: Drug, market: MarketChoice) -> tuple[float, ...]:
    """The mg unit doses (sachets) of the drug's oral solution the market itself lists."""
    units = seller_of(tables, drug, market, None).units
    return (strengths_in(units, "mg") or ()) if units is not None else ()


def measured_by_volume(
    tables: TableIndex, bt: Breakthrough, market: MarketChoice, max_units: int | None
) -> bool:
    """The breakthrough is an oral-solution dose that is not a sum of the market's own unit
    doses (at most ``max_units``): it is measured by volume."""
    mg = _mg(bt)
    if mg is None or bt.form is None or bt.drug not in tables.drugs:
        return False
    drug = tables.drugs[bt.drug]
    if bt.form not in {f.id for f in drug.forms} or not _is_solution(drug, bt.form):
        return False
    sizes = _unit_doses(tables, drug, market)
    return not sizes or abs(combination(mg, sizes, max_units).total - mg) > 1e-9


def _is_solution(drug: Drug, form_id: str) -> bool:
    form = next(f for f in drug.forms if f.id == form_id)
    return any(dimension_of(s.unit) is Dimension.CONCENTRATION for s in form.strengths)


def _listed_for(drug: Drug, form_id: str) -> str:
    form = next(f for f in drug.forms if f.id == form_id)
    markets = sorted(
        {s.market for s in form.strengths if dimension_of(s.unit) is Dimension.CONCENTRATION}
    )
    return ", ".join(markets)


def volume_market_warning(
    tables: TableIndex,
    rules: RotationRules,
    bt: Breakthrough,
    market: MarketChoice,
    max_units: int | None,
) -> ClinicalWarning | None:
    """Caution where the breakthrough is measured as a volume of an oral solution of which the
    catalogue lists no concentration for the plan's market; None otherwise (no market asked,
    the market's own solution, or the market's own unit doses)."""
    if (
        market.market is None
        or bt.form is None
        or not measured_by_volume(tables, bt, market, max_units)
    ):
        return None
    drug = tables.drugs[bt.drug]
    if market_concentrations(drug, bt.form, market):
        return None
    name, solution = market.market, bt.form.replace("_", " ")
    sizes = _unit_doses(tables, drug, market)
    only = (
        f"{name} lists {drug.id} {solution} only as unit-dose sachets of "
        f"{', '.join(format_number(v) for v in sizes)} mg"
        + (
            f", the smallest above the breakthrough range "
            f"({format_estimate_span(bt.low.value, bt.high.value)} {bt.high.unit})"
            if bt.low is not None and bt.high is not None and min(sizes) > bt.high.value + 1e-9
            else ""
        )
        if sizes
        else f"no {name} {solution} of {drug.id} to measure by volume in the catalogue"
    )
    fallback = rules.rounding.market_fallback
    return ClinicalWarning(
        code=MARKET_FALLBACK,
        severity="caution",
        message=f"{only}: the {format_number(_mg(bt) or 0)} mg dose is measured as a volume of "
        f"another market's {solution} (listed for {_listed_for(drug, bt.form)}; "
        f"{named_market(market)}). {fallback.message}",
        source=tables.cite(fallback.citation),
    )
