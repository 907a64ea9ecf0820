"""Clinician review 17, #5: in the header, "72 Tab 58 Tab 45 Tab" read age 72 and eGFR "45 mL/min"
but refused the weight "58" as "not an amount. Type a number and a unit", and the plan vanished.
A weight on the ward is in kg, as an eGFR is in mL/min: every quantity field of the header
follows one rule (``unit_kinds.bare_number_unit``): a number alone is read in the field's one
unit and the box then shows that unit, so the reading is seen ("58 kg"); a unit of the wrong kind
is still refused. Real widgets offscreen, QTest keystrokes from the Age box."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from mps_pain.domain.regimen import Patient
from tests.ui.conftest import shown
from tests.ui.keyboard import press

QUANTITY_FIELDS = {"weight": "kg", "egfr": "mL/min", "creatinine_clearance": "mL/min", "qtc": "ms"}


def test_72_tab_58_tab_45_reads_age_weight_and_egfr(case_window) -> None:
    window = case_window
    window.resize(1280, 720)
    shown(window)
    window.ensure_panels()
    window.show_tab(1)
    window.planner.set_target("fentanyl", "transdermal", continuous=True)
    assert window.planner.plan is not None
    age = window.patient_header.field_widget("age")
    assert isinstance(age, QLineEdit)
    age.setFocus()
    age.selectAll()
    QApplication.processEvents()
    press("72", Qt.Key.Key_Tab)
    QApplication.focusWidget().selectAll()
    press("58", Qt.Key.Key_Tab)
    QApplication.focusWidget().selectAll()
    press("45", Qt.Key.Key_Tab)
    state = window.session.state
    assert not state.patient_errors, state.patient_errors
    patient = state.document.patient
    assert patient.weight is not None and patient.weight.to("kg") == 58
    assert patient.egfr is not None and patient.egfr.to("mL/min") == 45
    assert window.patient_header.field_widget("weight").text() == "58 kg"  # how it was read
    assert window.patient_header.field_widget("egfr").text() == "45 mL/min"
    window.planner.replan()
    assert window.planner.plan is not None, window.planner.error_label.text()


@given(st.sampled_from(sorted(QUANTITY_FIELDS)), st.integers(min_value=1, max_value=150))
def test_every_header_quantity_reads_a_number_alone_in_its_unit(field: str, number: int) -> None:
    unit = QUANTITY_FIELDS[field]
    for alone in (number, str(number)):
        try:
            patient = Patient.model_validate({field: alone})
        except ValueError:  # outside the field's plausible bounds: refused with or without unit
            with pytest.raises(ValueError):
                Patient.model_validate({field: f"{number} {unit}"})
            continue
        assert getattr(patient, field) == getattr(
            Patient.model_validate({field: f"{number} {unit}"}), field
        )


@pytest.mark.parametrize("typed", ["58 mg", "58 mL"])
def test_a_weight_in_a_unit_of_another_kind_is_still_refused(case_window, typed) -> None:
    window = case_window
    window.resize(1280, 720)  # the review's screen: every header field in one row
    shown(window)
    window.activateWindow()
    edit = window.patient_header.field_widget("weight")
    edit.setFocus()
    edit.selectAll()
    QApplication.processEvents()
    assert QApplication.focusWidget() is edit
    press(typed, Qt.Key.Key_Tab)
    assert "weight" in window.session.state.patient_errors
