"""An infusion's rescue under a set whose own guideline gives it: the amount the infusion gives
in the cited hours (JSPM 2010 rec. 21), rounded down by the injected grid.

That rescue is a rapid bolus, and has no floor (pharmacist review 19, L5: 7.5 mg/24 h gave a
300-microgram bolus, 0.03 mL of 10 mg/mL, a dose only an infusion pump gives). The plan says the
rule assumes the pump's bolus (PCA), and names beside it the dose outside a pump: the set's
breakthrough fraction rule (1/6 of the 24-h dose, JSPM/closedi.jp among its sources) by the same
route, rounded down by the injected grid, where that rule applies (its source excludes fentanyl).
No floor is invented: the 1-hour dose is printed as before."""

from __future__ import annotations

from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.breakthrough import breakthrough_for_drug, format_fraction
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.models import Breakthrough
from mps_pain.domain.rotation.rounding_policy import Grid
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import BreakthroughRules
from mps_pain.unit_kinds import mass_per_hour_unit, mass_unit_of
from mps_pain.units import format_number, scale, tidy

__all__ = ["BY_PUMP", "OUTSIDE_PUMP", "breakthrough_for_infusion", "infusion_rescue_applies"]

#: what the 1-hour bolus assumes, and the words that open the dose outside a pump
BY_PUMP = "this rule assumes a bolus given by the infusion's own pump (PCA)"
OUTSIDE_PUMP = "Without a pump that gives boluses"


def infusion_rescue_applies(rules: BreakthroughRules, target: Target, set_id: str) -> bool:
    """The 1-hour-amount rescue gives the dose of any infusion under a set whose own guideline
    gives the rule (JSPM 2010 rec. 21; pharmacist review 5, D4), never under another (review 8,
    N4: a UK SC fentanyl rescue cited JSPM; the 1/6 rule's source excludes fentanyl)."""
    rescue = rules.infusion_rescue
    if rescue is None or not target.is_continuous or target.is_patch:
        return False
    return set_id in rescue.sets


def breakthrough_for_infusion(
    tables: TableIndex, rules: BreakthroughRules, target: Target, rate: Amount, grid: Grid
) -> Breakthrough:
    """An infusion's rescue: the amount it gives in ``hours``, rounded down by ``grid``."""
    rescue = rules.infusion_rescue
    assert rescue is not None
    why = (
        "the 1/6 rule's source excludes fentanyl"
        if target.drug.id in rules.fraction_excludes
        else "the set's own rule for every continuous infusion, not 1/6 of the daily dose"
    )
    mass_unit = mass_unit_of(rate.unit)
    exact = tidy(rate.value * scale(rate.unit, mass_per_hour_unit(rate.unit)) * rescue.hours)
    dose = grid.floor(exact).total
    words, outside = outside_pump(tables, rules, target, rate, grid)
    return Breakthrough(
        drug=target.drug.id,
        route=target.route,
        form=target.form,
        dose=Amount(value=dose, unit=mass_unit) if dose > 0 else None,
        frequency=rescue.frequency,  # the cited text names the bolus itself
        high=Amount(value=exact, unit=mass_unit),
        source=tables.cite(rescue.citation),
        note=f"the {format_number(rescue.hours)}-hour amount of the infusion: "
        f"{format_number(rate.value)} {rate.unit} × {format_number(rescue.hours)} h = "
        f"{format_number(exact)} {mass_unit} ({why}); {BY_PUMP}. {words}",
        outside_pump=outside,
    )


def outside_pump(
    tables: TableIndex, rules: BreakthroughRules, target: Target, rate: Amount, grid: Grid
) -> tuple[str, Amount | None]:
    """The dose outside a pump that gives boluses: the fraction rule's (``breakthrough_for_drug``,
    the planner's own) on the infusion's 24-h amount by the same route, or why none is named;
    its words, and the dose (None when none is named)."""
    if target.drug.id in rules.fraction_excludes:
        return f"{OUTSIDE_PUMP}: none is named (no other rule of this set gives one).", None
    mass_unit = mass_unit_of(rate.unit)
    per_day = tidy(rate.value * scale(rate.unit, f"{mass_unit}/day"))
    route, unit = target.route, mass_unit
    sixth = breakthrough_for_drug(
        tables, rules, target.drug, route, target.form, per_day * scale(mass_unit, "mg"), unit,
        None, injected=grid,
    )  # fmt: skip
    high = sixth.high.value if sixth.high is not None else 0.0
    share = (
        f"{format_number(per_day)} {mass_unit}/24 h × {format_fraction(rules.fraction_high)} = "
        f"{format_number(high)} {mass_unit}"
    )
    if sixth.dose is None:
        return f"{OUTSIDE_PUMP}: {share}, {sixth.no_dose or 'no dose'} [{sixth.source}].", None
    dose = f"{target.drug.id} {route} {format_number(sixth.dose.value)} {sixth.dose.unit}"
    rounded = ", rounded down by the injected steps" if sixth.dose.value < high else ""
    words = f"{OUTSIDE_PUMP}: {dose} {sixth.frequency} ({share}{rounded}) [{sixth.source}]."
    return words, sixth.dose
