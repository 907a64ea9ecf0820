"""A breakthrough dose measured as oral solution, written as a volume of one concentration
(pharmacist review 18d, M2).

The dose is measured in the weakest solution's 0.5 mL steps (``LiquidStep``) up to its
``large_ml`` a dose (``rotation.rounding.oral_solution_step.large_volume``, a software rule:
20 mL). Above it, the strongest oral solution the catalogue lists for the market is used, in its
own 0.5 mL steps, when it measures a dose within the range (UK morphine 20 mg/mL: 300 mg =
15 mL, not 150 mL of the 2 mg/mL). Where the market lists no stronger one (the US and JP
morphine oral solutions are not in the catalogue) the volume stays, with the words that it is
large and that no stronger solution is listed: the concentrate is not invented. Tablets within
the range come first (``breakthrough._tablets_or_solution``), then the market's own unit doses of
the oral solution (JP oxycodone sachets 2.5/5/10/20 mg, counted like tablets, at most the
rounding's units a dose: ``Seller.units``), so a volume is printed only where no combination of
either lies within the range (pharmacist re-check 19b, M1: JP oxycodone 53 mL of a 1 mg/mL
solution JP does not list, where 20 + 20 + 10 + 2.5 mg sachets lie within 32–53.3 mg).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mps_pain.domain.rotation.markets import MarketChoice, StrengthChoice
from mps_pain.domain.rotation.rounding import (
    LiquidStep,
    combination,
    liquid_form,
    strengths_for,
)
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug
from mps_pain.unit_kinds import strengths_in
from mps_pain.units import Dimension, dimension_of, format_number, scale, tidy

__all__ = [
    "Seller",
    "SolutionDose",
    "large_in_weakest",
    "large_words",
    "market_concentrations",
    "seller_of",
    "solution_dose",
    "solution_words",
    "unit_doses",
]


@dataclass(frozen=True)
class SolutionDose:
    """The measured dose in mg, and its words after "so it is" (``measured as oral solution: 75
    mg = 37.5 mL of the 2 mg/mL …``, ``given as oral solution unit-dose sachets: …``)."""

    mg: float
    words: str


@dataclass(frozen=True)
class Seller:
    """The rescue's drug and market, the most units a dose, and the market's own unit doses of
    the drug's oral solution (None where the market lists none of its own)."""

    drug: Drug
    market: str | MarketChoice | None
    max_units: int | None = None
    units: StrengthChoice | None = None


def seller_of(
    tables: TableIndex, drug: Drug, market: str | MarketChoice | None, max_units: int | None
) -> Seller:
    """``drug`` sold in ``market``: its oral solution's unit doses that market itself lists
    (another market's, a fallback, are never counted as this market's sachets)."""
    liquid = liquid_form(drug)
    units = strengths_for(tables, drug, liquid, market) if liquid is not None else None
    own = units if units is not None and not units.fallback else None
    return Seller(drug, market, max_units, own)


def unit_doses(seller: Seller, low: float, high: float) -> SolutionDose | None:
    """The market's oral-solution unit doses rounded down within ``low``–``high``, like tablets
    (at most ``max_units``); None where their combinations give nothing within the range."""
    sizes = strengths_in(seller.units, "mg") if seller.units is not None else None
    if not sizes or seller.units is None:
        return None
    found = combination(high, sizes, seller.max_units)
    if found.total <= 0 or found.total < low - 1e-9:
        return None
    parts = " + ".join(f"{format_number(u)} mg" for u in found.units)
    count = len(found.units)
    return SolutionDose(
        found.total,
        f"given as oral solution unit-dose sachets: {format_number(found.total)} mg = {count} "
        f"sachet{'s' if count > 1 else ''} ({parts}; {seller.units.market} sachets of "
        f"{', '.join(format_number(v) for v in seller.units.values)} mg; {seller.units.source})",
    )


