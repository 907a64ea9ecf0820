"""Bad input shows on its cell (red border role + tooltip) and never reaches the total."""

from __future__ import annotations

import pytest

from ui.models.regimen_table_model import ERROR_ROLE


def _index(window, row: int, field: str):
    model = window.editor.model
    return model.index(row, model.column_of(field))


@pytest.mark.parametrize(
    ("field", "value", "error_field", "expected"),
    [
        ("daily_dose", "sixty mg", "daily_dose", "not a quantity"),
        ("daily_dose", "60 mL/min", "daily_dose", "expected a mass per time"),
        ("daily_dose", "-60 mg/day", "daily_dose", "greater than zero"),
        ("daily_dose", "60 g/day", "daily_dose", "unit slip"),
        ("daily_dose", "", "dose", "missing dose, frequency"),
        ("drug", "oxycodon", "drug", "Did you mean oxycodone"),
        ("route", "transdermal", "route", "no transdermal route"),
        ("form", "gummy", "form", "not a form of"),
        ("frequency", "sometimes", "frequency", "unknown frequency"),
        ("dose", "10 mg", "dose", "cannot be combined"),
    ],
)
def test_a_bad_cell_is_marked_and_its_row_left_out(
    case_window, field, value, error_field, expected
):
    model = case_window.editor.model
    assert model.setData(_index(case_window, 0, field), value)
    message = _index(case_window, 0, error_field).data(ERROR_ROLE)
    assert message is not None and expected in message
    assert expected in _index(case_window, 0, error_field).data(256 - 253)  # ToolTipRole == 3
    assert _index(case_window, 0, "mme").data() == "excluded"
    panel = case_window.results_panel
    assert panel.total_label.text() == "0 MME/day (incomplete)"  # no number from the bad row
    assert "INCOMPLETE" in panel.status_label.text()
    assert "leaves out row 1" in panel.excluded_label.text()
    warnings = case_window.warnings_panel.model.warnings()
    assert warnings[0].severity == "danger" and warnings[0].row == 0


def test_a_bad_frequency_on_a_scheduled_row_names_the_frequency(case_window) -> None:
    model = case_window.editor.model
    model.setData(_index(case_window, 0, "daily_dose"), "")
    model.setData(_index(case_window, 0, "dose"), "30 mg")
    model.setData(_index(case_window, 0, "frequency"), "sometimes")
    assert "unknown frequency" in _index(case_window, 0, "frequency").data(ERROR_ROLE)
    model.setData(_index(case_window, 0, "frequency"), "q12h")
    assert _index(case_window, 0, "frequency").data(ERROR_ROLE) is None
    assert case_window.results_panel.total_label.text() == "90 MME/day"


def test_negative_prn_doses_are_refused_on_their_cell(case_window) -> None:
    model = case_window.editor.model
    model.setData(_index(case_window, 1, "doses_per_day"), "-2")
    assert "greater than or equal to 0" in _index(case_window, 1, "doses_per_day").data(ERROR_ROLE)
    model.setData(_index(case_window, 1, "doses_per_day"), "three")
    assert _index(case_window, 1, "doses_per_day").data(ERROR_ROLE)
    assert case_window.results_panel.total_label.text() == "90 MME/day (incomplete)"


def test_a_new_blank_row_asks_for_a_drug_and_keeps_the_total(case_window) -> None:
    case_window.editor.select_row(5)
    case_window.editor.add_row()
    assert "drug" in _index(case_window, 6, "drug").data(ERROR_ROLE)
    assert case_window.results_panel.total_label.text() == "90 MME/day (incomplete)"
    assert "row 7" in case_window.results_panel.excluded_label.text()


def test_a_bad_patient_field_is_marked_and_ignored(case_window) -> None:
    egfr = case_window.patient_header.field_widget("egfr")
    egfr.setText("45 kg")
    egfr.editingFinished.emit()
    state = case_window.session.state
    assert "egfr" in state.patient_errors
    assert state.document.patient.egfr is None
    assert "border" in egfr.styleSheet() and "rgb(200, 30, 30)" in egfr.styleSheet()
    assert "'45 kg' is a mass" in egfr.toolTip() and "volume per time" in egfr.toolTip()


def test_a_set_that_cannot_cover_a_row_excludes_it_with_the_reason(case_window) -> None:
    model = case_window.editor.model
    model.setData(_index(case_window, 0, "drug"), "hydromorphone")
    model.setData(_index(case_window, 0, "route"), "iv")
    model.setData(_index(case_window, 0, "form"), "injection")
    model.setData(_index(case_window, 0, "daily_dose"), "")
    model.setData(_index(case_window, 0, "rate"), "4 mg/day")
    message = _index(case_window, 0, "route").data(ERROR_ROLE)
    assert message and "no conversion factor" in message
    excluded = case_window.results_panel.excluded_label.text()
    assert "leaves out row 1" in excluded and "'cdc-2022' has no conversion factor" in excluded
