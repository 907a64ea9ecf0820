"""The regimen table reads each cell once per state: a view asks every cell for a dozen roles on
every paint and every measurement of its rows (456,000 ``data`` calls in one run of tests/ui),
and each was read afresh from the session, though nothing it is read from had changed. What a
cell shows is still what a fresh reading of the session gives, after every kind of change: a
typed cell, a refused one, a new row, undo, the check's reading."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import ui.models.regimen_table_model as table_module
from tests.ui.conftest import shown
from tests.ui.keyboard import add_patch_row, cell_index, type_in_cell
from ui.main_window import MainWindow
from ui.models.regimen_columns import ANSWERED_ROLES, COLUMNS
from ui.models.regimen_table_model import RegimenTableModel


def _every_answer(model: RegimenTableModel) -> list[object]:
    answers: list[object] = []
    for row in range(model.rowCount()):
        for column in range(len(COLUMNS)):
            index = model.index(row, column)
            for role in sorted(ANSWERED_ROLES):
                answer = model.data(index, role)
                # an icon is compared by what it draws
                icon = isinstance(answer, QIcon)
                answers.append(answer.pixmap(16).toImage() if icon else answer)
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        for section in range(len(COLUMNS) + 1):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                answers.append(model.headerData(section, orientation, role))
    return answers


def _as_a_fresh_model_reads(window: MainWindow) -> None:
    model = window.editor.model
    fresh = RegimenTableModel(window.session)
    fresh.accept_check(model.rescue_rows, model.check_ome)
    assert _every_answer(model) == _every_answer(fresh)
    fresh.deleteLater()


def test_a_repaint_of_the_unchanged_table_reads_no_cell_again(
    case_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown(case_window)
    view = window.editor.view
    view.viewport().repaint()
    view.resizeRowsToContents()  # every cell read once (the note column is out of sight)
    read: list[str] = []
    real = table_module.as_read

    def counted(item: object, name: str, value: object) -> str:
        read.append(name)
        return real(item, name, value)

    monkeypatch.setattr(table_module, "as_read", counted)
    view.viewport().repaint()
    view.resizeRowsToContents()
    assert read == []
    type_in_cell(window, 0, "daily_dose", "80 mg/day")  # a new state: read again
    QApplication.processEvents()
    assert read != []
    assert window.editor.model.index(0, window.editor.model.column_of("daily_dose")).data() == (
        "80 mg/day"
    )


def test_every_cell_reads_as_a_fresh_model_reads_it_after_each_change(
    case_window: MainWindow,
) -> None:
    window = shown(case_window)
    model = window.editor.model
    _as_a_fresh_model_reads(window)
    type_in_cell(window, 0, "daily_dose", "sixty mg")  # refused
    _as_a_fresh_model_reads(window)
    assert model.data(cell_index(window, 0, "daily_dose"), table_module.ERROR_ROLE)
    row = add_patch_row(window)
    type_in_cell(window, row, "rate", "25 mcg/h")
    _as_a_fresh_model_reads(window)
    window.session.undo_stack.undo()
    _as_a_fresh_model_reads(window)
    window.ensure_panels()
    window.show_tab(2)  # the check reads the rows (its rescue orders, each row's OME)
    QApplication.processEvents()
    _as_a_fresh_model_reads(window)
    while window.session.undo_stack.canUndo():  # back to the case as opened
        window.session.undo_stack.undo()
    _as_a_fresh_model_reads(window)
    assert model.data(cell_index(window, 0, "daily_dose")) == "60 mg/day"
