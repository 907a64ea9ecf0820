"""Pharmacist review 20, M3 (medium): JP morphine 30 mg/day → oxycodone ER 5 mg q12h gave
"Breakthrough: oxycodone oral solution 1.5 mg … measured as oral solution in steps of 0.5 mg (0.5
mL of the solution)", a solution JP does not list (JP sells oxycodone oral solution only as 2.5,
5, 10, 20 mg sachets), with no caution: the form was listed for JP, so the form-market caution
did not fire, and commit 783f50d5's claim (below the smallest JP tablet the rescue is a sachet)
did not hold below the smallest sachet.

The class: no plan for any market prints a volume of an oral solution that market does not list
without saying so (``volume_market.volume_market_warning``); the dose stays the rule's (never
rounded up above 1/6), and the measured steps name their solution's concentration.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.context import equianalgesic_set, rotation_rules
from mps_pain.domain.rotation.markets import market_for
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.rounding import MARKET_FALLBACK, round_down, strengths_for
from mps_pain.domain.rotation.solution_volume import market_concentrations
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.unit_kinds import strengths_in
from mps_pain.units import Dimension, dimension_of

TABLES = get_tables()
RULES = rotation_rules(TABLES)
MAX_UNITS = RULES.rounding.max_units_per_dose
FIXTURES = Path(__file__).parent / "fixtures" / "review20"


def _is_solution(drug_id: str, form_id: str | None) -> bool:
    form = next((f for f in TABLES.drugs[drug_id].forms if f.id == form_id), None)
    units = [s.unit for s in form.strengths] if form is not None else []
    return any(dimension_of(u) is Dimension.CONCENTRATION for u in units)


def _own_units(drug_id: str, form_id: str, market: str) -> tuple[float, ...]:
    choice = strengths_for(TABLES, TABLES.drugs[drug_id], form_id, market)
    if choice is None or choice.fallback:
        return ()
    return strengths_in(choice, "mg") or ()


def _volume_of_another_market(plan: RotationPlan, market: str) -> bool:
    """The plan's rescue is measured by volume (an oral solution, not a sum of the market's own
    unit doses) of a solution of which the catalogue lists no concentration for ``market``."""
    bt = plan.breakthrough
    if bt is None or bt.dose is None or bt.dose.unit != "mg" or not _is_solution(bt.drug, bt.form):
        return False
    assert bt.form is not None
    units = _own_units(bt.drug, bt.form, market)
    if units and round_down(bt.dose.value, units, MAX_UNITS).total == bt.dose.value:
        return False  # the market's own sachets
    return not market_concentrations(TABLES.drugs[bt.drug], bt.form, market)


def _said(plan: RotationPlan) -> bool:
    bt = plan.breakthrough
    assert bt is not None and bt.form is not None
    solution = bt.form.replace("_", " ")
    return any(
        w.code == MARKET_FALLBACK and bt.drug in w.message and solution in w.message
        for w in plan.warnings
    )


def test_m1b_jp_oxycodone_below_the_smallest_sachet_says_the_solution_is_another_market_s() -> None:
    plan = plan_rotation(json.loads((FIXTURES / "M1b-mor30-oxyER-jspm-JP.json").read_text()))
    bt = plan.breakthrough
    assert bt is not None and bt.dose is not None and bt.high is not None
    assert bt.dose.value <= bt.high.value  # the rule's dose, never rounded up above 1/6
    assert _volume_of_another_market(plan, "JP")
    caution = next(w for w in plan.warnings if w.code == MARKET_FALLBACK)
    assert "oxycodone oral solution" in caution.message and "another market" in caution.message
    assert "2.5" in caution.message  # the smallest JP sachet, said
    assert "mL of the 1 mg/mL solution" in (bt.note or "")  # the steps name their solution


_TARGETS = [
    {"drug": "morphine", "route": "oral", "form": "MR", "frequency": "q12h"},
    {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
    {"drug": "oxycodone", "route": "oral", "form": "IR", "frequency": "q4h"},
    {"drug": "hydromorphone", "route": "oral", "form": "ER", "frequency": "q24h"},
    {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
    {"drug": "fentanyl", "route": "transdermal", "form": "patch"},
]


@settings(max_examples=120, deadline=None)
@given(
    dose=st.integers(5, 120).map(lambda d: d * 1.0),
    target=st.sampled_from(_TARGETS),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
    market=st.sampled_from(["UK", "US", "JP", "AU", "NZ", None]),
)
def test_no_volume_of_a_solution_the_market_does_not_list_goes_unsaid(
    dose: float, target: dict[str, str], table: str, market: str | None
) -> None:
    """The property over markets × low doses: a rescue measured as a volume of an oral solution
    the plan's market does not list always carries the caution naming that solution."""
    from_item = {"drug": "morphine", "route": "oral", "form": "MR", "dose": f"{dose:g} mg",
                 "frequency": "q12h"}  # fmt: skip
    request: dict[str, Any] = {"from": {"items": [from_item]}, "to": target, "table": table}
    request |= {"patient": {"cancer_or_palliative": True}}
    if market is not None:
        request["market"] = market
    try:
        plan = plan_rotation(request, tables=TABLES)
    except MpsPainError:
        return
    name = market_for(market, equianalgesic_set(TABLES, RULES, table)).market
    if name is not None and _volume_of_another_market(plan, name):
        assert _said(plan), (plan.breakthrough, [w.message for w in plan.warnings])
