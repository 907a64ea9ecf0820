"""An infusion's rescue under a set whose own guideline gives it: the amount the infusion gives
in the cited hours (JSPM 2010 rec. 21), rounded down by the injected grid."""

from __future__ import annotations

from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.models import Breakthrough
from mps_pain.domain.rotation.rounding_policy import Grid
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import BreakthroughRules
from mps_pain.unit_kinds import mass_per_hour_unit, mass_unit_of
from mps_pain.units import format_number, scale, tidy

__all__ = ["breakthrough_for_infusion", "infusion_rescue_applies"]


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
        f"{format_number(exact)} {mass_unit} ({why})",
    )
