"""A read-only table model over rows of display strings (the view asks only for visible cells,
so a five-year history opens as fast as a short one)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

__all__ = ["RowsModel"]

_Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows: list[list[str]] = []
        self._tooltips: dict[tuple[int, int], str] = {}
        self._colours: dict[int, QColor] = {}

    def set_rows(
        self,
        rows: list[list[str]],
        *,
        tooltips: dict[tuple[int, int], str] | None = None,
        colours: dict[int, QColor] | None = None,
    ) -> None:
        self.beginResetModel()
        self._rows = rows
        self._tooltips = tooltips or {}
        self._colours = colours or {}
        self.endResetModel()

    def text(self, row: int, column: int) -> str:
        return self._rows[row][column]

    # --- Qt overrides ---------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltips.get((index.row(), index.column()))
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colours.get(index.row())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None
