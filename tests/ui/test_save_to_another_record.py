"""Saving to a patient record from the workstation (issue 10 §5; clinician review 5, items 13 and
the unrelated-save guard): the converter's save leaves nothing "unsaved", and the editor's
regimen goes to a patient other than the one it was opened from only when the clinician says so,
by a question naming both patients. Real widgets offscreen, QTest keys, a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.persistence.records import PatientInfo
from tests.ui.conftest import ask_oxycodone_to_patch
from tests.ui.record_dialogs import (
    CTRL_SHIFT,
    answer_modals,
    close_chooser,
    press_button,
    press_save_to_record,
    type_in_chooser,
)

OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "80 mg/day"}


def _open_patient(window, identifier: str) -> None:
    """Patient → Open patient… (Ctrl+Shift+O), the identifier typed, Enter."""
    answer_modals([type_in_chooser(identifier)], [])
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    QTest.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)
    QApplication.processEvents()


def test_a_converter_save_leaves_no_unsaved_changes(make_window, tables, records_service) -> None:
    """Review 5 (item 13, shots 17 and 89): after the save filled the empty Patient field, the
    app asked to save "changes" before opening the next patient."""
    window = make_window(tables)
    assert window.session.undo_stack.isClean()
    panel = ask_oxycodone_to_patch(window)
    assert panel.plan is not None
    seen: list[str] = []
    answer_modals([type_in_chooser("MRN-0001")], seen)
    press_save_to_record(window)
    assert [p.kind for p in records_service.plans("MRN-0001")] == ["plan"], seen
    assert window.session.state.document.patient.identifier  # the header names the patient
    assert window.session.undo_stack.isClean()  # was: "• unsaved", asked before Open patient
    assert "•" not in window.windowTitle()


def test_a_converter_save_keeps_earlier_unsaved_edits_unsaved(
    make_window, tables, records_service
) -> None:
    """The converter's what-if does not store the editor's regimen: edits typed before it are
    still unsaved after it (only the save's own step is counted as saved)."""
    window = make_window(tables)
    window.session.replace_document(RegimenDocument.model_validate({"items": [OXY]}))
    window.editor.add_row()  # an edit of the regimen, not stored by the converter's save
    assert not window.session.undo_stack.isClean()
    ask_oxycodone_to_patch(window)
    answer_modals([type_in_chooser("MRN-0001")], [])
    press_save_to_record(window)
    assert records_service.plans("MRN-0001")
    assert not window.session.undo_stack.isClean()


def _two_patients(records_service) -> None:
    records_service.create_patient(PatientInfo(identifier="MRN-0002", display_name="B Patient"))
    records_service.add_regimen_version(
        "MRN-0001",
        RegimenDocument.model_validate({"table": "uk-palliative", "items": [OXY]}),
        effective_from=datetime.now(UTC),
        reason="first",
        expected_version=records_service.get_patient("MRN-0001").version,
    )


def test_saving_a_regimen_opened_from_one_patient_to_another_asks_naming_both(
    make_window, tables, records_service
) -> None:
    _two_patients(records_service)
    window = make_window(tables)
    _open_patient(window, "MRN-0001")
    assert window.session.record_identifier == "MRN-0001"
    window.editor.add_row()  # the clinician works on it
    # Ctrl+Shift+R, MRN-0002, Enter: asked; Enter (the default) cancels; the chooser says so
    seen: list[str] = []

    def enter(box: QWidget) -> None:
        QTest.keyClick(box, Qt.Key.Key_Return)

    answer_modals([type_in_chooser("MRN-0002"), enter, close_chooser(seen)], seen)
    press_save_to_record(window)
    question = seen[0]
    assert question.startswith("question: "), seen
    assert "MRN-0001" in question and "MRN-0002" in question, question  # both patients named
    assert "A Patient" in question and "B Patient" in question, question
    assert "not saved" in seen[1].lower(), seen
    assert records_service.regimen_versions("MRN-0002") == []
    assert window.session.record_identifier == "MRN-0001"
    # choosing explicitly stores it, under MRN-0002's identity, and the editor now belongs there
    seen.clear()
    answer_modals([type_in_chooser("MRN-0002"), press_button("Save to MRN-0002")], seen)
    press_save_to_record(window)
    assert len(seen) == 1, seen  # one question, not a second "Different patient" after it
    (version,) = records_service.regimen_versions("MRN-0002")
    assert version.regimen.patient.identifier == "B Patient"
    assert window.session.record_identifier == "MRN-0002"


def test_saving_back_to_the_patient_it_was_opened_from_asks_nothing(
    make_window, tables, records_service
) -> None:
    _two_patients(records_service)
    window = make_window(tables)
    _open_patient(window, "MRN-0001")
    model = window.editor.model
    model.setData(model.index(0, model.column_of("daily_dose")), "100 mg/day")
    seen: list[str] = []
    answer_modals([type_in_chooser("MRN-0001")], seen)
    press_save_to_record(window)
    assert seen == []
    assert len(records_service.regimen_versions("MRN-0001")) == 2
