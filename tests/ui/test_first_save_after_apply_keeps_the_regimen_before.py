"""Clinician review 19, L5: a new patient first saved after Apply plan kept one version, the
applied regimen; the regimen the patient was on when the plan was made (80 OME of morphine) was
lost from the record (``patients show`` and the timeline started at the target dose). A save of
an applied plan stores the regimen it was made from first, then the applied one, in one save.
Real keys: Ctrl+2, Alt+G, Alt+A, Ctrl+Shift+R, the new identifier, Return."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.services.patient_service import PatientService
from mps_pain.services.saved_work import BEFORE, same_regimen
from tests.ui.conftest import shown
from tests.ui.keyboard import press
from tests.ui.record_dialogs import answer_modals, press_save_to_record, type_in_chooser

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _create(identifier: str):  # type: ignore[no-untyped-def]
    """The chooser's keys for a new record: the identifier, Return, Return (the second creates)."""

    def step(dialog) -> None:  # type: ignore[no-untyped-def]
        type_in_chooser(identifier)(dialog)
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)

    return step


MR = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "40 mg", "frequency": "bid"}


def _type(window) -> None:  # type: ignore[no-untyped-def]
    window.ensure_panels()
    document = RegimenDocument.model_validate({"table": "uk-palliative", "items": [MR]})
    window.session.replace_document(document)


def _apply_fentanyl(window) -> RegimenDocument:  # type: ignore[no-untyped-def]
    window.activateWindow()
    window.editor.view.setFocus()
    QApplication.processEvents()
    press((Qt.Key.Key_2, CTRL))
    press((Qt.Key.Key_G, ALT), "Fentanyl")
    window.planner.replan()
    assert window.planner.plan is not None, window.planner.error_label.text()
    press((Qt.Key.Key_A, ALT))
    QTest.qWait(200)  # a button's Alt key clicks it after its pressed look (animateClick)
    press((Qt.Key.Key_1, CTRL))
    QApplication.processEvents()
    return window.session.state.document


def test_a_new_patient_saved_after_apply_keeps_the_regimen_before(
    make_window, tables, records_service: PatientService
) -> None:
    window = shown(make_window(tables))
    typed = RegimenDocument.model_validate({"table": "uk-palliative", "items": [MR]})
    _type(window)
    applied = _apply_fentanyl(window)
    assert not same_regimen(applied, typed)  # Apply replaced the morphine
    answer_modals([_create("MRN-7001")], [])
    press_save_to_record(window)
    before, after = sorted(records_service.regimen_versions("MRN-7001"), key=lambda v: v.id or 0)
    assert before.reason == BEFORE
    assert [i.drug for i in before.regimen.items] == ["morphine"]
    assert same_regimen(before.regimen.model_copy(update={"patient": typed.patient}), typed)
    assert {i.drug for i in after.regimen.items} == {"fentanyl", "morphine"}  # patch + rescue
    assert after.effective_from >= before.effective_from


def test_a_regimen_saved_before_apply_is_not_stored_twice(
    make_window, tables, records_service: PatientService
) -> None:
    """The record already holds the regimen the plan was made from: only the applied one."""
    window = shown(make_window(tables))
    _type(window)
    answer_modals([_create("MRN-7002")], [])
    press_save_to_record(window)
    assert len(records_service.regimen_versions("MRN-7002")) == 1
    _apply_fentanyl(window)
    answer_modals([type_in_chooser("MRN-7002")], [])
    press_save_to_record(window)
    versions = records_service.regimen_versions("MRN-7002")
    assert len(versions) == 2
    assert BEFORE not in {v.reason for v in versions}


def test_later_saves_of_the_applied_plan_add_no_version_and_no_plan(
    make_window, tables, records_service: PatientService
) -> None:
    """Clinician re-check 20b, N10: Ctrl+Shift+R again (twice) with nothing changed after the
    first save of the Apply added the regimen before, the applied one and the plan each time."""
    window = shown(make_window(tables))
    _type(window)
    _apply_fentanyl(window)
    answer_modals([_create("MRN-7003")], [])
    press_save_to_record(window)
    for _ in range(2):
        answer_modals([type_in_chooser("MRN-7003")], [])
        press_save_to_record(window)
        said = window.statusBar().currentMessage()
        held = "already holds this regimen and the plan applied: nothing new to store"
        assert said == f"MRN-7003's record {held}", said
    versions = sorted(records_service.regimen_versions("MRN-7003"), key=lambda v: v.id or 0)
    assert [v.reason == BEFORE for v in versions] == [True, False]
    assert len(records_service.plans("MRN-7003")) == 1
