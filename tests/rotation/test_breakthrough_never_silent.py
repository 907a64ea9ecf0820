"""A breakthrough dose that rounds to nothing measurable is never a silent gap.

Branch fix-bt rounds oral-solution breakthrough doses to their measurable step (0.5 mL). For a
small regimen the computed dose then rounds to 0 steps, and the plan used to carry no dose, no
reason and no warning (review 3's tiny input, oxycodone 0.6 mg/day → morphine q4h, lost the
"No breakthrough dose … outside clinical doses" danger). The one rule (``gate_breakthrough``, used
by the standard and the methadone planner; ``rotate``, the app, the PDF and practice read its
record): whenever a cited rule computed an amount and no dose can be given, the breakthrough
record says why (``no_dose``), the plan carries a danger, and every reader says "none" with the
reason.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.practice.expected import expected_for
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.models import Exercise
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

NO_BREAKTHROUGH = {"breakthrough-not-measurable", "breakthrough-implausible"}
MORPHINE_IR_Q6H = {"drug": "morphine", "route": "oral", "form": "ir", "frequency": "q6h"}


def _plan(daily_mg: float, drug: str, to: dict[str, Any], **extra: Any) -> RotationPlan:
    item = {"drug": drug, "route": "oral", "daily_dose": f"{daily_mg} mg/day"}
    return plan_rotation({"from": {"items": [item]}, "to": to, "table": "uk-palliative", **extra})


def _dangers(plan: RotationPlan) -> set[str]:
    return {w.code for w in plan.warnings if w.severity == "danger"}


def test_a_breakthrough_below_one_solution_step_is_stated_with_a_danger() -> None:
    # oxycodone 4 mg/day → morphine IR q6h: 4.5 mg/day → 1 mg of solution q6h = 4 mg/day; the
    # breakthrough, 1/10–1/6 of 4 mg/day = 0.4–0.67 mg, is below the smallest tablet and below
    # one 0.5 mL step of the 2 mg/mL solution (1 mg)
    plan = _plan(4, "oxycodone", MORPHINE_IR_Q6H)
    assert plan.regimen.dose is not None and plan.regimen.dose.value == 1.0
    bt = plan.breakthrough
    assert bt is not None and bt.dose is None
    assert bt.no_dose is not None and "0.4–0.667 mg" in bt.no_dose, bt
    assert "1 mg = 0.5 mL" in bt.no_dose
    danger = next(w for w in plan.warnings if w.code == "breakthrough-not-measurable")
    assert danger.severity == "danger"
    assert danger.message.startswith("No breakthrough dose: the computed dose (morphine oral")
    view = plan_view(plan)
    assert view.breakthrough == f"none — {bt.no_dose}"
    assert dict((f.label, f.value) for f in view.facts)["Breakthrough dose"] == view.breakthrough


def test_the_review_case_is_no_dose_now_that_the_solution_is_measured_in_steps() -> None:
    # review 3's tiny input: 0.1125 mg of morphine q4h is not measurable (0.056 mL); the plan
    # proposes no regular dose and says why (it used to print 0.112 mg q4h)
    to = {"drug": "morphine", "route": "oral", "frequency": "q4h"}
    plan = _plan(0.6, "oxycodone", to)
    assert plan.regimen.dose is None and plan.breakthrough is None
    why = plan.regimen.no_dose or ""
    assert "below one measurable step of the oral solution (1 mg = 0.5 mL)" in why, why
    assert "lists no oral solution" not in why  # it does list one
    assert "no-dose-in-form" in _dangers(plan)


def test_a_withheld_methadone_breakthrough_is_stated_with_a_danger() -> None:
    # CCDHB: 12 mg/day oral morphine ÷ 4 × 0.75 = 2.25 mg/day → 0.5 mg q8h. Its breakthrough used
    # to be computed (10% = 0.15 mg, below the plausibility floor: `breakthrough-implausible`).
    # Pharmacist review 7, D2: no as-needed methadone order without a sourced maximum in 24 h, so
    # none is computed; the gap is still never silent: the reason and a danger, as every
    # `breakthrough-no-source` plan (no cited rule gives a number).
    plan = _plan(12, "morphine", {"drug": "methadone", "route": "oral"}, methadone_method="ccdhb")
    assert plan.breakthrough is not None and plan.breakthrough.dose is None
    assert "breakthrough-no-source" in _dangers(plan)
    assert "maximum number of doses in 24 h" in (plan.breakthrough.note or "")
    assert "Check the unit of" not in (plan.breakthrough.note or "")  # nobody typed it
    assert "no dose" in (plan_view(plan).breakthrough or "")


TARGETS = [
    MORPHINE_IR_Q6H,
    {"drug": "oxycodone", "route": "oral", "frequency": "q4h"},
    {"drug": "hydromorphone", "route": "oral", "frequency": "q4h"},
    {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"},
    {"drug": "methadone", "route": "oral"},
    {"drug": "fentanyl", "route": "transdermal"},
]


@given(
    daily_mg=st.floats(min_value=0.3, max_value=90, allow_nan=False).map(lambda x: round(x, 1)),
    drug=st.sampled_from(["morphine", "oxycodone", "hydromorphone", "codeine"]),
    to=st.sampled_from(TARGETS),
)
def test_no_computed_breakthrough_disappears_silently(
    daily_mg: float, drug: str, to: dict[str, Any]
) -> None:
    if drug == to["drug"]:
        return
    extra = {"methadone_method": "ccdhb"} if to["drug"] == "methadone" else {}
    try:
        plan = _plan(daily_mg, drug, to, **extra)
    except Exception as exc:  # a refused switch (e.g. a patch below tolerance) is not a plan
        assert getattr(exc, "code", None), exc
        return
    bt = plan.breakthrough
    if bt is None:  # only a plan that gives no regular dose has no breakthrough record
        assert plan.regimen.no_dose is not None, plan
        return
    if bt.dose is not None:
        return
    if bt.no_dose is None:  # no cited rule gives a number: its own caution says so
        codes = {w.code for w in plan.warnings}
        assert "breakthrough-no-source" in codes or plan.regimen.no_dose is not None, plan
        return
    assert _dangers(plan) & (NO_BREAKTHROUGH | {"breakthrough-avoided"}), plan.warnings
    assert plan_view(plan).breakthrough == f"none — {bt.no_dose}"


def test_practice_expects_no_breakthrough_dose_with_the_plans_reason() -> None:
    switch = RotationRequest.model_validate(
        {
            "from": {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "4 mg/day"}]},
            "to": MORPHINE_IR_Q6H,
            "table": "uk-palliative",
        }
    )
    exercise = Exercise(
        id="bt-none",
        level=1,
        topic="switch",
        table="uk-palliative",
        prompt="Switch.",
        asks=["breakthrough_dose"],
        switch=switch,
    )
    key = answer_key(get_tables(), exercise)
    assert isinstance(key, SwitchKey)
    bt = key.plan.breakthrough
    assert bt is not None and bt.no_dose is not None
    expected = expected_for(key, "breakthrough_dose")
    assert expected.text == f"no breakthrough dose in this plan: {bt.no_dose}"
    assert "breakthrough-not-measurable" in (expected_for(key, "warnings").codes or [])


def test_the_schedule_states_it_and_keeps_the_current_as_needed_cover() -> None:
    # the 'every current line has a step' property found it: morphine rectal q8h gives no
    # suppository for 3–5 mg, and the current as-needed oral morphine was left unnamed
    items = [
        {"drug": "fentanyl", "route": "transdermal", "rate": "12 mcg/h"},
        {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"},
        # clinical21: an as-needed oxycodone (an as-needed morphine, the target's own drug, now
        # keeps its 0% on its share and the plan then has a suppository dose)
        {
            "drug": "oxycodone",
            "route": "oral",
            "form": "IR",
            "dose": "2.5 mg",
            "prn": True,
            "doses_per_day": 3,
        },
    ]
    plan = plan_rotation(
        {
            "from": {"items": items},
            "to": {"drug": "morphine", "route": "rectal", "frequency": "q8h"},
            "table": "jspm-2010",
        }
    )
    assert plan.breakthrough is not None and plan.breakthrough.no_dose is not None
    entry = next(e for e in plan.schedule if e.action.startswith("No breakthrough dose"))
    assert plan.breakthrough.no_dose in entry.action
    assert "Keep the current as-needed oxycodone oral" in entry.action
    assert entry.action.endswith("then stop it.")
