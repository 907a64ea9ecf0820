""" "Apply plan" hands the planned quantities to the regimen as values, not as text to re-parse."""

from __future__ import annotations

from typing import get_args

from mps_pain.domain.regimen import RegimenDocument, RegimenItem
from mps_pain.domain.rotation.requests import CheckRequest, MethadoneSchedule, RotationRequest
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.vocabulary import HepaticImpairment
from mps_pain.units import ParsedQuantity
from ui.planner.apply import planned_items

IV_OXYCODONE_TO_ORAL_ER = {
    "from": {"items": [{"drug": "oxycodone", "route": "iv", "rate": "2 mg/h"}]},
    "to": {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
    "table": "fpm-2021",
}


def test_planned_items_are_regimen_items_carrying_the_plans_exact_quantities() -> None:
    plan = plan_rotation(IV_OXYCODONE_TO_ORAL_ER)
    regular, breakthrough = planned_items(plan)
    assert isinstance(regular, RegimenItem) and isinstance(breakthrough, RegimenItem)
    assert plan.regimen.dose is not None and plan.breakthrough is not None
    assert regular.dose == ParsedQuantity(plan.regimen.dose.value, plan.regimen.dose.unit)
    assert regular.frequency is not None and regular.frequency.label == plan.regimen.frequency
    assert regular.daily_mg_per_day() == plan.regimen.daily_dose.value  # 45 mg q12h = 90 mg/day
    assert breakthrough.prn and breakthrough.doses_per_day == 0
    assert breakthrough.dose == ParsedQuantity(
        plan.breakthrough.dose.value, plan.breakthrough.dose.unit
    )


def test_the_planner_and_the_check_send_the_documents_own_items_and_patient(case_window) -> None:
    case_window.ensure_panels()  # the planner and check tabs, as when first shown
    document = case_window.session.state.document
    planner = case_window.planner
    planner.set_target("morphine", "oral", frequency="q4h", table="uk-palliative")
    request = planner.request
    assert isinstance(request, RotationRequest)
    assert all(a is b for a, b in zip(request.from_.items, document.items, strict=True))
    assert request.patient is document.patient
    check = case_window.check
    check.proposal.replace_document(RegimenDocument(items=document.items[:1]))
    built = check.build_request()
    assert isinstance(built, CheckRequest)
    assert built.from_.items[0] is document.items[0]
    assert built.patient is document.patient


def test_the_apps_choice_lists_are_the_schemas_literals(case_window) -> None:
    hepatic = case_window.patient_header.field_widget("hepatic_impairment")
    shown = [hepatic.itemData(i) for i in range(hepatic.count())]
    assert shown == [None, *get_args(HepaticImpairment)]
    case_window.ensure_panels()  # the planner tab, as when first shown
    schedule = case_window.planner.schedule
    assert [schedule.itemData(i) for i in range(schedule.count())] == [
        None,
        *get_args(MethadoneSchedule),
    ]
