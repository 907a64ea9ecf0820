"""Every dose a plan proposes can be given: a sum of marketed strengths of its form, or a
measurable form's step (pharmacist review 17, M1).

The product measures a dose only where it can be measured: an oral solution (in its 0.5 mL
steps) or an injection (docs/rotation.md). A suppository, a codeine tablet or any other form
the catalogue lists no strengths of is not measured "to the dose": the plan gives no dose, with
the reason (review 17: "oxycodone rectal suppository 15 mg q6h" with a 10 mg rescue, "codeine
oral 112 mg q6h" with a 74.6 mg rescue, both "measured to the dose").
"""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.rounding import combination, liquid_form, liquid_step_mg
from mps_pain.domain.rotation.shaped import INJECTED_ROUTES
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.units import Dimension, dimension_of

TABLES = get_tables()
RULES = TABLES.tables.rotation
_BY_DOSE = ("injection", "patch")  # an injected dose and a patch have their own grids
_OPIOIDS_BY_DOSE = sorted(
    {
        (d.id, route, form.id if form else None)
        for d in TABLES.tables.drugs
        if "opioid" in d.classes and d.id != "methadone"
        for form in (d.forms or [None])
        if form is None or form.id not in _BY_DOSE
        for route in (form.routes if form else d.routes)
        if route not in (*INJECTED_ROUTES, "transdermal")
    },
    key=str,
)
SETS = ("uk-palliative", "fpm-2021", "jspm-2010")
MARKETS = (None, "UK", "US", "JP", "AU")


def _givable(drug_id: str, form: str | None, dose: float, market: str | None) -> bool:
    """A sum of at most ``max_units_per_dose`` strengths of one market's list of the form (the
    plan's market where it lists the form, else any one market: the cautioned fallback), or a
    whole number of the oral solution's measurable steps."""
    drug = TABLES.drugs[drug_id]
    if form is not None and form == liquid_form(drug):
        step = liquid_step_mg(drug, RULES.rounding.oral_solution_step)
        if step is not None and math.isclose(dose / step, round(dose / step), abs_tol=1e-6):
            return True
    lists = {
        s.market: tuple(s.values)
        for f in drug.forms
        if f.id == form
        for s in f.strengths
        if dimension_of(s.unit) is Dimension.MASS
    }
    own = lists.get(market or "") or lists.get("international")
    candidates = [own] if own else list(lists.values())
    for values in candidates:
        found = combination(dose, values, RULES.rounding.max_units_per_dose)
        if math.isclose(found.total, dose, rel_tol=1e-9):
            return True
    return False


def _market(plan: RotationPlan, market: str | None) -> str | None:
    return market or TABLES.reference_set(plan.table.id).market


def _assert_givable(plan: RotationPlan, market: str | None) -> None:
    regimen = plan.regimen
    if regimen.dose is not None:
        assert _givable(regimen.drug, regimen.form, regimen.dose.value, market), (
            f"{regimen.drug} {regimen.route} {regimen.form} {regimen.dose.value} mg "
            f"{regimen.frequency} is neither marketed strengths nor a measurable step"
        )
    bt = plan.breakthrough
    if bt is not None and bt.dose is not None and bt.route not in INJECTED_ROUTES:
        assert _givable(bt.drug, bt.form, bt.dose.value, market), (
            f"breakthrough {bt.drug} {bt.route} {bt.form} {bt.dose.value} mg "
            "is neither marketed strengths nor a measurable step"
        )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    target=st.sampled_from(_OPIOIDS_BY_DOSE),
    frequency=st.sampled_from(("q4h", "q6h", "q8h", "q12h", "q24h")),
    daily=st.integers(min_value=10, max_value=400),
    table=st.sampled_from(SETS),
    market=st.sampled_from(MARKETS),
)
def test_every_regular_and_breakthrough_dose_can_be_given(
    target: tuple[str, str, str | None], frequency: str, daily: int, table: str, market: str | None
) -> None:
    drug, route, form = target
    to = {"drug": drug, "route": route, "frequency": frequency}
    if form is not None:
        to["form"] = form
    request: dict[str, object] = {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": f"{daily} mg/day"}]},
        "to": to,
        "table": table,
    }
    if market is not None:
        request["market"] = market
    try:
        plan = plan_rotation(request)
    except MpsPainError:
        return  # refused (no factor in the set, an interval the form is not given at, …)
    _assert_givable(plan, _market(plan, market))


def _plan(to: dict[str, str], table: str, item: dict[str, str]) -> RotationPlan:
    return plan_rotation({"from": {"items": [item]}, "to": to, "table": table})


OXY_ER_30_BD = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "ER",
    "dose": "30 mg",
    "frequency": "q12h",
}
MOR_MR_30_BD = {
    "drug": "morphine",
    "route": "oral",
    "form": "MR",
    "dose": "30 mg",
    "frequency": "q12h",
}


def test_review_17_oxycodone_suppository_is_no_dose() -> None:
    # F83: no oxycodone suppository strength is listed in any market, and a suppository cannot
    # be measured: no "15 mg q6h", no "10 mg" rescue
    to = {"drug": "oxycodone", "route": "rectal", "frequency": "q6h"}
    plan = _plan(to, "fpm-2021", OXY_ER_30_BD)
    assert plan.regimen.dose is None and not plan.dose_measured
    why = plan.regimen.no_dose or ""
    assert (
        "cannot be measured" in why and "holds no strengths of oxycodone rectal suppository" in why
    ), why
    assert plan.breakthrough is None or plan.breakthrough.dose is None
    assert "no-dose-in-form" in {w.code for w in plan.warnings}


def test_review_17_codeine_is_no_dose() -> None:
    # F96: codeine has no listed strengths: no "112 mg q6h", no "74.6 mg" rescue
    to = {"drug": "codeine", "route": "oral", "frequency": "q6h"}
    plan = _plan(to, "uk-palliative", MOR_MR_30_BD)
    assert plan.regimen.dose is None and not plan.dose_measured
    assert "cannot be measured" in (plan.regimen.no_dose or "")
    assert plan.breakthrough is None or plan.breakthrough.dose is None
