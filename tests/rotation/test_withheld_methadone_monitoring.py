"""Pharmacist re-check 15b, wording: a plan that gives no methadone (NO DOSE: the patient-factor
gate, e.g. QTc 520 ms or not opioid-tolerant) still said "Do not increase methadone more often
than every 7 days" under Monitoring, in step 8 and in ``titration_interval_days``. A withheld
plan keeps no line about a dose it does not give: the warnings (``withhold._WITHHELD_WARNINGS``)
and now the monitoring lines."""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation
from mps_pain_cli.render_rotation import render_plan
from mps_pain_cli.rotate_command import plan_json
from tests.rotation.generated import GENERATED, plan_or_discard

TITRATION = "increase methadone"


def _request(patient: dict[str, Any], method: str = "jp-label", mg: int = 60) -> dict[str, Any]:
    item = {
        "drug": "morphine",
        "route": "oral",
        "form": "ER",
        "dose": f"{mg} mg",
        "frequency": "q12h",
    }
    return {
        "from": {"items": [item]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": "uk-palliative",
        "methadone_method": method,
        "patient": patient,
    }  # fmt: skip


def test_not_opioid_tolerant_methadone_plan_has_no_titration_line() -> None:
    plan = plan_rotation(_request({"opioid_tolerant": False}))
    assert plan.regimen.no_dose is not None
    assert not any(TITRATION in line.lower() for line in plan.monitoring), plan.monitoring
    assert not any(TITRATION in step.lower() for step in plan.steps), plan.steps
    assert plan.titration_interval_days is None
    # pharmacist re-check 16, #6: nor "the dose keeps rising for days" of a dose not given
    assert not any("keeps rising" in w.message for w in plan.warnings), plan.warnings
    assert TITRATION not in render_plan(plan).lower()
    assert TITRATION not in str(plan_json(plan)).lower()
    assert not any(TITRATION in line.lower() for line in plan_view(plan).monitoring)
    # the monitoring that is about the patient stays
    assert any("sedation" in line for line in plan.monitoring)


def test_a_given_methadone_plan_keeps_its_titration_line() -> None:
    plan = plan_rotation(_request({}))
    assert plan.regimen.no_dose is None
    assert any(TITRATION in line.lower() for line in plan.monitoring)
    assert plan.titration_interval_days is not None


@GENERATED
@given(
    patient=st.sampled_from([
        {"qtc": 520}, {"opioid_tolerant": False}, {"hepatic_impairment": "severe"},
        {"egfr": 8}, {}, {"qtc": 470},
    ]),
    method=st.sampled_from(["jp-label", "ccdhb", "msd-quill", "morley-makin"]),
    mg=st.sampled_from([15, 30, 60, 120, 200, 400]),
)  # fmt: skip
def test_no_withheld_plan_monitors_a_dose_it_does_not_give(
    patient: dict[str, Any], method: str, mg: int
) -> None:
    plan = plan_or_discard(_request(patient, method, mg))
    assume(plan.regimen.no_dose is not None)
    assert not any(TITRATION in line.lower() for line in plan.monitoring), plan.monitoring
    assert not any(TITRATION in step.lower() for step in plan.steps), plan.steps
    assert plan.titration_interval_days is None
    # pharmacist re-check 16, #6: nor "the dose keeps rising for days" of a dose not given
    assert not any("keeps rising" in w.message for w in plan.warnings), plan.warnings
