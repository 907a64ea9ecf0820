"""Bad input shows on its cell (red border role + tooltip) and never reaches the total."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from tests.ui.vocabulary import developer_words, shown_texts
from ui.models.regimen_table_model import ERROR_ROLE


def _index(window, row: int, field: str):
    model = window.editor.model
    return model.index(row, model.column_of(field))


@pytest.mark.parametrize(
    ("field", "value", "error_field", "expected"),
    [
        ("daily_dose", "sixty mg", "daily_dose", "is not an amount"),
        ("daily_dose", "6e1 mg/day", "daily_dose", "exponent notation"),  # review 5b, item 6
        ("daily_dose", "60 mL/min", "daily_dose", "not a unit for the daily total"),
        ("daily_dose", "-60 mg/day", "daily_dose", "must be more than zero"),
        ("daily_dose", "60 g/day", "daily_dose", "unit slip"),
        ("daily_dose", "", "daily_dose", "Daily total is empty"),
        ("drug", "oxycodon", "drug", "Did you mean oxycodone"),
        ("route", "transdermal", "route", "no transdermal route"),
        ("form", "gummy", "form", "not a form of"),
        ("frequency", "sometimes", "frequency", "is not a frequency"),
        ("dose", "10 mg", "dose", "cannot be used together"),
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
    # no number from the bad row, and no "0 MME/day" for a regimen whose opioid row cannot be
    # read (clinician re-check 18b #4): words naming the row
    assert panel.total_label.text() == (
        "No MME total: row 1 is left out until it is corrected or deleted."
    )
    assert "INCOMPLETE" in panel.status_label.text()
    assert "leaves out row 1" in panel.excluded_label.text()
    warnings = case_window.warnings_panel.model.warnings()
    assert warnings[0].severity == "danger" and warnings[0].row == 0


def test_a_bad_frequency_on_a_scheduled_row_names_the_frequency(case_window) -> None:
    model = case_window.editor.model
    model.setData(_index(case_window, 0, "daily_dose"), "")
    model.setData(_index(case_window, 0, "dose"), "30 mg")
    model.setData(_index(case_window, 0, "frequency"), "sometimes")
    assert "is not a frequency" in _index(case_window, 0, "frequency").data(ERROR_ROLE)
    model.setData(_index(case_window, 0, "frequency"), "q12h")
    assert _index(case_window, 0, "frequency").data(ERROR_ROLE) is None
    assert case_window.results_panel.total_label.text() == "90 MME/day"


def test_negative_prn_doses_are_refused_on_their_cell(case_window) -> None:
    model = case_window.editor.model
    model.setData(_index(case_window, 1, "doses_per_day"), "-2")
    assert "between 0 and 96" in _index(case_window, 1, "doses_per_day").data(ERROR_ROLE)
    model.setData(_index(case_window, 1, "doses_per_day"), "three")
    assert "“three” is not a number" in _index(case_window, 1, "doses_per_day").data(ERROR_ROLE)
    model.setData(_index(case_window, 1, "doses_per_day"), "1e1")  # not 10 (review 5b, item 6)
    assert "“1e1” is not a number" in _index(case_window, 1, "doses_per_day").data(ERROR_ROLE)
    assert case_window.results_panel.total_label.text() == "90 MME/day (incomplete)"


def test_a_new_blank_row_is_incomplete_not_a_danger(case_window) -> None:
    case_window.editor.select_row(5)
    case_window.editor.add_row()
    assert _index(case_window, 6, "drug").data(ERROR_ROLE) is None  # no red frame
    assert _index(case_window, 6, "mme").data() == "incomplete"
    assert case_window.results_panel.total_label.text() == "90 MME/day"
    assert "row 7" not in case_window.results_panel.excluded_label.text()
    about_row = [w for w in case_window.warnings_panel.model.warnings() if w.row == 6]
    assert [w.severity for w in about_row] == ["info"]
    # once something is typed, a missing dose is a real problem on the right cell
    case_window.editor.model.setData(_index(case_window, 6, "drug"), "fentanyl")
    case_window.editor.model.setData(_index(case_window, 6, "route"), "transdermal")
    assert "Enter the Rate" in _index(case_window, 6, "rate").data(ERROR_ROLE)
    assert case_window.results_panel.total_label.text() == "90 MME/day (incomplete)"


def test_a_bad_patient_field_is_marked_and_ignored(case_window) -> None:
    egfr = case_window.patient_header.field_widget("egfr")
    egfr.setText("45 kg")
    egfr.editingFinished.emit()
    state = case_window.session.state
    assert "egfr" in state.patient_errors
    assert state.document.patient.egfr is None
    assert "border" in egfr.styleSheet() and "rgb(200, 30, 30)" in egfr.styleSheet()
    assert "eGFR: kg is not a unit for eGFR" in egfr.toolTip()
    assert "45 mL/min" in egfr.toolTip() and "45 mg" not in egfr.toolTip()


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
    assert (
        "leaves out row 1" in excluded and "has no conversion factor for hydromorphone" in excluded
    )
    assert "cdc-2022" not in excluded  # the set by its name, not its id


# --- every message the app shows for bad input speaks a clinician's language ------------------
_BAD_CELLS = [
    ("daily_dose", "sixty mg"),
    ("daily_dose", "60 mL/min"),
    ("daily_dose", "-60 mg/day"),
    ("daily_dose", "60 g/day"),
    ("daily_dose", ""),
    ("drug", "oxycodon"),
    ("route", "transdermal"),
    ("form", "gummy"),
    ("frequency", "sometimes"),
    ("dose", "10 mg"),
    ("doses_per_day", "three"),
    ("doses_per_day", "-2"),
    ("concentration", "10 mg/mL"),
    ("dose", "abc"),
]
_DEVELOPER_WORDS = re.compile(
    r"Input should|validation error|pydantic|value_error|\bitems\[|\]\.|\bto\.form\b|"
    r"reference_sets|factors\[|\b[a-z]+_[a-z_]+\b|'[a-z]+-\d{4}'|\bNone\b|Traceback"
)


def _shown_messages(window) -> list[str]:
    model = window.editor.model
    shown: list[str] = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in (ERROR_ROLE, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if value:
                    shown.append(str(value))
    shown += [w.message for w in window.warnings_panel.model.warnings()]
    panel = window.results_panel
    shown += [panel.total_label.text(), panel.status_label.text(), panel.excluded_label.text()]
    for name in ("egfr", "qtc", "age", "weight"):
        shown.append(window.patient_header.field_widget(name).toolTip())
    return [text for text in shown if text]


@pytest.mark.parametrize(("field", "value"), _BAD_CELLS)
def test_no_developer_vocabulary_in_any_message(case_window, field, value) -> None:
    case_window.ensure_panels()  # every tab built, as once a person has opened them
    assert case_window.editor.model.setData(_index(case_window, 0, field), value)
    for name, text in (("egfr", "45 kg"), ("qtc", "long"), ("age", "old"), ("weight", "60 mL")):
        widget = case_window.patient_header.field_widget(name)
        widget.setText(text)
        widget.editingFinished.emit()
    messages = _shown_messages(case_window)
    offending = [m for m in messages if _DEVELOPER_WORDS.search(m)]
    assert not offending, offending
    assert any(m.startswith("Row 1 is left out") for m in messages)  # the problem is shown
    # and every other text of the window (labels, lists, tooltips, every tab): the collector
    # the planner, check, converter, practice, records and FHIR tests use too
    # (tests/ui/test_screen_vocabulary.py, tests/ui/test_records_joined.py)
    found = developer_words(shown_texts(case_window))
    assert not found, found


def test_examples_are_in_the_fields_own_unit(case_window) -> None:
    egfr = case_window.patient_header.field_widget("egfr")
    egfr.setText("45 mg")
    egfr.editingFinished.emit()
    assert "e.g. 45 mL/min" in egfr.toolTip()
    qtc = case_window.patient_header.field_widget("qtc")
    qtc.setText("long")
    qtc.editingFinished.emit()
    assert "e.g. 440 ms" in qtc.toolTip()


def test_planner_refusal_names_the_field_in_words(case_window) -> None:
    case_window.tabs.setCurrentIndex(1)
    planner = case_window.planner
    planner.set_target("oxycodone", "oral", frequency="q6h")  # q6h: the form is not implied
    assert planner.error is not None
    assert planner.error.startswith("Target form:")
    assert not _DEVELOPER_WORDS.search(planner.error) and "to.form" not in planner.error


# --- the clinician review's words (FINDINGS.md D7): planner, check, PDF, save refusal -----------
_REVIEW_WORDS = re.compile(
    r"List should have|at least 1 item after validation|\bfrom\.items|Give 'frequency'|"
    r"continuous: true|“”|state 'include' or 'exclude'|\[CODE\]|NOT FOUND|clinical-sources|§|"
    r"factors\[|Dannyb685|\(L\d\.|methadone-specialist|qtc-borderline"
)


def _plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _review_messages(window) -> list[str]:
    from ui.printing.plan_pdf import plan_html
    from ui.printing_actions import plan_content

    planner, check = window.planner, window.check
    shown = [planner.guidance.text(), planner.error_label.text(), planner.view.toPlainText()]
    shown += [check.current_total.text()]
    shown += [_plain(plan_html(plan_content(window)))]
    return [text for text in shown if text]


def test_no_developer_vocabulary_in_the_plan_check_and_pdf(case_window) -> None:
    window = case_window
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("fentanyl", "transdermal", continuous=True)
    assert window.planner.plan is not None
    window.tabs.setCurrentIndex(2)
    messages = _review_messages(window)
    set_ids = re.compile(
        "|".join(
            rf"(?<![\w-]){re.escape(set_id)}(?![\w-])" for set_id in window.session.tables.sets
        )
    )
    offending = [m for m in messages if _REVIEW_WORDS.search(m) or set_ids.search(m)]
    found = [(_REVIEW_WORDS.search(m) or set_ids.search(m)).group(0) for m in offending]
    assert not offending, [
        (f, m[max(0, m.find(f) - 120) : m.find(f) + 60])
        for f, m in zip(found, offending, strict=True)
    ]
