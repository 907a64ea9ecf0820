"""The set's breakthrough fraction for one regular dose, and the check's reading of a proposed
as-needed dose by it.

``fraction_rescue`` is the planner's step 6 for a drug the fraction rule covers (1/10–1/6 of the
new 24-h dose, ``rotation.breakthrough``): the planner calls it for its rescue, and the check
calls it for the proposed regular daily dose of the same opioid by the same route, so a proposed
as-needed dose is judged by the very numbers the planner would print (clinician review 12, #7:
an unchanged 5 mg rescue after oxycodone was raised to 240 mg/day, 1/48 of it).
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.breakthrough import (
    breakthrough_for_drug,
    format_fraction,
    format_range,
)
from mps_pain.domain.rotation.context import equianalgesic_set
from mps_pain.domain.rotation.models import Breakthrough
from mps_pain.domain.rotation.rescue_rule import planned_rescue_rule
from mps_pain.domain.rotation.rounding import MarketChoice, liquid_step, market_for
from mps_pain.domain.rotation.shaped import INJECTED_ROUTES, injected_grid
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number

__all__ = ["RESCUE_OUTSIDE_RULE", "fraction_rescue", "rescue_fit_warnings"]

RESCUE_OUTSIDE_RULE = "breakthrough-dose-outside-rule"
_REL = 1e-6


def fraction_rescue(
    tables: TableIndex,
    rules: RotationRules,
    drug: Drug,
    route: str,
    form: str | None,
    daily_mg_per_day: float,
    mass_unit: str,
    market: str | MarketChoice | None,
) -> Breakthrough:
    """The rescue the fraction rule gives for ``daily_mg_per_day`` of ``drug`` by ``route``:
    rounded down to the market's strengths (at most the rounding's units per dose), measured as
    oral solution below them, an injected bolus by the injected grid."""
    return breakthrough_for_drug(
        tables,
        rules.breakthrough,
        drug,
        route,
        form,
        daily_mg_per_day,
        mass_unit,
        market,
        rules.rounding.max_units_per_dose,
        liquid_step(tables, drug, rules.rounding.oral_solution_step),
        injected_grid(rules.rounding) if route in INJECTED_ROUTES else None,
    )


def _judged(rules: RotationRules, regular: Sequence[DailyItem], set_id: str) -> bool:
    """Whether the planner's rescue for these regular lines is the fraction rule
    (``planned_rescue_rule``: not a patch, whose rescue is the linked oral morphine table; not
    an infusion under a set with its own infusion rescue, JSPM's 1-hour amount; not a drug the
    rule excludes, fentanyl; not methadone, its own as-needed rules)."""
    return planned_rescue_rule(rules, regular, set_id) == "fraction"


def rescue_fit_warnings(
    tables: TableIndex,
    rules: RotationRules,
    table: str | None,
    requested_market: str | None,
    proposed: Sequence[DailyItem],
) -> list[ClinicalWarning]:
    """A caution for each proposed as-needed dose of an opioid outside what ``fraction_rescue``
    gives for the proposed regular daily dose of that opioid by that route (below both its low
    end and the planner's rounded dose, or above its high end), under the set ``table`` and the
    market the planner would round to."""
    set_ = equianalgesic_set(tables, rules, table)
    set_id, market = set_.id, market_for(requested_market, set_)
    found: list[ClinicalWarning] = []
    for line in (d for d in proposed if d.item.prn and d.is_opioid):
        regular = [
            d
            for d in proposed
            if not d.item.prn and (d.drug.id, d.item.route) == (line.drug.id, line.item.route)
        ]
        dose_mg = line.item.dose_mg()
        if not regular or dose_mg is None or not _judged(rules, regular, set_id):
            continue
        daily = sum(d.daily_mg_per_day for d in regular)
        bt = fraction_rescue(
            tables, rules, line.drug, line.item.route, regular[0].form, daily, "mg", market
        )
        assert bt.low is not None and bt.high is not None  # the fraction rule gives both ends
        lowest = min(bt.low.value, bt.dose.value if bt.dose else bt.low.value)
        if lowest * (1 - _REL) <= dose_mg <= bt.high.value * (1 + _REL):
            continue
        found.append(_outside(tables, rules, line, dose_mg, daily, bt))
    return found


def _outside(
    tables: TableIndex,
    rules: RotationRules,
    line: DailyItem,
    dose_mg: float,
    daily: float,
    bt: Breakthrough,
) -> ClinicalWarning:
    bt_rules = rules.breakthrough
    assert bt.low is not None and bt.high is not None
    fraction = f"{format_fraction(bt_rules.fraction_low)}–{format_fraction(bt_rules.fraction_high)}"
    planner = f"; the planner gives {format_number(bt.dose.value)} mg" if bt.dose else ""
    return ClinicalWarning(
        code=RESCUE_OUTSIDE_RULE,
        severity="caution",
        message=(
            f"The as-needed {line.drug.name.lower()} {line.item.route} dose "
            f"({format_number(dose_mg)} mg) is outside the breakthrough rule "
            f"for the proposed regular {format_number(daily)} mg/day: {fraction} of the 24-h "
            f"dose = {format_range(bt.low.value, bt.high.value)} mg per dose{planner}. "
            "Adjust the as-needed dose to the new regular dose."
        ),
        source=tables.cite(bt_rules.citation),
        item=line.index,
    )
