"""Pharmacist review 7, D2 (overdose risk): every regular methadone plan added as-needed methadone
"every 3 h as needed (at most 8 doses in 24 h)", a maximum the program derived (24 ÷ 3; no source
gives one), allowing +80% of a 15 mg/day regular dose, while Morley-Makin is refused for lacking
exactly those limits. One rule (``as_needed_limits_sourced``): an as-needed methadone order needs
a SOURCED minimum interval and a SOURCED maximum per 24 h; without both, no methadone breakthrough
number is printed, with the reason (``breakthrough-no-source``; the reference names no
non-methadone breakthrough opioid or dose for a methadone patient). And in the JP market the plan
ordered methadone oral solution, which is not sold there (Methapain 5 and 10 mg tablets only):
never a product the market does not sell, in the regimen, the breakthrough or the three-step
schedule (C_mtd_jp_160.json, C_mtd_jp_3step.json).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.errors import InputError, PlanningError
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.tables.schema_methadone import as_needed_limits_sourced

TABLES = get_tables()
RULES = rotation_rules(TABLES)
METHADONE = TABLES.resolve_drug("methadone", location=None)
EQUIANALGESIC = sorted(s.id for s in TABLES.sets.values() if s.purpose == "equianalgesic")


def _request(ome: float, method: str, table: str, **extra: Any) -> dict[str, Any]:
    return {
        "from": {
            "items": [
                {
                    "drug": "morphine",
                    "route": "oral",
                    "form": "ER",
                    "dose": f"{ome / 2:g} mg",
                    "frequency": "q12h",
                }
            ]
        },
        "to": {"drug": "methadone", "route": "oral"},
        "table": table,
        "methadone_method": method,
        **extra,
    }


def _jp_products() -> dict[str, set[float]]:
    """The JP catalogue of methadone: form → strengths in mg."""
    return {
        form.id: {v for s in form.strengths if s.market == "JP" for v in s.values}
        for form in METHADONE.forms
        if any(s.market == "JP" for s in form.strengths)
    }


def test_the_shipped_rules_source_no_daily_maximum_so_the_refusal_is_exercised() -> None:
    """Guards the property below against passing vacuously: today no maximum is sourced."""
    limits = RULES.breakthrough.methadone
    assert not as_needed_limits_sourced(limits.min_interval_hours, limits.max_doses_per_day)
    assert limits.open_ended
    assert _jp_products() == {"tablet": {5.0, 10.0}}


@given(
    ome=st.sampled_from([60, 90, 120, 160, 161, 200, 300, 390, 400, 800]),
    method=st.sampled_from([m.id for m in RULES.methadone.methods]),
    table=st.sampled_from(EQUIANALGESIC),
    market=st.sampled_from([None, "JP", "UK", "US"]),
    schedule=st.sampled_from([None, "immediate", "three-step"]),
)
def test_no_unsourced_as_needed_methadone_and_no_unsold_jp_product(
    ome: int, method: str, table: str, market: str | None, schedule: str | None
) -> None:
    extra: dict[str, Any] = {"market": market} if market else {}
    if schedule:
        extra["methadone_schedule"] = schedule
    try:
        plan = plan_rotation(_request(ome, method, table, **extra), tables=TABLES)
    except (InputError, PlanningError):  # refused naming a field: no order printed
        return
    limits = RULES.breakthrough.methadone
    sourced = as_needed_limits_sourced(limits.min_interval_hours, limits.max_doses_per_day)
    orders = [plan.regimen, plan.breakthrough]
    for order in orders:
        as_needed = order is plan.breakthrough or plan.regimen.prn
        if order is not None and order.drug == "methadone" and order.dose is not None:
            assert not as_needed or sourced, order
    if plan.regimen.dose is not None and not sourced:
        assert plan.breakthrough is not None and plan.breakthrough.dose is None
        assert any(w.code == "breakthrough-no-source" for w in plan.warnings), plan.warnings
    if (market or TABLES.sets[table].market) == "JP":
        products = _jp_products()
        for order in orders:
            if order is None or order.dose is None or order.drug != "methadone":
                continue
            assert order.form in products, order
            smallest = min(products[order.form])
            assert order.dose.value % smallest == pytest.approx(0.0), order
        for step in plan.schedule:
            assert "oral solution" not in step.action, step.action


def test_jp_three_step_below_the_smallest_tablet_is_refused_naming_the_field() -> None:
    """5 mg tid by the label: days 1–3 need 1.67 mg and days 4–6 3.33 mg per dose, which no JP
    product gives; the steps would lower the previous opioid with no methadone in its place."""
    request = _request(160, "jp-label", "jspm-2010", methadone_schedule="three-step")
    with pytest.raises(InputError) as refused:
        plan_rotation(request, tables=TABLES)
    assert refused.value.location_path == ("methadone_schedule",)
    assert "1.67 mg" in str(refused.value) and "3.33 mg" in str(refused.value)
    assert "immediate" in str(refused.value)


def test_jp_three_step_is_given_in_tablets_when_every_step_has_one() -> None:
    """15 mg tid (OME > 390): the steps are 5 and 10 mg tablets, so the schedule stands."""
    request = _request(800, "jp-label", "jspm-2010", methadone_schedule="three-step")
    plan = plan_rotation(request, tables=TABLES)
    actions = [step.action for step in plan.schedule]
    assert any("methadone 5 mg tid" in a for a in actions), actions
    assert any("methadone 10 mg tid" in a for a in actions), actions


def test_uk_keeps_the_oral_solution_it_sells() -> None:
    """The refusal is the JP catalogue's (all products listed), not every market's: the UK sells
    methadone 1 mg/mL, so a dose below the 5 mg tablet is still measured there."""
    # 60 mg/day OME: CCDHB's 4:1 gives 15, held down at the 8:1 band's 90 ÷ 8 = 11.25 (review 8,
    # N2) × 0.75 = 8.44 mg/day: 2.81 mg q8h → 2.5 mg of solution (below the 5 mg tablet)
    plan = plan_rotation(_request(60, "ccdhb", "uk-palliative"), tables=TABLES)
    assert plan.regimen.form == "oral_solution"
    assert plan.regimen.dose is not None and plan.regimen.dose.value == pytest.approx(2.5)
