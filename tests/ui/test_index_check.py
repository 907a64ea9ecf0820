"""``in_table`` answers as Qt's ``checkIndex(IndexIsValid)`` does, for our table models' cells
and for indexes they must refuse (another model's, out of range, invalid)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QStandardItemModel

from ui.models.index_check import in_table
from ui.models.regimen_table_model import COLUMNS


def test_in_table_accepts_the_models_own_cells_only(case_window) -> None:
    model = case_window.editor.model
    rows, columns = model.rowCount(), model.columnCount()
    assert rows >= 1 and columns == len(COLUMNS)
    valid = QAbstractTableModel.CheckIndexOption.IndexIsValid
    own = [model.index(r, c) for r in range(rows) for c in range(columns)]
    assert all(in_table(model, index, rows, columns) for index in own)
    assert all(model.checkIndex(index, valid) for index in own)  # as Qt says
    assert in_table(model, QPersistentModelIndex(own[-1]), rows, columns)
    other = QStandardItemModel(rows + 2, columns + 2)  # Qt warns of these; we refuse them
    foreign = [other.index(r, c) for r in range(rows + 2) for c in range(columns + 2)]
    assert not any(in_table(model, index, rows, columns) for index in foreign)
    assert not in_table(model, QModelIndex(), rows, columns)
    assert not in_table(model, own[-1], rows - 1, columns)  # a row gone: refused
    assert not in_table(model, own[-1], rows, columns - 1)
