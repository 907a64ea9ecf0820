"""Outside pharmacist review, 2 December, finding 3: a record of "not opioid-tolerant" beside a
clearly tolerant regimen.

The patch target raised a danger (with a sentence saying the regimen did not meet the definition,
which was false); a switch to methadone raised nothing and printed a starting dose. One rule
(``patient_rules.tolerance.tolerance_conflict``) now serves every target the tables say needs an
opioid-tolerant patient: the fentanyl patch (Duragesic label) and methadone (``also_needed_by``,
the Methapain label: a switch from oral morphine ≥ 60 mg/day only). The planner and the check
both reach it through the patient-factor engine.
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
DEFINITION = TABLES.tables.rotation.patches.tolerance  # type: ignore[union-attr]
TOLERANT = {"drug": "morphine", "route": "oral", "form": "er", "dose": "60 mg", "frequency": "q12h"}
NAIVE = {"drug": "morphine", "route": "oral", "form": "ir", "dose": "5 mg", "frequency": "q4h"}

# every target the tables mark as needing tolerance, as the planner's ``to`` and a proposal
MARKED: list[tuple[dict[str, Any], dict[str, Any]]] = [
    (
        {"drug": drug, "route": "transdermal"},
        {"drug": drug, "route": "transdermal", "rate": "12.5 mcg/h"},
    )
    for drug in DEFINITION.drugs
] + [
    (
        {"drug": t.drug, "route": t.route},
        {"drug": t.drug, "route": t.route, "dose": "5 mg", "frequency": "q8h"},
    )
    for t in DEFINITION.also_needed_by
]


def test_the_tables_mark_the_patch_and_methadone() -> None:
    marked = {(to["drug"], to["route"]) for to, _ in MARKED}
    assert {("fentanyl", "transdermal"), ("methadone", "oral")} <= marked


def _codes(warnings: Any) -> dict[str, str]:
    return {w.code: w.severity for w in warnings}


@pytest.mark.parametrize(("to", "proposal"), MARKED, ids=lambda v: f"{v['drug']}-{v['route']}")
def test_a_conflicting_record_is_a_danger_in_the_plan_and_the_check(
    to: dict[str, Any], proposal: dict[str, Any]
) -> None:
    patient = {"opioid_tolerant": False}
    plan = plan_rotation({"from": {"items": [TOLERANT]}, "to": to, "patient": patient})
    assert _codes(plan.warnings).get("opioid-tolerance-conflict") == "danger", plan.warnings
    conflict = next(w for w in plan.warnings if w.code == "opioid-tolerance-conflict")
    assert "recorded as not opioid-tolerant" in conflict.message
    assert "does not meet" not in conflict.message  # the former, false, patch sentence
    assert "120 mg/day" in conflict.message  # the regimen's equivalent, shown
    assert plan.regimen.dose is None and plan.regimen.rate is None  # nothing until confirmed
    result = check_proposal(
        {"from": {"items": [TOLERANT]}, "proposed": {"items": [proposal]}, "patient": patient}
    )
    assert _codes(result.warnings).get("opioid-tolerance-conflict") == "danger", result.warnings


@pytest.mark.parametrize(("to", "proposal"), MARKED, ids=lambda v: f"{v['drug']}-{v['route']}")
def test_no_conflict_when_the_record_says_tolerant(
    to: dict[str, Any], proposal: dict[str, Any]
) -> None:
    patient = {"opioid_tolerant": True}
    # a scheduled methadone method (the default set's own, Morley-Makin, prints no order)
    method = {"methadone_method": "msd-quill"} if to["drug"] == "methadone" else {}
    plan = plan_rotation({"from": {"items": [TOLERANT]}, "to": to, "patient": patient, **method})
    assert "opioid-tolerance-conflict" not in _codes(plan.warnings)
    assert plan.regimen.dose is not None or plan.regimen.rate is not None


def test_a_record_that_agrees_with_a_low_regimen_is_no_conflict_for_methadone() -> None:
    # 30 mg/day of oral morphine recorded as not tolerant: the record and the regimen agree
    plan = plan_rotation(
        {
            "from": {"items": [NAIVE]},
            "to": {"drug": "methadone", "route": "oral"},
            "methadone_method": "msd-quill",
            "patient": {"opioid_tolerant": False},
        }
    )
    assert "opioid-tolerance-conflict" not in _codes(plan.warnings)


def test_the_patch_refusal_says_the_record_conflicts() -> None:
    plan = plan_rotation(
        {
            "from": {"items": [TOLERANT]},
            "to": {"drug": "fentanyl", "route": "transdermal"},
            "patient": {"opioid_tolerant": False},
        }
    )
    assert plan.regimen.no_dose is not None
    assert "until the record is confirmed" in plan.regimen.no_dose
