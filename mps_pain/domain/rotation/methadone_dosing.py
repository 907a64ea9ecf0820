"""Every methadone method's dose at the current OME by the market's strengths (steps 4–5 of a
switch to methadone), and the chosen method's; refused when the chosen method gives none."""

from __future__ import annotations

from dataclasses import dataclass

from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.methadone import MethadoneDose, dose_for
from mps_pain.domain.rotation.ome import CurrentOme
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.rounding import (
    LiquidStep,
    MarketChoice,
    StrengthChoice,
    liquid_form,
    liquid_step,
    market_for,
    strengths_for,
)
from mps_pain.domain.rotation.sold import unsold_row
from mps_pain.errors import PlanningError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.tables.schema import Drug, ReferenceSet
from mps_pain.tables.schema_methadone import MethadoneMethod
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.unit_kinds import strengths_in
from mps_pain.units import format_number

__all__ = ["MethadoneDosing", "methadone_dosing", "method_fraction", "step_text"]


@dataclass(frozen=True)
class MethadoneDosing:
    """Every method's dose at the OME by the market's strengths, and the chosen method's."""

    method: MethadoneMethod
    market: MarketChoice
    strength_choice: StrengthChoice | None
    strengths: tuple[float, ...] | None
    step: LiquidStep | None  # the smallest measurable amount of oral solution
    doses: dict[str, MethadoneDose]
    form: str | None  # the target's form, or the oral solution below the smallest tablet

    @property
    def chosen(self) -> MethadoneDose:
        return self.doses[self.method.id]

    @property
    def per_dose_mg(self) -> float:
        per_dose = self.chosen.per_dose_mg
        assert per_dose is not None  # ``methadone_dosing`` refuses a method that gives no dose
        return per_dose

    @property
    def as_needed(self) -> bool:
        return self.chosen.doses_per_day is None

    @property
    def frequency(self) -> str:
        return "as needed" if self.as_needed else self.method.frequency.code

    @property
    def rounded(self) -> float:
        """The rounded dose in the plan's unit: per dose as needed, else per day."""
        rounded = self.chosen.per_dose_mg if self.as_needed else self.chosen.daily_mg
        assert rounded is not None
        return rounded


def methadone_dosing(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    request: RotationRequest,
    target: Target,
    ome: CurrentOme,
    method: MethadoneMethod,
) -> MethadoneDosing:
    """Each method's rounded dose (``dose_for``); refused when the chosen method gives none."""
    md = rules.methadone
    market = market_for(request.market, set_)
    strength_choice = strengths_for(tables, target.drug, target.form, market)
    strengths = strengths_in(strength_choice, "mg")
    step = sold_liquid_step(tables, rules, target.drug, market)
    step_mg = step.mg if step else None
    short = rules.rounding.short_tolerance.fraction  # tablets far below: the solution (md08)
    doses = {
        m.id: dose_for(
            md,
            m,
            ome.total_mg_per_day,
            method_fraction(m, request),
            strengths,
            step_mg,
            short,
            label=ome.label,
        )
        for m in md.methods
    }
    chosen = doses[method.id]
    if chosen.value.value_mg is None or chosen.per_dose_mg is None:
        raise _no_dose(method, doses, chosen, ome, step)
    form = (liquid_form(target.drug) or target.form) if chosen.liquid else target.form
    return MethadoneDosing(method, market, strength_choice, strengths, step, doses, form)


def sold_liquid_step(
    tables: TableIndex, rules: RotationRules, drug: Drug, market: MarketChoice
) -> LiquidStep | None:
    """The oral solution's measurable step, except in a market whose cited rows list every
    product of the drug (``Strengths.all_products``) without an oral solution: methadone is never
    measured as a product the market does not sell (pharmacist review 7, D2: JP has Methapain 5
    and 10 mg tablets only, and the plan ordered oral solution). Elsewhere an unlisted market
    keeps the catalogue's fallback with its caution (``form_market_warning``)."""
    form = liquid_form(drug)
    if form is None or unsold_row(drug, form, market.market) is not None:
        return None
    return liquid_step(tables, drug, rules.rounding.oral_solution_step)


def method_fraction(method: MethadoneMethod, request: RotationRequest) -> float:
    """The user's reduction, else the method's own default."""
    return request.reduction if request.reduction is not None else method.reduction.default


def _no_dose(
    method: MethadoneMethod,
    doses: dict[str, MethadoneDose],
    chosen: MethadoneDose,
    ome: CurrentOme,
    step: LiquidStep | None,
) -> PlanningError:
    others = [
        f"{d.method.name}: {format_number(d.daily_mg or d.per_dose_mg or 0)} mg"  # not its id
        for d in doses.values()
        if d.per_dose_mg is not None
    ]
    why = chosen.value.refused or (
        "the dose rounds down to less than the smallest tablet and the smallest measurable "
        f"amount of oral solution ({step_text(step)})"
    )
    return PlanningError(
        f"{method.name} gives no methadone dose at "
        f"{daily_amount(ome.total_mg_per_day, ome.label)}: "
        f"{why}." + (f" Other methods: {'; '.join(others)}." if others else ""),
        location="methadone_method",
    )


def step_text(step: LiquidStep | None) -> str:
    return (
        f"{format_number(step.mg)} mg [{step.citation}]"
        if step
        else "none: no oral solution is sold in this market"
    )
