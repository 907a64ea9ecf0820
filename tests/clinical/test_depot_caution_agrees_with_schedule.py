"""Clinician review 19, M4: a patch-to-patch plan cautioned "start the new opioid late and low"
while its own schedule applied the new patch at once, "as at a routine patch change". One rule
(``patches.waits_for_depot``) says which switch from a patch waits for the skin depot: the
planner's caution, its schedule and the check agree with it."""

from __future__ import annotations

import pytest

from mps_pain.domain.rotation.depot_start import start_hour
from mps_pain.services.rotation_service import plan_rotation

PATCH = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"}
OXY_ER = {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "bid"}
TARGETS = [
    {"drug": "fentanyl", "route": "transdermal"},
    {"drug": "buprenorphine", "route": "transdermal"},
    {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"},
    {"drug": "hydromorphone", "route": "iv", "continuous": True},
    {"drug": "oxycodone", "route": "sc", "continuous": True},
]


@pytest.mark.parametrize("to", TARGETS, ids=lambda t: f"{t['drug']}-{t['route']}")
@pytest.mark.parametrize("current", [[PATCH], [PATCH, OXY_ER]], ids=["patch", "mixed"])
def test_the_depot_caution_agrees_with_the_schedule(
    tables, to: dict[str, object], current: list[dict[str, object]]
) -> None:
    if to["drug"] == "fentanyl" and current == [PATCH]:
        pytest.skip("a fentanyl patch for the same fentanyl patch is no switch")
    request = {"from": {"items": current}, "to": to, "table": "uk-palliative"}
    plan = plan_rotation(request, tables=tables)
    late = [w.message for w in plan.warnings if "late and low" in w.message]
    waits = any(start_hour(entry.when) > 0 for entry in plan.schedule)
    assert bool(late) == waits, (late, [e.when for e in plan.schedule])
    assert bool(late) == (to["route"] != "transdermal"), late
