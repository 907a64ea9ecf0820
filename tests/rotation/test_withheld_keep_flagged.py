"""A plan with no dose never tells the prescriber to keep, without a word, a current opioid its
own danger names (pharmacist review 17, L6).

``rotate`` of morphine MR 60 mg q12h → oxycodone MR in severe hepatic impairment: NO DOSE, the
schedule "Keep the current regimen until another opioid or route is chosen", while a DANGER said
the current morphine is to be avoided in hepatic failure. Invariant over withheld plans (a
target the patient rules avoid, or a form that cannot give the dose): where a danger names a
current opioid line, the schedule's keep sentence says it is kept only until the replacement is
chosen, naming that opioid.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from tests.rotation.plans import planned

FLAGGED = "a DANGER warning also names the current"
CURRENT = [
    {"drug": "morphine", "route": "oral", "form": "MR", "dose": "60 mg", "frequency": "q12h"},
    {"drug": "codeine", "route": "oral", "dose": "60 mg", "frequency": "q6h"},
    {"drug": "tramadol", "route": "oral", "form": "IR", "dose": "50 mg", "frequency": "q6h"},
    {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"},
]
TARGETS = [
    {"drug": "oxycodone", "route": "oral", "form": "MR", "frequency": "q12h"},
    {"drug": "morphine", "route": "oral", "form": "MR", "frequency": "q12h"},
    {"drug": "oxycodone", "route": "rectal", "frequency": "q6h"},  # no strength: no dose
    {"drug": "codeine", "route": "oral", "frequency": "q6h"},
]
PATIENTS = [
    {"hepatic_impairment": "severe"},
    {"egfr": 20},
    {"egfr": 20, "hepatic_impairment": "severe"},
]


def _flags_current(plan: dict[str, Any]) -> list[str]:
    opioid_rows = {
        line["index"]: line["drug"] for line in plan["current"] if line["kind"] == "opioid"
    }
    return [
        opioid_rows[i]
        for w in plan["warnings"]
        if w["severity"] == "danger"
        for i in ({w["item"]} if w["item"] is not None else set()) | set(w["items"])
        if i in opioid_rows
    ]


def _check(plan: dict[str, Any]) -> None:
    if plan["regimen"]["dose"] is not None:
        return
    named = _flags_current(plan)
    keeps = [e["action"] for e in plan["schedule"] if "Keep " in e["action"]]
    for action in keeps:
        if named:
            assert FLAGGED in action, action
            assert any(drug in action.split(FLAGGED)[1] for drug in named), action
        else:
            assert FLAGGED not in action, action


def test_review_17_v6a_hepatic_failure_keeps_morphine_only_until_the_replacement() -> None:
    plan = planned({
        "from": {"items": [CURRENT[0]]}, "to": TARGETS[0], "table": "uk-palliative",
        "patient": PATIENTS[0],
    })  # fmt: skip
    assert plan["regimen"]["dose"] is None
    now = plan["schedule"][0]["action"]
    assert FLAGGED + " morphine" in now, now
    _check(plan)


@settings(max_examples=40, deadline=None)
@given(
    current=st.sampled_from(CURRENT),
    to=st.sampled_from(TARGETS),
    patient=st.sampled_from(PATIENTS),
    table=st.sampled_from(["uk-palliative", "fpm-2021"]),
)
def test_a_withheld_plan_never_keeps_a_flagged_opioid_silently(
    current: dict[str, str], to: dict[str, str], patient: dict[str, Any], table: str
) -> None:
    if current["drug"] == to["drug"] and current["route"] == to["route"]:
        return  # a dose change, refused
    try:
        plan = planned({"from": {"items": [current]}, "to": to, "table": table, "patient": patient})
    except MpsPainError:
        return  # a set without the target, refused before any plan
    _check(plan)
