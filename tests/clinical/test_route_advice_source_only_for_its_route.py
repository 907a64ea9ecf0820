"""Clinician review 19, L4 (re-check 18b #8 partial): the pump and diluent advice for infused
ketamine left the message of an ORAL ketamine row but stayed in its Source ("… separate pump,
dilute in 0.9% saline"), in the planner, both PDFs and the CLI. A rule's route advice carries its
own place in the source, cited only for a row given by one of its routes."""

from __future__ import annotations

import pytest

from mps_pain.services.rotation_service import plan_rotation

OXY = {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "bid"}
KETAMINE = {
    "oral": {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "tid"},
    "sc": {"drug": "ketamine", "route": "sc", "daily_dose": "100 mg/day"},
}


@pytest.mark.parametrize("route", ["oral", "sc"])
def test_pump_words_only_for_infused_ketamine(tables, route: str) -> None:
    request = {
        "from": {"items": [OXY, KETAMINE[route]]},
        "to": {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"},
        "table": "uk-palliative",
    }
    plan = plan_rotation(request, tables=tables)
    (ketamine,) = [w for w in plan.warnings if w.code == "co-infusion-nmda-antagonist"]
    said = f"{ketamine.message} {ketamine.source}"
    infused = route != "oral"
    assert ("pump" in said) == infused, said
    assert ("saline" in said) == infused, said
    assert "reduce opioids by 50%" in (ketamine.source or "")
