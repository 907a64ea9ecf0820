"""Clinician review 18, #6 (low-medium): Ctrl+Shift+O, "1801", Enter opened the patient; the
table showed a selected cell, but the keyboard focus was in Age, unseen, and the keys meant for
the table ("Down Right Right Right 30 Tab Tab") made the age "8130". After a regimen is opened
(a patient, a file, a FHIR import) the focus is in the regimen table, on the row it shows
selected; a header field with the focus shows it (the focus ring). Real window, QTest keys to
whatever has the focus, a real SQLite records file."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import Patient, RegimenDocument
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.ui.conftest import shown
from tests.ui.keyboard import keyboard, press
from tests.ui.record_dialogs import CTRL_SHIFT, answer_modals, type_in_chooser
from ui.focus_follow import FocusRing

PATCH = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
ER = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "bid"}


def _record(service: PatientService) -> None:
    info = PatientInfo(identifier="MRN-1801", display_name="Mrs Ada Test", context=Patient(age=81))
    service.create_patient(info)
    service.add_regimen_version(
        "MRN-1801",
        RegimenDocument.model_validate({"table": "uk-palliative", "items": [PATCH, ER]}),
        effective_from=datetime.now(UTC),
        reason="first",
        expected_version=service.get_patient("MRN-1801").version,
    )


def _ring_on(widget) -> bool:
    rings = [r for r in widget.findChildren(FocusRing) if r.isVisible()]
    return bool(rings)


def test_after_open_patient_the_keys_go_into_the_table(
    make_window, tables, records_service: PatientService
) -> None:
    _record(records_service)
    window = shown(make_window(tables))
    age = window.patient_header.field_widget("age")
    age.setFocus(Qt.FocusReason.MouseFocusReason)  # where the reviewer had been typing
    QApplication.processEvents()
    answer_modals([type_in_chooser("MRN-1801")], [])
    press((Qt.Key.Key_O, CTRL_SHIFT))
    shown(window)  # active again after the chooser
    assert window.session.record_identifier == "MRN-1801"
    view = window.editor.view
    assert QApplication.focusWidget() is view  # was: Age, unseen
    assert view.currentIndex().isValid() and view.currentIndex().row() == 0
    assert _ring_on(view)
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Right, "30"):
        keyboard(key)
        assert view.isAncestorOf(QApplication.focusWidget()) or QApplication.focusWidget() is view
    keyboard(Qt.Key.Key_Tab)
    assert age.text() == "81"  # was: "8130"


def test_a_header_field_with_the_focus_shows_it(
    make_window, tables, records_service: PatientService
) -> None:
    """Back in the header by Shift+Tab from the table, after the patient opened: the ring."""
    _record(records_service)
    window = shown(make_window(tables))
    answer_modals([type_in_chooser("MRN-1801")], [])
    press((Qt.Key.Key_O, CTRL_SHIFT))
    shown(window)
    press((Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier))  # the tab bar
    press((Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier))  # the header's last field
    focus = QApplication.focusWidget()
    assert window.patient_header.isAncestorOf(focus), focus
    assert _ring_on(focus)
