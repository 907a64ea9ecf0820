"""Pharmacist review3, mx05 (morphine SC 20 mg/day + fentanyl 25 mcg/h → morphine SC CSCI): the
0 h step said "stop morphine sc 20 mg/day; give instead morphine sc 0.833 mg/h" (the same
infusion, unchanged) and "Stop the infusion when the first oral dose is given" although the plan
has no oral dose. The class, in ``schedule.py``: an infusion of the target drug by the target
route is kept running or its rate changed, never stopped and "given instead"; the words of a
first oral dose appear only when the target is given by mouth."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from tests.rotation.plans import planned

MX05 = {
    "from": {
        "items": [
            {"drug": "morphine", "route": "sc", "rate": "20 mg/day"},
            {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
        ]
    },
    "to": {"drug": "morphine", "route": "sc", "continuous": True},
    "table": "uk-palliative",
}
ORAL_WORDS = re.compile(r"\boral dose|first oral\b", re.IGNORECASE)


def _actions(plan: dict[str, Any]) -> list[str]:
    return [entry["action"] for entry in plan["schedule"]]


def test_mx05_keeps_the_same_infusion_running_and_names_no_oral_dose() -> None:
    actions = _actions(planned(MX05))
    first = actions[0]
    assert "keep the infusion of morphine sc 20 mg/day continuous running unchanged" in first
    assert "give instead" not in first
    assert not any(ORAL_WORDS.search(a) for a in actions), actions
    assert actions[1].startswith(
        "Breakthrough"
        # the breakthrough row from 0 h stands before later rows (clinician review 17 #3)
    )
    assert actions[2].startswith("From 17 h on, set the infusion to the full dose")


def test_a_changed_rate_is_said_as_a_change() -> None:
    plan = planned(
        {**MX05, "reduction": "10%"}
        | {
            "from": {
                "items": [
                    {"drug": "morphine", "route": "sc", "rate": "30 mg/day"},
                    {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
                ]
            }
        }
    )
    first = _actions(plan)[0]
    assert "running unchanged" in first or "change the rate of the infusion" in first, first
    assert "give instead" not in first


def test_an_infusion_to_a_rectal_dose_speaks_of_the_first_dose_not_an_oral_one() -> None:
    plan = planned(
        {
            "from": {"items": [{"drug": "morphine", "route": "sc", "rate": "60 mg/day"}]},
            "to": {"drug": "morphine", "route": "rectal", "frequency": "q4h"},
            "table": "jspm-2010",
        }
    )
    actions = _actions(plan)
    assert not any(ORAL_WORDS.search(a) for a in actions), actions
    assert any("first dose of the new regimen" in a for a in actions), actions


CURRENT = st.lists(
    st.sampled_from(
        [
            {"drug": "morphine", "route": "sc", "rate": "20 mg/day"},
            {"drug": "oxycodone", "route": "sc", "rate": "15 mg/day"},
            {
                "drug": "morphine",
                "route": "oral",
                "form": "er",
                "dose": "30 mg",
                "frequency": "q12h",
            },
            {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
            {"drug": "fentanyl", "route": "transdermal", "rate": "12.5 mcg/h"},
        ]
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda item: (item["drug"], item["route"]),
)
TARGETS = st.sampled_from(
    [
        {"drug": "morphine", "route": "sc", "continuous": True},
        {"drug": "oxycodone", "route": "sc", "continuous": True},
        {"drug": "diamorphine", "route": "sc", "continuous": True},
        {"drug": "morphine", "route": "rectal", "frequency": "q4h"},
        {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"},
        {"drug": "hydromorphone", "route": "oral", "form": "ir", "frequency": "q4h"},
    ]
)


@settings(max_examples=120, deadline=None)
@given(current=CURRENT, to=TARGETS, table=st.sampled_from(["uk-palliative", "jspm-2010"]))
def test_no_step_names_a_dose_or_a_stop_the_plan_does_not_have(
    current: list[dict[str, Any]], to: dict[str, Any], table: str
) -> None:
    try:
        plan = planned({"from": {"items": current}, "to": to, "table": table})
    except MpsPainError:
        return
    actions = _actions(plan)
    if to["route"] != "oral":
        assert not any(ORAL_WORDS.search(a) for a in actions), actions
    if to.get("continuous"):
        same = [
            f"{c['drug']} {c['route']} {c['rate']}"
            for c in current
            if c["drug"] == to["drug"] and c["route"] == to["route"]
        ]
        for line in same:
            assert not any(f"stop {line}" in a for a in actions), actions
