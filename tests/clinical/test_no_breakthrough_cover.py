"""Pharmacist review 5, D8: a plan with no breakthrough cover raised only a caution (eGFR 20
morphine → patch: the patch-linked oral morphine is avoided; morphine → buprenorphine patch: no
patch-linked rule). The product's own rule (docs/rotation.md) is that a palliative plan without
breakthrough cover must not pass unnoticed: it is a danger, whatever the reason. And the
fentanyl-patch warnings (its indication, onset, skin depot, heat, one-direction table) are keyed
to the drug they were written for: a buprenorphine plan gets its own wording of them (review 5b,
N2), never a fentanyl sentence.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given, settings

from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.clinical.test_planner_check_property import ARGS
from tests.rotation.generated import GENERATED, generated_request, plan_or_discard

TABLES = get_tables()
MORPHINE_ER_60 = {
    "drug": "morphine",
    "route": "oral",
    "form": "ER",
    "dose": "30 mg",
    "frequency": "q12h",
}


def _plan(document: dict[str, Any]) -> Any:
    return plan_rotation(document, tables=TABLES)


def _no_cover_is_a_danger(plan: Any) -> None:
    given_dose = plan.regimen.dose is not None or plan.regimen.rate is not None
    if not given_dose or plan.breakthrough is None or plan.breakthrough.dose is not None:
        return
    dangers = [w for w in plan.warnings if w.severity == "danger"]
    assert any("breakthrough" in w.message.lower() for w in dangers), [
        (w.code, w.severity) for w in plan.warnings
    ]


def test_f13_egfr20_morphine_to_patch_without_breakthrough_is_a_danger() -> None:
    """Under JSPM, which covers neither sourced alternative (alfentanil, hydromorphone); under the
    UK set the plan gives SC alfentanil (review 5b, D8: test_breakthrough_alternative.py)."""
    plan = _plan(
        {
            "from": {"items": [{**MORPHINE_ER_60, "dose": "60 mg"}]},
            "to": {"drug": "fentanyl", "route": "transdermal"},
            "table": "jspm-2010",
            "patient": {"egfr": "20 mL/min"},
        }
    )
    assert plan.breakthrough is not None and plan.breakthrough.dose is None
    avoided = [w for w in plan.warnings if w.code == "breakthrough-avoided"]
    assert avoided and all(w.severity == "danger" for w in avoided)


def test_b26_buprenorphine_patch_plan_no_cover_is_a_danger_and_no_fentanyl_warnings() -> None:
    plan = _plan(
        {
            "from": {"items": [MORPHINE_ER_60]},
            "to": {"drug": "buprenorphine", "route": "transdermal"},
            "table": "uk-palliative",
        }
    )
    assert plan.regimen.rate is not None
    _no_cover_is_a_danger(plan)
    # review 5b, N2: the patch pitfalls are kept, worded for buprenorphine; the one-direction
    # warning is about the fentanyl band tables and is not given
    pitfalls = {"patch-onset", "patch-not-for-unstable-pain", "patch-heat-fever"}
    shown = [w for w in plan.warnings if w.code.startswith("patch-")]
    assert {w.code for w in shown} == pitfalls, shown
    assert all("buprenorphine" in w.message and "fentanyl" not in w.message for w in shown)


@settings(GENERATED)
@given(**ARGS)
def test_a_plan_without_breakthrough_cover_is_a_danger(
    lines, to, table, market, patient, pain
) -> None:
    request = generated_request(
        lines,
        to,
        table,
        patient={**patient, "egfr": "20 mL/min"} if "fentanyl" in str(to) else patient,
        market=market,
        pain_controlled=pain,
    )
    plan = plan_or_discard(request)
    assume(plan.breakthrough is not None)
    _no_cover_is_a_danger(plan)
