"""Clinician review 10, #1 (HIGH): a QTc typed as a bare number ("520") was refused as "not an
amount" and ignored; the planner then proposed methadone saying "QTc not known" and the PDF
printed "QTc: —". eGFR and CrCl refused bare numbers too.

(a) A header field whose kind has one clinically sensible unit reads a number alone in it and
shows it with its unit: QTc in ms, eGFR and CrCl in mL/min (``unit_kinds.bare_number_unit``);
since clinician review 17 #5 a weight in kg too ("58" was refused beside an eGFR "45" read in
mL/min: one rule for every header quantity), and a unit of another kind is still refused.
(b) The class: a patient field typed but refused is never taken as "not known": while it is
refused the planner, the converter and the check give no plan or verdict and name the field,
and no PDF is written. Real widgets offscreen, QTest keystrokes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

from tests.ui.conftest import ask_oxycodone_to_patch, shown


def _at_1280(window):
    window.resize(1280, 720)  # the review's screen: every header field in one row
    return shown(window)


def _type_in_header(window, name: str, text: str) -> QLineEdit:
    edit = window.patient_header.field_widget(name)
    assert isinstance(edit, QLineEdit) and edit.isVisible()
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, text)
    QTest.keyClick(edit, Qt.Key.Key_Tab)  # its value goes in
    return edit


def _methadone_plan(window):
    planner = window.planner
    planner.set_target("methadone", "oral", frequency="q8h")
    planner.method.setCurrentIndex(planner.method.findData("msd-quill"))
    planner.replan()
    return planner


@pytest.mark.parametrize(
    ("name", "typed", "shown_as", "unit"),
    [
        ("qtc", "520", "520 ms", "ms"),
        ("egfr", "35", "35 mL/min", "mL/min"),
        ("creatinine_clearance", "35", "35 mL/min", "mL/min"),
        ("weight", "60", "60 kg", "kg"),
    ],
)
def test_review10_1_a_number_alone_is_read_in_the_fields_one_unit(
    case_window, name, typed, shown_as, unit
) -> None:
    window = _at_1280(case_window)
    edit = _type_in_header(window, name, typed)
    state = window.session.state
    assert name not in state.patient_errors, state.patient_errors
    assert edit.text() == shown_as  # says how it was read
    assert getattr(state.document.patient, name).to(unit) == float(typed)


def test_review10_1_weight_in_a_unit_of_another_kind_is_refused(case_window) -> None:
    window = _at_1280(case_window)
    _type_in_header(window, "weight", "60 mL/min")
    assert "weight" in window.session.state.patient_errors  # never read as another kind


def test_review10_1_qtc_520_typed_alone_refuses_methadone(case_window) -> None:
    window = _at_1280(case_window)
    window.ensure_panels()
    _type_in_header(window, "qtc", "520")
    planner = _methadone_plan(window)
    assert planner.plan is not None
    assert planner.plan.regimen.no_dose  # QTc above 500 ms: avoid methadone
    assert not planner.apply_button.isEnabled()
    text = planner.view.toPlainText()
    assert "QTc 520 ms" in text and "QTc not known" not in text


@pytest.mark.parametrize("typed", ["abc", "520 kg"])
def test_review10_1_a_refused_header_field_stops_plan_conversion_check_and_pdf(
    case_window, typed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _at_1280(case_window)
    window.ensure_panels()
    _type_in_header(window, "qtc", typed)
    assert "qtc" in window.session.state.patient_errors
    planner = _methadone_plan(window)
    assert planner.plan is None and not planner.apply_button.isEnabled()
    assert "QTc" in (planner.error or "") and "not known" not in planner.view.toPlainText()
    assert "QTc" in planner.error_label.text()

    check = window.check
    check.copy_current()
    check.run_check()
    assert check.result is None and "QTc" in check.verdict.text()

    panel = ask_oxycodone_to_patch(window)
    panel.convert()
    assert panel.plan is None and "QTc" in panel.result.text()
    assert not panel.save_button.isEnabled()

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: said.append(args[2]))
    pdf = tmp_path / "plan.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(pdf), ""))
    from ui import printing_actions

    assert printing_actions.export_pdf(window, "A4") is None
    assert not pdf.exists() and said and "QTc" in said[0]

    _type_in_header(window, "qtc", "440 ms")  # corrected: everything comes back
    assert _methadone_plan(window).plan is not None
    panel = ask_oxycodone_to_patch(window)
    panel.convert()
    assert panel.plan is not None


def test_review10_1_the_converter_follows_a_header_field_typed_after_its_answer(
    case_window,
) -> None:
    window = _at_1280(case_window)
    panel = ask_oxycodone_to_patch(window)
    panel.convert()
    assert panel.plan is not None
    _type_in_header(window, "qtc", "abc")
    assert panel.plan is None and "QTc" in panel.result.text()  # no stale "QTc not known" plan
