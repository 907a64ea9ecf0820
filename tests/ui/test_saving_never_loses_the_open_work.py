"""Records joined to the workstation without losing anything (clinician review 4, D2 and D5):
a converter what-if never replaces the recorded regimen, saving to a record never rewrites the
open document, the unsaved-changes question never overwrites a file on Enter, shipped examples
open read-only, and a cancelled new-patient save writes nothing. Real widgets offscreen, QTest
keystrokes, a real SQLite records file."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from mps_pain.domain.regimen import Patient
from mps_pain.services.patient_service import PatientService
from tests.ui.conftest import ask_oxycodone_to_patch, shown
from tests.ui.keyboard import type_in_cell
from tests.ui.record_dialogs import (
    CTRL_SHIFT,
    answer_modals,
    close_chooser,
    press_save_to_record,
    type_in_chooser,
)
from ui.examples import examples_dir
from ui.files import read_document

STEP_2 = examples_dir() / "takamatsu-2018-case-2" / "step-2-oxycodone-raised.yaml"
ADJUVANTS = ["loxoprofen", "acetaminophen", "pregabalin", "olanzapine", "betamethasone"]


def _drugs(window) -> list[str]:
    return [entry.item.drug for entry in window.session.state.rows if entry.item is not None]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _open_patient(window, identifier: str) -> list[str]:
    seen: list[str] = []
    answer_modals([type_in_chooser(identifier)], seen)
    window.activateWindow()
    QApplication.processEvents()
    QTest.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)
    QApplication.processEvents()
    return seen


def test_a_converter_what_if_never_replaces_the_recorded_regimen(
    make_window, tables, records_service: PatientService
) -> None:
    """D2: the adjuvants (and the gabapentinoid warning) stay in the record after a converter
    save; the converter's question is kept with its plan; reopening loads the real regimen."""
    service = records_service
    window = shown(make_window(tables, STEP_2))
    assert _drugs(window) == ["oxycodone", *ADJUVANTS]
    seen: list[str] = []
    # the real regimen, from the editor: a new patient Y-1, created with the header's details
    # but no name (no "different patient" question: clinician review 5, defect 7; review 11, #2)
    answer_modals([type_in_chooser("Y-1"), type_in_chooser("")], seen)
    press_save_to_record(window)
    (recorded,) = service.regimen_versions("Y-1")
    assert [i.drug for i in recorded.regimen.items] == ["oxycodone", *ADJUVANTS]
    # a what-if in the converter (oxycodone 60 mg/day → fentanyl patch), saved to Y-1
    panel = ask_oxycodone_to_patch(window)
    assert panel.plan is not None
    # the header names Y-1 since the save (clinician review 12, #4): nothing to ask
    assert window.patient_header.field_widget("identifier").text() == "Y-1"
    answer_modals([type_in_chooser("Y-1")], seen)
    press_save_to_record(window)
    assert seen == [], seen
    assert [v.id for v in service.regimen_versions("Y-1")] == [recorded.id]  # unchanged
    (plan,) = service.plans("Y-1")
    asked = plan.inputs["from"]["items"]
    assert [(i["drug"], i["daily_dose"]) for i in asked] == [("oxycodone", "60 mg/day")]
    # reopening the patient: the whole regimen, with its warnings
    window.show_tab(0)
    _open_patient(window, "Y-1")
    assert _drugs(window) == ["oxycodone", *ADJUVANTS]
    warnings = " ".join(w.message for w in window.session.result.warnings).lower()
    assert "pregabalin" in warnings or "gabapentinoid" in warnings, warnings


