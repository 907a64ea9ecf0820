"""Editor for a number with its unit (dose, rate, daily total, concentration).

The number box takes any text: the domain decides what is valid, and a refused value stays in
the cell with a red border and the domain's message. Tab moves from the number to the unit, and
from the unit to the next cell.
"""

from __future__ import annotations

import re

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QStyleOptionViewItem,
    QWidget,
)

from ui.delegates.validating_delegate import ValidatingDelegate

__all__ = ["QuantityDelegate", "QuantityEditor", "split_quantity"]

_SPLIT = re.compile(r"^\s*(?P<number>[-+]?[0-9.,eE+-]*)\s*(?P<unit>.*?)\s*$")


def split_quantity(text: str) -> tuple[str, str]:
    """``"10 mg"`` → ``("10", "mg")``; text that is not a number stays in the number part."""
    match = _SPLIT.match(text or "")
    if match is None or (not match.group("number") and match.group("unit")):
        return text.strip(), ""
    return match.group("number"), match.group("unit")


class QuantityEditor(QWidget):
    """A number box and an editable unit list, side by side."""

    def __init__(self, units: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = QLineEdit(self)
        self.number.setAccessibleName("Amount")
        self.number.setPlaceholderText("amount")
        self.unit = QComboBox(self)
        self.unit.setEditable(True)
        self.unit.addItems(list(units))
        self.unit.setAccessibleName("Unit")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.number, 3)
        layout.addWidget(self.unit, 2)
        self.setFocusProxy(self.number)
        self.setAutoFillBackground(True)

    def text(self) -> str:
        number = self.number.text().strip()
        if not number:
            return ""
        return f"{number} {self.unit.currentText().strip()}".strip()

    def set_text(self, text: str) -> None:
        number, unit = split_quantity(text)
        self.number.setText(number)
        if unit:
            self.unit.setCurrentText(unit)


class QuantityDelegate(ValidatingDelegate):
    def __init__(self, units: tuple[str, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._units = units

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QuantityEditor(self._units, parent)
        editor.number.installEventFilter(self)
        editor.unit.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QuantityEditor)
        editor.set_text(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QuantityEditor)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self,
        editor: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect = option.rect
        editor.setGeometry(rect.x(), rect.y(), max(rect.width(), 160), rect.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = watched.parent() if isinstance(watched, QWidget) else None
        if isinstance(parent, QuantityEditor) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commitData.emit(parent)
                self.closeEditor.emit(parent, QAbstractItemDelegate.EndEditHint.NoHint)
                return True
            if key == Qt.Key.Key_Escape:
                self.closeEditor.emit(parent, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                return True
            if key == Qt.Key.Key_Tab and watched is parent.number:
                parent.unit.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if key == Qt.Key.Key_Backtab and watched is parent.unit:
                parent.number.setFocus(Qt.FocusReason.BacktabFocusReason)
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                hint = (
                    QAbstractItemDelegate.EndEditHint.EditNextItem
                    if key == Qt.Key.Key_Tab
                    else QAbstractItemDelegate.EndEditHint.EditPreviousItem
                )
                self.commitData.emit(parent)
                self.closeEditor.emit(parent, hint)
                return True
        return super().eventFilter(watched, event)
