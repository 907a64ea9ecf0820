"""Clinician review 12, #4: after "Save plan to patient record" to patient X while the header
named another patient, the header kept the other ID, and the next PDF was titled with it. After a
save to X the header names X (its name when the record has one), as opening X would; every other
typed header value stays. Real widgets, QTest keystrokes, a real SQLite records file."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from mps_pain.services.patient_service import PatientService
from tests.ui.conftest import shown
from tests.ui.record_dialogs import (
    answer_modals,
    press_button,
    press_save_to_record,
    type_in_chooser,
)


def _shown_identity(window) -> str:
    edit = window.patient_header.field_widget("identifier")
    assert isinstance(edit, QLineEdit)
    return edit.text()


def _save_to(window, identifier: str, *more) -> list[str]:
    seen: list[str] = []
    answer_modals([type_in_chooser(identifier), *more], seen)
    press_save_to_record(window)
    return seen


def test_a_save_to_a_new_patient_names_it_in_the_header(
    case_window, records_service: PatientService
) -> None:
    window = shown(case_window)
    age = window.session.state.document.patient.age
    assert _shown_identity(window) == "Takamatsu 2018 case 1"
    _save_to(window, "MRN-3006", type_in_chooser(""))
    assert "MRN-3006" in [p.info.identifier for p in records_service.list_patients()]
    assert _shown_identity(window) == "MRN-3006"
    document = window.session.state.document
    assert document.patient.identifier == "MRN-3006"  # the printed plan's "Patient:"
    # the example's age is the example's, not the new patient's (clinician re-check 14b, #1)
    assert age is not None and document.patient.age is None
    assert "Takamatsu" not in window.windowTitle() and "MRN-3006" in window.windowTitle()
    assert window.session.undo_stack.isClean()  # the save's own step is saved work


def test_the_second_new_patient_replaces_the_first_in_the_header(
    make_window, tables, records_service: PatientService
) -> None:
    """The review's keys: a save to new MRN-3005, then to new MRN-3006."""
    window = shown(make_window(tables))
    _save_to(window, "MRN-3005", type_in_chooser(""))
    assert _shown_identity(window) == "MRN-3005"
    seen = _save_to(window, "MRN-3006", type_in_chooser(""), press_button("Save to MRN-3006"))
    assert any("belongs to the record of MRN-3005" in s for s in seen), seen
    assert _shown_identity(window) == "MRN-3006"
    assert window.session.state.document.patient.identifier == "MRN-3006"


def test_a_save_to_an_existing_patient_shows_the_records_name(
    case_window, records_service: PatientService
) -> None:
    window = shown(case_window)
    seen = _save_to(window, "MRN-0001", press_button("Save under"))
    assert any("not the patient of record MRN-0001" in s for s in seen), seen
    assert _shown_identity(window) == "A Patient"
    assert window.session.state.document.title == "A Patient (MRN-0001)"
