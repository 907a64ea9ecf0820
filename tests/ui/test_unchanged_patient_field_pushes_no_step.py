"""Clinician review 19, L2: after opening a patient (age 78 on record), clicking the Patient box,
End, typing " (ward 7)" and Tab left a phantom undo step "Edit patient Age (years)": Tab through
the Age field, which showed "78" for the record's 78.0, pushed a step that changed nothing, and
its Ctrl+Z "undid" nothing. An edit that changes nothing pushes no undo step. Real keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import shown
from tests.ui.keyboard import press

PATIENT = {"identifier": "Mr Tom Test", "age": 78.0, "egfr": "45 mL/min", "weight": "70 kg"}
ITEM = {"drug": "morphine", "route": "oral", "form": "er", "dose": "40 mg", "frequency": "bid"}


def test_tab_through_unchanged_patient_fields_pushes_no_step(make_window, tables) -> None:
    window = shown(make_window(tables))
    document = {"table": "uk-palliative", "patient": PATIENT, "items": [ITEM]}
    window.session.replace_document(RegimenDocument.model_validate(document))
    QApplication.processEvents()
    header, stack = window.patient_header, window.session.undo_stack
    before = stack.count()
    name = header.field_widget("identifier")
    QTest.mouseClick(name, Qt.MouseButton.LeftButton)
    press(Qt.Key.Key_End, " (ward 7)", Qt.Key.Key_Tab)
    assert stack.count() == before + 1  # the real edit
    assert "name or ID" in stack.undoText()
    for _ in range(6):  # Tab on through the fields that are left as they are
        press(Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert stack.count() == before + 1, stack.undoText()
    assert "name or ID" in stack.undoText()
