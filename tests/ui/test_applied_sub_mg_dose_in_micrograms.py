"""Clinician review 19, M6: the plan's breakthrough was "alfentanil sc 650 micrograms"; after
Apply the regimen row's Dose read "0.65 mg", and so did its worked line: the display rule of the
plan ("below 1 mg in micrograms", ``numbers.written_dose``) stopped at the regimen table, the
one saved and shown on the ward. Apply now writes the dose in the unit the plan prints it in:
the same amount, the same total."""

from __future__ import annotations

import yaml
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.numbers import dose_text, written_dose
from tests.ui.conftest import shown
from tests.ui.keyboard import cell_index

MRS_BLOGGS = yaml.safe_load(
    """
patient: {age: 78, weight: 52 kg, egfr: 28 mL/min, qtc: 480 ms}
table: uk-palliative
items:
- {drug: fentanyl, route: transdermal, form: patch, rate: 25 mcg/h}
- {drug: oxycodone, route: oral, form: er, dose: 20 mg, frequency: bid}
- {drug: oxycodone, route: oral, form: ir, dose: 10 mg, prn: true, doses_per_day: 3, note: q4h}
"""
)


def test_the_applied_rescue_dose_is_written_in_micrograms(make_window, tables) -> None:  # type: ignore[no-untyped-def]
    window = shown(make_window(tables))
    window.ensure_panels()
    window.session.replace_document(RegimenDocument.model_validate(MRS_BLOGGS))
    window.show_tab(1)
    planner = window.planner
    planner.set_target("fentanyl", "transdermal", continuous=True, table="uk-palliative")
    plan = planner.plan
    assert plan is not None and plan.breakthrough is not None
    planned = plan.breakthrough.dose
    assert planned is not None and planned.unit == "mg" and planned.value < 1
    QTest.mouseClick(planner.apply_button, Qt.MouseButton.LeftButton)
    items = window.session.state.document.items
    rescue = next(i for i in items if i.prn)
    assert rescue.dose is not None
    assert (rescue.dose.value, rescue.dose.unit) == written_dose(planned.value, planned.unit)
    assert rescue.dose.unit == "mcg"
    row = next(r for r, i in enumerate(items) if i.prn)
    shown_dose = cell_index(window, row, "dose").data()
    assert "0.65" not in shown_dose and "mg" not in shown_dose.replace("mcg", ""), shown_dose
    assert dose_text(planned.value, planned.unit) == f"{shown_dose.split()[0]} micrograms"


def test_the_rule_keeps_the_amount() -> None:
    for value in (0.05, 0.325, 0.65, 0.999):
        micrograms, unit = written_dose(value, "mg")
        assert unit == "mcg" and abs(micrograms / 1000 - value) < 1e-9
    assert written_dose(1.0, "mg") == (1.0, "mg")
    assert written_dose(0.5, "mcg") == (0.5, "mcg")
