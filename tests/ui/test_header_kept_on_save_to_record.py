"""Clinician review 9, #7: values typed into the patient header (Age, CrCl, QTc) were gone a few
seconds later. Typing while "Loading tables…" shows keeps them
(tests/ui/test_keys_before_tables.py); what wiped them was the next step of the review's keys,
Ctrl+Shift+R: saving an unnamed patient to a new record replaced the whole header with the
record's identity, so the typed Age (and the CrCl that could not be read) went. Only the empty
Patient field is filled now; nothing typed is lost. Real widgets offscreen, QTest keystrokes, a
real SQLite records file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from mps_pain.services.patient_service import PatientService
from tests.ui.conftest import shown
from tests.ui.record_dialogs import answer_modals, press_save_to_record, type_in_chooser


def test_review9_7_saving_an_unnamed_patient_keeps_every_typed_header_value(
    make_window, tables, records_service: PatientService
) -> None:
    window = make_window(tables)
    window.resize(1280, 720)  # the review's screen: every header field in one row
    shown(window)
    header = window.patient_header
    typed = {"age": "60", "creatinine_clearance": "fen", "qtc": "440 ms"}
    for name, text in typed.items():
        edit = header.field_widget(name)
        assert isinstance(edit, QLineEdit) and edit.isVisible()
        edit.setFocus()
        QTest.keyClicks(edit, text)
        QTest.keyClick(edit, Qt.Key.Key_Tab)  # its value goes in
    seen: list[str] = []
    answer_modals([type_in_chooser("MRN-9001"), type_in_chooser("")], seen)
    press_save_to_record(window)
    name = header.field_widget("identifier")
    assert isinstance(name, QLineEdit) and name.text() == "MRN-9001"  # the empty field, filled
    for name_, text in typed.items():
        edit = header.field_widget(name_)
        assert isinstance(edit, QLineEdit)
        assert edit.text() == text, (name_, edit.text(), seen)
