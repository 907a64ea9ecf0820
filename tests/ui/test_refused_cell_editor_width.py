"""Clinician review 15, #12 (scale 2): the Frequency editor of a refused cell was squeezed by
the cell's warning mark to a few pixels (shot-73): the item view gives an editor the cell's text
area, which leaves out the mark. Every editor of the regimen table, on a refused cell or not,
keeps the whole cell and at least a usable width: the list's arrow and eight characters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from tests.ui.conftest import shown
from tests.ui.fit_checks import SIZES
from tests.ui.keyboard import cell_index, press, select_cell, type_in_cell
from ui.main_window import MainWindow
from ui.widgets.regimen_view import RegimenView

SCALE_2 = SIZES["1280x720@2 = 640x360 logical"]


def _text_width(editor: QWidget) -> int:
    """The width the editor gives its text: its text box, or a list's face less its arrow."""
    box = editor if isinstance(editor, QLineEdit) else editor.findChild(QLineEdit)
    if box is not None:
        return box.width()
    assert isinstance(editor, QComboBox), type(editor).__name__
    return editor.width() - editor.height()


def _open_editor(window: MainWindow, row: int, field: str) -> QWidget:
    view = select_cell(window, row, field)
    press(Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not view and view.isAncestorOf(editor)
    while editor.parentWidget() is not view.viewport():
        editor = editor.parentWidget()
    return editor


@pytest.mark.parametrize("field", ["drug", "route", "form", "dose", "frequency"])
def test_an_editor_on_a_refused_cell_keeps_a_usable_width(
    case_window: MainWindow, field: str
) -> None:
    window = shown(case_window)
    window.resize(*SCALE_2)
    QApplication.processEvents()
    refused = {
        "drug": "oxycodonx",
        "route": "rectall",
        "form": "gel",
        "dose": "sixty",
        "frequency": "sometimes",
    }[field]
    type_in_cell(window, 1, field, refused)
    model = window.editor.model
    assert model.cell_error(1, field), f"{refused!r} in {field} was not refused"
    editor = _open_editor(window, 1, field)
    view: RegimenView = window.editor.view
    cell = view.visualRect(cell_index(window, 1, field))
    eight = editor.fontMetrics().horizontalAdvance("0" * 8)
    assert editor.geometry().left() <= cell.left() + 1, "the editor starts after the mark"
    assert editor.width() >= cell.width() - 1
    width = _text_width(editor)
    assert width >= eight, f"{field}: {width} px for the text, {eight} needed"
