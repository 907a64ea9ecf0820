"""A row whose drug is replaced loses the old drug's note (clinician review 8 #7: the check's row
changed from oxycodone ER to a fentanyl patch still read "raised from 20 mg/day, as reported").
Typed in the pharmacist check's proposed order and in the regimen editor, by keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import press, select_cell, type_keys

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def _type_drug(view, model, text: str) -> None:
    view.setCurrentIndex(model.index(0, model.column_of("drug")))
    type_keys(view, text)
    press(Qt.Key.Key_Return)


def test_the_checks_replaced_row_drops_the_old_drugs_note(case_window, qtbot) -> None:
    window = shown(case_window)
    press((Qt.Key.Key_3, CTRL), (Qt.Key.Key_U, ALT))
    check = window.check
    assert check is not None
    view, model = check.proposed_editor.view, check.proposed_editor.model
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    note = model.index(0, model.column_of("note"))
    assert "raised" in str(model.data(note) or "")  # the current regimen's own note
    _type_drug(view, model, "fentanyl")
    assert "fentanyl" in str(model.data(model.index(0, model.column_of("drug")))).casefold()
    assert not model.data(note), model.data(note)


def test_the_editors_row_keeps_its_note_when_the_drug_is_only_respelled(case_window) -> None:
    """The same drug under another name is no change of drug: its note stays."""
    view = select_cell(case_window, 0, "drug")
    model = case_window.editor.model
    note = model.index(0, model.column_of("note"))
    before = model.data(note)
    assert before
    _type_drug(view, model, "OxyContin")
    assert model.data(model.index(0, model.column_of("drug"))) == "OxyContin"
    assert model.data(note) == before
    _type_drug(view, model, "morphine")
    assert not model.data(note)
