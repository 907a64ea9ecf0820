"""Clinician re-check 14b, #1: File → Examples → Takamatsu 2018 case 1 → Step 3, Ctrl+K, morphine
oral 60 mg/day → diamorphine sc, Ctrl+Shift+R, `MRN-9402`, Enter, Enter: "Saved to new patient
MRN-9402", and the new patient had the example's Age 31 and Cancer/palliative "yes" (in the
header after the save, after Open patient, in the planner and on the plan PDF), never entered for
MRN-9402. Choice: a new patient starts with empty factors, or with the ones typed in a header
that names no one (or names the new patient); an opened patient with its stored ones. Real
window, QTest keys, a real SQLite records file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from mps_pain.domain.regimen import Patient
from mps_pain.services.patient_service import PatientService
from tests.ui.conftest import shown
from tests.ui.record_dialogs import CTRL_SHIFT, answer_modals, press_button, press_save_to_record
from ui.records.choose_patient import ChoosePatientDialog


def _keys(*keys: object) -> None:
    for key in keys:
        focus = QApplication.focusWidget()
        assert focus is not None
        if isinstance(key, str):
            QTest.keyClicks(focus, key)
        else:
            QTest.keyClick(focus, key)  # type: ignore[call-overload]
        QApplication.processEvents()


def _chooser(identifier: str, enters: int):
    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, ChoosePatientDialog)
        QTest.keyClicks(dialog.filter, identifier)
        for _ in range(enters):
            QTest.keyClick(dialog.filter, Qt.Key.Key_Return)
        QApplication.processEvents()
        if dialog.isVisible():  # refused: fail with its reason, never hang
            text = dialog.error.text()
            QTest.keyClick(dialog.filter, Qt.Key.Key_Escape)
            raise AssertionError(text)

    return step


def _example_case_1_step_3(window) -> None:
    menu = window.menu_actions.examples_menu
    case_1 = next(a.menu() for a in menu.actions() if a.text() == "Takamatsu 2018, case 1")
    case_1.actions()[2].trigger()
    QApplication.processEvents()
    patient = window.session.state.document.patient
    assert patient.age is not None and patient.cancer_or_palliative  # the example's: 31, yes


def _says_not_copied(status: str, source: str) -> None:
    """Clinician review 15, #5: the status line names the details the new record did not take
    (the header then shows them empty and the chart a DANGER with no cause given)."""
    expected = (
        f"Age and Cancer / palliative care were not copied from {source}: "
        "enter them for this patient"
    )
    assert expected in status, status


def _no_factors(window, identifier: str) -> None:
    patient: Patient = window.session.state.document.patient
    assert patient.identifier == identifier
    assert patient.model_dump(exclude_none=True, exclude={"identifier"}) == {}, patient
    age = window.patient_header.field_widget("age")
    assert isinstance(age, QLineEdit) and age.text() == "", age.text()


def test_review14b_1_a_patient_new_from_the_converter_takes_no_example_factors(
    make_window, tables, records_service: PatientService
) -> None:
    window = shown(make_window(tables))
    _example_case_1_step_3(window)
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    panel = window.converter
    _keys("morp", Qt.Key.Key_Tab, "o", Qt.Key.Key_Tab, "60", Qt.Key.Key_Tab, Qt.Key.Key_Tab)
    _keys(Qt.Key.Key_Tab, "diam", Qt.Key.Key_Tab, "s")
    assert panel.from_drug.currentData() == "morphine"
    assert panel.to_drug.currentData() == "diamorphine"
    QTest.keyClick(panel, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # Reference set
    for _ in range(panel.table.count()):  # the UK palliative set, as the reviewer chose
        if panel.table.currentData() == "uk-palliative":
            break
        _keys(Qt.Key.Key_Down)
    assert panel.table.currentData() == "uk-palliative"
    assert panel.plan is not None
    answer_modals([_chooser("MRN-9402", 2)], [])
    QTest.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)
    QApplication.processEvents()
    status = window.statusBar().currentMessage()
    assert "Saved to new patient MRN-9402" in status, status
    _says_not_copied(status, "Takamatsu 2018 case 1")
    stored = records_service.get_patient("MRN-9402").info.context
    assert stored.age is None and stored.cancer_or_palliative is None, stored
    _no_factors(window, "MRN-9402")

    shown(window)
    answer_modals([_chooser("MRN-9402", 1)], [])
    QTest.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)
    QApplication.processEvents()
    assert window.session.record_identifier == "MRN-9402"
    _no_factors(window, "MRN-9402")


def test_a_patient_new_from_save_to_record_takes_no_example_factors(
    make_window, tables, records_service: PatientService
) -> None:
    window = shown(make_window(tables))
    _example_case_1_step_3(window)
    answer_modals([_chooser("MRN-9403", 2)], [])
    press_save_to_record(window)
    _says_not_copied(window.statusBar().currentMessage(), "Takamatsu 2018 case 1")
    assert records_service.regimen_versions("MRN-9403")
    stored = records_service.get_patient("MRN-9403").info.context
    assert stored.age is None and stored.cancer_or_palliative is None, stored
    _no_factors(window, "MRN-9403")
    saved = records_service.regimen_versions("MRN-9403")[0].regimen.patient
    assert saved.age is None and saved.cancer_or_palliative is None, saved


def test_a_patient_new_from_an_opened_record_takes_not_that_records_factors(
    make_window, tables, records_service: PatientService
) -> None:
    """The header of an opened record is that patient's even when it names no one."""
    from mps_pain.persistence.records import PatientInfo

    older = Patient.model_validate({"age": 80, "cancer_or_palliative": True})
    records_service.create_patient(PatientInfo(identifier="MRN-9501", context=older))
    window = shown(make_window(tables))
    answer_modals([_chooser("MRN-9501", 1)], [])
    QTest.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)
    QApplication.processEvents()
    assert window.session.state.document.patient.age is not None  # the record's own: 80
    shown(window)  # active again after the chooser
    name = window.patient_header.field_widget("identifier")
    assert isinstance(name, QLineEdit)
    name.setFocus()
    name.selectAll()
    _keys(Qt.Key.Key_Delete, Qt.Key.Key_Tab)  # the header names no one now
    assert window.session.state.document.patient.identifier is None
    answer_modals([_chooser("MRN-9502", 2), press_button("Save to MRN-9502")], [])
    press_save_to_record(window)
    _says_not_copied(window.statusBar().currentMessage(), "MRN-9501's record")
    stored = records_service.get_patient("MRN-9502").info.context
    assert stored.age is None and stored.cancer_or_palliative is None, stored
    _no_factors(window, "MRN-9502")


def test_factors_typed_in_a_header_naming_no_one_go_to_the_new_patient(
    make_window, tables, records_service: PatientService
) -> None:
    """What the user typed for the patient being created is kept (clinician review 5, #7)."""
    window = shown(make_window(tables))
    age = window.patient_header.field_widget("age")
    assert isinstance(age, QLineEdit)
    age.setFocus()
    _keys("72", Qt.Key.Key_Tab)
    answer_modals([_chooser("MRN-9601", 2)], [])
    press_save_to_record(window)
    stored = records_service.get_patient("MRN-9601").info.context
    assert stored.age == 72, stored
    assert "not copied" not in window.statusBar().currentMessage()  # all of it was copied
    assert window.session.state.document.patient.identifier == "MRN-9601"
    assert age.text() == "72"
