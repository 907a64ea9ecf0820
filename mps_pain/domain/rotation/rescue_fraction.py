"""The set's breakthrough fraction for one regular dose.

``fraction_rescue`` is the planner's step 6 for a drug the fraction rule covers (1/10–1/6 of the
new 24-h dose, ``rotation.breakthrough``): the planner calls it for its rescue, and the check
calls it (``rescue_size``) for the whole proposed regular dose as the rescue's opioid, so a proposed
as-needed dose is judged by the very numbers the planner would print (clinician review 12, #7:
an unchanged 5 mg rescue after oxycodone was raised to 240 mg/day, 1/48 of it). Its base is the
whole regular opioid dose, not the same drug's line (pharmacist re-check 16b, #5).
"""

from __future__ import annotations

from mps_pain.domain.rotation.breakthrough import breakthrough_for_drug
from mps_pain.domain.rotation.models import Breakthrough
from mps_pain.domain.rotation.rounding import MarketChoice, liquid_step
from mps_pain.domain.rotation.shaped import INJECTED_ROUTES, injected_grid
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug
from mps_pain.tables.schema_rotation import RotationRules

__all__ = ["fraction_rescue"]


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
