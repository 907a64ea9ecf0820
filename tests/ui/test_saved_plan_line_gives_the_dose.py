"""A saved plan's line in the records names the dose the plan gives (clinician review 7, #9:
"Plan: oxycodone oral 60 mg/day → fentanyl transdermal patch" lacked the 25 mcg/h)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from mps_pain.persistence.records import PatientInfo
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.patient_service import PatientService
from mps_pain.services.rotation_service import plan_rotation
from tests.ui.test_records_joined import _records, service  # noqa: F401


def test_the_saved_plans_list_names_the_planned_dose(
    qtbot: QtBot,
    service: PatientService,  # noqa: F811
) -> None:
    service.create_patient(PatientInfo(identifier="MRN-9", display_name="A Patient"))
    request = {
        "from": {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "60 mg/day"}]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
    }
    plan = plan_rotation(request, tables=service.tables)
    service.save_plan("MRN-9", kind="plan", title="to a patch", inputs=request, outputs=plan)
    window = _records(qtbot, service, "MRN-9")
    line = window.plans.list.item(0).text()
    assert "fentanyl transdermal patch" in line
    assert plan_view(plan).regimen in line, line  # the planned regimen, with its strength
    assert "25 mcg/h" in line
