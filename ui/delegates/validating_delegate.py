"""Base delegate: draws a red border on a cell the domain refused (the tooltip says why)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from ui.models.regimen_table_model import ERROR_ROLE

__all__ = ["ERROR_COLOUR", "ValidatingDelegate"]

ERROR_COLOUR = QColor(200, 30, 30)


class ValidatingDelegate(QStyledItemDelegate):
    """Paints the cell as usual, then a 2-px red frame when the cell has an error."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        if index.data(ERROR_ROLE):
            painter.save()
            pen = QPen(ERROR_COLOUR)
            pen.setWidth(2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()
