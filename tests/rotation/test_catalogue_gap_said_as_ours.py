"""A form the catalogue holds no strength of is said as this program's gap, not the market's
(pharmacist review 18, L3: a switch to codeine read "The catalogue lists no strength of codeine
oral in any market … no dose can be given in this form", though codeine 15/30/60 mg tablets are
standard in the UK and the US and 20 mg in Japan). No dose is still proposed (pharmacist review
17, M1): the plan says the program holds no strengths and asks for the dose from the
prescriber's formulary, in its reason, its headline, its schedule and its danger."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.rounding import liquid_form
from mps_pain.domain.rotation.shape import regimen_text
from mps_pain.domain.rotation.shaped import INJECTED_ROUTES
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.units import Dimension, dimension_of

TABLES = get_tables()


def _unheld() -> list[tuple[str, str, str | None]]:
    """Every opioid (drug, route, form) taken by mouth, rectum or mucosa that the catalogue
    holds no strength of by mass and that is not measured as a solution."""
    found = []
    for drug in TABLES.tables.drugs:
        if "opioid" not in drug.classes or drug.id == "methadone":
            continue
        forms = drug.forms or [None]
        for form in forms:
            routes = form.routes if form is not None else drug.routes
            held = form is not None and any(
                dimension_of(s.unit) is Dimension.MASS for s in form.strengths
            )
            liquid = form is not None and form.id == liquid_form(drug)
            for route in routes:
                if route in (*INJECTED_ROUTES, "transdermal") or held or liquid:
                    continue
                found.append((drug.id, route, form.id if form is not None else None))
    return found


def _words(plan: RotationPlan) -> list[str]:
    return [
        plan.regimen.detail.no_dose or "",
        regimen_text(plan.regimen),
        *plan.steps,
        *(e.action for e in plan.schedule),
        *(w.message for w in plan.warnings),
    ]


def _plan(drug: str, route: str, form: str | None, table: str) -> RotationPlan | None:
    to: dict[str, Any] = {"drug": drug, "route": route, "frequency": "q6h"}
    to |= {"form": form} if form else {}
    current = {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg"}
    request = {"from": {"items": [current | {"frequency": "q12h"}]}, "to": to, "table": table}
    try:
        return plan_rotation(request, tables=TABLES)
    except MpsPainError:  # refused with its reason (no ratio under this set, no such route)
        return None


def test_codeine_oral_is_a_gap_of_this_program() -> None:
    plan = _plan("codeine", "oral", None, "uk-palliative")
    assert plan is not None and plan.regimen.dose is None
    reason = plan.regimen.detail.no_dose or ""
    assert "This program holds no strengths of codeine oral" in reason, reason
    assert "choose the dose from your formulary" in reason, reason
    assert "in any market" not in reason
    assert regimen_text(plan.regimen) == "codeine oral: no dose — this program holds no strengths"


@pytest.mark.parametrize(("drug", "route", "form"), _unheld())
@pytest.mark.parametrize("table", ["uk-palliative", "fpm-2021", "jspm-2010"])
def test_no_plan_says_a_form_unheld_here_cannot_be_given(
    drug: str, route: str, form: str | None, table: str
) -> None:
    plan = _plan(drug, route, form, table)
    if plan is None or plan.regimen.dose is not None:
        return
    for said in _words(plan):
        assert "in any market" not in said, said
        assert "catalogue lists no strength" not in said, said
        assert ": no dose can be given in this form" not in said or "holds no" in said, said
