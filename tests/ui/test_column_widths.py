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


def test_widths_remembered_from_another_table_are_what_a_fresh_measurement_gives(
    make_window, tables
) -> None:
    """The measurements are shared by every regimen table of the process (a second window, the
    check's proposal): what one measured is what the other would measure."""
    from tests.ui.conftest import CASE_1_RAISED

    first = make_window(tables, CASE_1_RAISED).editor
    second = make_window(tables, CASE_1_RAISED).editor
    assert _widths(second) == _widths(first) == _fresh(second)
    second.model.setData(second.model.index(0, 0), "a drug name far longer than any in the list")
    assert _widths(second)[0] > _widths(first)[0]
    assert _widths(first) == _fresh(first)  # the other table kept its own contents' widths


def test_an_open_editor_has_only_its_own_column_measured_again(case_window: MainWindow) -> None:
    """While a cell is being typed in, a refresh measures again the column holding the editor
    (Qt may count an editor in its column's hint), never the other columns, whose contents are
    unchanged: a commit with the editor still open re-measured all eleven (a tenth of a typed
    edit's CPU). The widths stay what a fresh measurement gives."""
    from tests.ui.keyboard import select_cell, type_keys

    editor = case_window.editor
    view = select_cell(case_window, 0, "daily_dose")
    type_keys(view, "80 mg/day")
    assert view.state() == view.State.EditingState
    typed_column = editor.model.column_of("daily_dose")

    measured: list[int] = []
    measure = view.sizeHintForColumn

    def counted(column: int) -> int:
        measured.append(column)
        return measure(column)

    view.sizeHintForColumn = counted  # type: ignore[method-assign]
    try:
        editor.fit_columns()
        assert set(measured) <= {typed_column}, measured
        assert _widths(editor) == _fresh(editor)
    finally:
        del view.sizeHintForColumn