def test_saving_to_a_record_leaves_the_open_document_and_names_the_record(
    make_window, tables, records_service: PatientService
) -> None:
    """D5: the rows and every header detail stay as opened; the Patient field and the title
    name the record saved to, as opening it would (clinician review 12, #4); the window title
    names the record, and the next save suggests it."""
    window = shown(make_window(tables, STEP_2))
    before = window.session.state.document
    seen: list[str] = []
    answer_modals([type_in_chooser("Y-1"), type_in_chooser("")], seen)
    press_save_to_record(window)
    assert seen == []  # a new record takes the header's identity: nothing to ask (review 5)
    after = window.session.state.document
    # the example's age and cancer status are the example's, not Y-1's (re-check 14b, #1)
    named = Patient(identifier="Y-1")
    assert before.patient.age is not None and after.patient == named
    assert after == before.model_copy(update={"patient": named, "title": "Y-1"})  # no other field
    assert window.patient_header.field_widget("identifier").text() == "Y-1"
    assert "patient record Y-1" in window.windowTitle()
    chosen: list[str] = []

    def look(dialog: QWidget) -> None:
        chosen.append(dialog.chosen() or "")
        dialog.reject()

    answer_modals([look], seen)
    press_save_to_record(window)
    assert chosen == ["Y-1"]


def test_a_cancelled_new_patient_save_writes_nothing(
    make_window, tables, records_service: PatientService
) -> None:
    """D5: the new record is created only by the save itself: cancelled after the first Enter
    (the chooser's "press Enter again to create"), nothing is written."""
    window = shown(make_window(tables, STEP_2))
    seen: list[str] = []
    answer_modals([type_in_chooser("X-1"), close_chooser(seen)], seen)
    press_save_to_record(window)
    assert "X-1" not in [p.info.identifier for p in records_service.list_patients()]
    assert "press enter again to create" in seen[-1].lower(), seen


def _unsaved_box_buttons(seen: list[str]) -> None:
    """Answer the "Unsaved changes" box with Enter and note its buttons and its default."""

    def answer() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        box = next((b for b in boxes if isinstance(b, QMessageBox)), None)
        if box is None:
            QTimer.singleShot(10, answer)
            return
        default = box.defaultButton()
        seen.append(default.text() if default is not None else "")
        seen.extend(b.text() for b in box.buttons())
        QTest.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def _edit_first_amount(window) -> None:
    type_in_cell(window, 0, "daily_dose", "30")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert not window.session.undo_stack.isClean()


def test_enter_in_the_unsaved_changes_question_never_overwrites_the_file(
    make_window, tables, tmp_path: Path
) -> None:
    """D5: a file the user opened (not written by this app) opens read-only; Enter in the
    unsaved-changes question cancels; the file's bytes never change."""
    path = tmp_path / "case.yaml"
    path.write_bytes(STEP_2.read_bytes())
    window = shown(make_window(tables))
    assert window.open_path(path)
    _edit_first_amount(window)
    window.ask_before_discard = True
    seen: list[str] = []
    _unsaved_box_buttons(seen)
    window.new_document()
    window.ask_before_discard = False
    assert _sha(path) == _sha(STEP_2)
    assert seen[0] == "&Cancel" and "&Save As…" in seen, seen
    assert window.session.state.rows  # cancelled: the edited regimen is still open
    assert "(read-only)" in window.windowTitle()


def test_a_shipped_example_opened_as_a_file_is_saved_only_under_a_new_name(
    make_window, tables
) -> None:
    """D5 (the incident): ``mps-pain gui data/cases/…`` then Ctrl+S asks for a new name and
    never writes the shipped example."""
    before = _sha(STEP_2)
    window = shown(make_window(tables))
    assert window.open_path(STEP_2)
    _edit_first_amount(window)
    asked: list[str] = []

    def close_file_dialog() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog)]
        shown_now = [d for d in dialogs if d.isVisible()]
        if not shown_now:
            QTimer.singleShot(10, close_file_dialog)
            return
        asked.append(shown_now[0].windowTitle())
        shown_now[0].reject()

    QTimer.singleShot(0, close_file_dialog)
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    window.session.undo_stack.setClean()
    assert _sha(STEP_2) == before
    assert asked == ["Save regimen"]
    assert "(read-only)" in window.windowTitle()


def test_a_file_the_app_wrote_saves_in_place(make_window, tables, tmp_path: Path) -> None:
    """The other side of the rule: a file saved by this app is written again by Save."""
    window = shown(make_window(tables, STEP_2))
    path = tmp_path / "mine.yaml"
    assert window._write(path)
    assert window.open_path(path)
    assert "(read-only)" not in window.windowTitle()
    _edit_first_amount(window)
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert window.session.undo_stack.isClean()
    assert read_document(path).items[0].daily_dose.value == 30.0
