"""The regimen table remembers each column's measured width with what it was measured from
(``RegimenEditor.fit_columns``): after edits, undo, redo and a font change, every width is the
one a fresh measurement gives."""

from __future__ import annotations

from ui.main_window import MainWindow
from ui.models.regimen_table_model import COLUMNS
from ui.widgets.regimen_editor import RegimenEditor


def _widths(editor: RegimenEditor) -> list[int]:
    header = editor.view.horizontalHeader()
    return [header.sectionSize(column) for column in range(len(COLUMNS) - 1)]


def _fresh(editor: RegimenEditor) -> list[int]:
    """The widths measured again from nothing remembered."""
    editor._measured.clear()
    editor.fit_columns()
    return _widths(editor)


def test_remembered_widths_are_what_a_fresh_measurement_gives(case_window: MainWindow) -> None:
    editor, undo = case_window.editor, case_window.session.undo_stack
    model = editor.model
    opened = _widths(editor)
    assert opened == _fresh(editor)

    assert model.setData(model.index(0, 0), "a drug name far longer than any in the list")
    edited = _widths(editor)
    assert edited[0] > opened[0]  # the drug column grew to its new text
    assert edited == _fresh(editor)

    undo.undo()
    assert _widths(editor) == opened == _fresh(editor)
    undo.redo()
    assert _widths(editor) == edited == _fresh(editor)

    font = editor.view.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    editor.view.setFont(font)
    editor.fit_columns()
    larger = _widths(editor)
    assert larger[0] > edited[0]  # measured again in the larger font, not remembered
    assert larger == _fresh(editor)
