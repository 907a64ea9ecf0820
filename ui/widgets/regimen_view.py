"""The regimen table's view: a click on the selected cell opens its editor, and a key typed at
once goes to that editor (clinician review 8 #4; issue #10: "the first keystroke on a selected
cell is never lost; typing replaces a cell's text").

Qt's own ``SelectedClicked`` trigger waits the double-click interval before it edits, and the
view refuses every key-press edit while that wait runs: the first keys were lost and the editor
then opened on the old text. Here the wait is ours, and any key ends it: the key opens the editor
itself (``AnyKeyPressed``, the cell's text replaced). A double click cancels the wait too.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView, QWidget

__all__ = ["EDIT_TRIGGERS", "RegimenView"]

# SelectedClicked is done by the view itself (see the module's note), never by Qt's timer
EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


class RegimenView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(EDIT_TRIGGERS)
        self._click_edit = QTimer(self)
        self._click_edit.setSingleShot(True)
        self._click_edit.timeout.connect(self._edit_clicked)
        self._clicked = QPersistentModelIndex()
        self._pressed_on_selected = False

    def _selected_current(self, event: QMouseEvent) -> QModelIndex | None:
        index = self.indexAt(event.position().toPoint())
        model = self.selectionModel()
        if not index.isValid() or index != self.currentIndex() or model is None:
            return None
        return index if model.isSelected(index) else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._click_edit.stop()
        self._pressed_on_selected = (
            event.button() == Qt.MouseButton.LeftButton
            and self.hasFocus()
            and self._selected_current(event) is not None
        )
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        index = self._selected_current(event)
        if self._pressed_on_selected and index is not None and not self._editing():
            self._clicked = QPersistentModelIndex(index)
            self._click_edit.start(QApplication.doubleClickInterval())
        self._pressed_on_selected = False

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._click_edit.stop()
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._click_edit.stop()  # the key decides: typed text opens the editor with itself
        super().keyPressEvent(event)

    def _editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState

    def _edit_clicked(self) -> None:
        clicked = self._clicked
        current = self.currentIndex()
        if clicked.isValid() and clicked == current and not self._editing():
            self.edit(current)
