"""Clinician review 16, #6: a plan a prescriber signs read "[this program's rotation rules,
Planner specification §1.3 …]" and "1–2 × 10^k in steps of 0.1 × 10^k": a specification's
section number and a programmer's notation. (The route-ratio row's id, "morphine-oral-
parenteral", stays beside its ratio: it is the table row the result carries, "show the work",
held by tests/clinical/test_route_ratio_words.py.)"""

from __future__ import annotations

import pytest

from mps_pain.services.rotation_service import plan_rotation
from mps_pain_cli.render_rotation import render_plan

ROUTE_SWITCHES = [
    ({"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"},
     {"drug": "morphine", "route": "sc", "continuous": True}),
    ({"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"},
     {"drug": "diamorphine", "route": "sc", "continuous": True}),
    ({"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"},
     {"drug": "oxycodone", "route": "sc", "continuous": True}),
    ({"drug": "hydromorphone", "route": "oral", "form": "ER", "dose": "8 mg", "frequency": "q12h"},
     {"drug": "hydromorphone", "route": "sc", "continuous": True}),
    ({"drug": "morphine", "route": "sc", "rate": "1 mg/h"},
     {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"}),
]  # fmt: skip
PROGRAMMERS_WORDS = ("Planner specification", "10^k", "§")


@pytest.mark.parametrize(("current", "target"), ROUTE_SWITCHES)
def test_a_route_switch_is_said_without_a_programmers_words(
    current: dict[str, object], target: dict[str, object]
) -> None:
    text = render_plan(
        plan_rotation({"from": {"items": [current]}, "to": target, "table": "uk-palliative"})
    )
    assert not [w for w in PROGRAMMERS_WORDS if w in text], text
