"""Pharmacist review 8, N1 (a regression of review 7's D1 rule): uk-palliative SC morphine as the
target of a mixed switch was read at 3, the high end of the row's 2–3, which is the set's oral:IV
ratio; the set's own oral:SC ratio is 2:1 (BNF palliative; the Scottish guidelines' "divide by
2"). Patch 25 mcg/h + oral morphine ER 30 mg q12h + IR 10 mg ×3 (150 OME) gave SC morphine
43.9 mg/24 h, less than the same oral morphine alone (44.9 mg/24 h): adding an opioid lowered the
new dose. Review 7's build, which the pharmacist signed, gave 66 mg/24 h."""

from __future__ import annotations

from typing import Any

from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

ORAL = [
    {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"},
    {
        "drug": "morphine",
        "route": "oral",
        "form": "IR",
        "dose": "10 mg",
        "prn": True,
        "doses_per_day": 3,
    },
]
PATCH = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"}


def _sc_morphine_mg_per_day(items: list[dict[str, Any]]) -> float:
    request = {
        "from": {"items": items},
        "to": {"drug": "morphine", "route": "sc", "continuous": True},
        "table": "uk-palliative",
    }
    plan = plan_rotation(request, tables=get_tables())
    assert plan.rounded_daily_dose is not None and plan.rounded_daily_dose.unit == "mg/day"
    return plan.rounded_daily_dose.value


def test_adding_a_patch_never_lowers_the_sc_morphine_dose() -> None:
    alone = _sc_morphine_mg_per_day(ORAL)
    with_patch = _sc_morphine_mg_per_day([PATCH, *ORAL])
    assert alone == 45  # 90 OME ÷ 2, -0% same drug (reviewers 7 and 8: 1.87 mg/h = 44.88)
    assert with_patch > alone  # was 43.92 mg/24 h
    # review 7's signed plan: 66 mg/24 h (2.75 mg/h); now down to the injected step (5 mg from
    # 50 mg; clinician review 11 #5)
    assert with_patch == 65.0
