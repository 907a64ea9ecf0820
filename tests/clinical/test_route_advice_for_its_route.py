"""Clinician re-check 18b, #8: "give it by a separate pump, dilute in 0.9% saline" for ORAL
ketamine (plan-csci-applied.pdf p.2). Advice for a route is given only for that route: the
co-infusion rule's words for every route, and its infusion advice (``by_route`` in
``rotation.co_infusions``) only for a row given by one of its routes."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
MORPHINE = {"drug": "morphine", "route": "oral", "form": "er", "dose": "30 mg", "frequency": "q12h"}
KETAMINE = {
    "oral": {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "tid"},
    "sc": {"drug": "ketamine", "route": "sc", "daily_dose": "100 mg/day"},
}


def _ketamine_words(route: str) -> list[str]:
    request: dict[str, Any] = {
        "from": {"items": [MORPHINE, KETAMINE[route]]},
        "to": {"drug": "oxycodone", "route": "oral", "form": "er", "frequency": "q12h"},
        "table": "uk-palliative",
    }
    plan = plan_rotation(request)
    check = check_proposal(
        {
            "from": request["from"],
            "proposed": {
                "items": [
                    {
                        "drug": "oxycodone",
                        "route": "oral",
                        "form": "er",
                        "dose": "10 mg",
                        "frequency": "q12h",
                    },
                    KETAMINE[route],
                ]
            },
            "table": "uk-palliative",
        }
    )
    found = [*plan.warnings, *check.warnings]
    return [w.message for w in found if w.code == "co-infusion-nmda-antagonist"]


def test_oral_ketamine_gets_no_pump_advice() -> None:
    said = _ketamine_words("oral")
    assert said, "the co-infusion caution is still given"
    assert not [s for s in said if "pump" in s or "saline" in s], said
    assert all("50%" in s for s in said), said


def test_infused_ketamine_keeps_its_pump_advice() -> None:
    said = _ketamine_words("sc")
    assert said and all("separate pump" in s and "0.9% saline" in s for s in said), said


@pytest.mark.parametrize(
    "rule", TABLES.tables.rotation.co_infusions if TABLES.tables.rotation else []
)
def test_no_rule_words_name_a_route_outside_its_route_advice(rule: Any) -> None:
    """The words every route gets name no pump, syringe driver or infusion fluid."""
    words = [rule.message, *([rule.palliative.message] if rule.palliative else [])]
    assert not [w for w in words if any(t in w for t in ("pump", "saline", "syringe driver"))]