def market_concentrations(
    drug: Drug, form_id: str, market: str | MarketChoice | None
) -> tuple[float, ...]:
    """The mg/mL concentrations of ``form_id`` the catalogue lists for ``market`` (or for every
    country: ``international``); none without a market."""
    name = market.market if isinstance(market, MarketChoice) else market
    form = next((f for f in drug.forms if f.id == form_id), None)
    if form is None or name is None:
        return ()
    return tuple(
        tidy(value * scale(s.unit, "mg/mL"))
        for s in form.strengths
        if s.market in (name, "international") and dimension_of(s.unit) is Dimension.CONCENTRATION
        for value in s.values
    )


def solution_words(solution: LiquidStep) -> str:
    """``0.5 mL of the 1 mg/mL solution``: one step and the solution it is measured in
    (pharmacist review 20, M3: "0.5 mL of the solution" named none)."""
    per_ml = tidy(solution.mg / solution.ml) if solution.ml > 0 else 0.0
    named = f"{format_number(per_ml)} mg/mL solution" if per_ml > 0 else "solution"
    return f"{format_number(solution.ml)} mL of the {named}"


def large_in_weakest(mg: float, solution: LiquidStep) -> bool:
    """``mg`` measured from the weakest solution takes more than its large volume a dose."""
    per_ml = solution.mg / solution.ml if solution.ml > 0 else 0.0
    return solution.large_ml is not None and per_ml > 0 and mg / per_ml > solution.large_ml + 1e-9


def large_words(mg: float, solution: LiquidStep) -> str:
    """``75 mg would be 37.5 mL of the 2 mg/mL oral solution, more than 20 mL a dose``."""
    per_ml = solution.mg / solution.ml
    return (
        f"{format_number(mg)} mg would be {format_number(tidy(mg / per_ml))} mL of the "
        f"{format_number(per_ml)} mg/mL oral solution, more than "
        f"{format_number(solution.large_ml or 0)} mL a dose"
    )


def _in_steps(low: float, high: float, step_mg: float) -> float | None:
    """The largest multiple of ``step_mg`` not above ``high`` and not below ``low``."""
    if step_mg <= 0:
        return None
    measured = tidy(math.floor(high / step_mg + 1e-9) * step_mg)
    return measured if measured > 0 and measured >= low - 1e-9 else None


def _volume(mg: float, per_ml: float, solution: LiquidStep, name: str = "oral solution") -> str:
    return (
        f"{format_number(mg)} mg = {format_number(tidy(mg / per_ml))} mL of the "
        f"{format_number(per_ml)} mg/mL {name} (steps of {format_number(solution.ml)} mL)"
    )


def solution_dose(
    seller: Seller, liquid: str, low: float, high: float, solution: LiquidStep
) -> SolutionDose | None:
    """The dose within ``low``–``high`` (mg) as oral solution: the market's unit doses where
    they give one, else measured in the weakest solution up to its large volume, else in the
    market's strongest that measures one (module doc); None when nothing gives one."""
    units = unit_doses(seller, low, high)
    if units is not None:
        return units
    drug, market = seller.drug, seller.market
    weakest = solution.mg / solution.ml
    within = _in_steps(low, high, solution.mg)
    if within is None:
        return None
    plain = f"{_volume(within, weakest, solution)} [{solution.citation}]"
    said = "measured as oral solution: "
    cap = solution.large_ml
    if cap is None or not large_in_weakest(within, solution):
        return SolutionDose(within, said + plain)
    large = large_words(within, solution)
    for per_ml in sorted(set(market_concentrations(drug, liquid, market)), reverse=True):
        dose = _in_steps(low, high, per_ml * solution.ml) if per_ml > weakest else None
        if dose is not None:
            words = _volume(dose, per_ml, solution, "concentrated oral solution")
            return SolutionDose(dose, f"{said}{words}: {large} [{solution.large_citation}]")
    name = market.market if isinstance(market, MarketChoice) else market
    where = f"for {name} " if name else ""
    return SolutionDose(
        within,
        f"{said}{plain}; that is more than {format_number(cap)} mL a dose, and no stronger oral "
        f"solution of {drug.id} is listed {where}in the catalogue: check the strongest oral "
        "solution your formulary holds and measure the dose from it, or agree another form "
        f"with the prescriber [{solution.large_citation}]",
    )
