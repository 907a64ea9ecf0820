"""Enter with no patient chosen says what this dialog itself can do (clinician review 6, #14):
it said "Patient → Records… adds one", a window that cannot open while this one asks, though
typing a new ID here creates the record."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.test_records_link import _answer_dialog, service  # noqa: F401 (the fixture)

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support")


def test_enter_with_no_patient_chosen_says_to_type_an_id(case_window, service) -> None:  # noqa: F811
    window = case_window
    window.show()
    window.activateWindow()
    # no patient in the header: since clinician review 17 #8 the chooser starts with the
    # header's patient typed in, and Enter then names that patient, not "type the ID"
    document = window.session.state.document
    unnamed = document.patient.model_copy(update={"identifier": None})
    window.session.replace_document(document.model_copy(update={"patient": unnamed}))
    QApplication.processEvents()
    assert window.session.state.document.patient.identifier is None
    seen = _answer_dialog(Qt.Key.Key_Return)
    QTest.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert seen, "the patient dialog did not open"
    assert "Records…" not in seen[0], seen[0]
    assert "type the patient's ID" in seen[0] and "second Enter" in seen[0], seen[0]
