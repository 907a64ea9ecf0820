"""Warnings list: severity icon, message and source; double-click goes to the row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from ui.models.warnings_model import ROW_ROLE, WarningsModel

if TYPE_CHECKING:
    from ui.session import EditorSession

__all__ = ["WarningsPanel"]


class WarningsPanel(QWidget):
    rowRequested = Signal(int)

    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = WarningsModel(session, self)
        self.view = QTableView(self)
        self.view.setObjectName("warnings")
        self.view.setAccessibleName("Warnings")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # a list to read, not a grid to fill: Tab goes on to the set (clinician review 15, #12:
        # Tab moved between its cells and never left it); the arrows move between warnings
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        # message and source share the width 3:2, so a narrow window never leaves the message
        # one word per line (issue 10 §3)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.view.viewport().installEventFilter(self)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)
        self.model.modelReset.connect(self.view.resizeRowsToContents)
        # on a small screen the list scrolls rather than pushing the total off the window
        self.view.setMinimumHeight(self.view.fontMetrics().lineSpacing() * 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            width = self.view.viewport().width()
            header = self.view.horizontalHeader()
            fixed = header.sectionSize(0) + header.sectionSize(3)
            rest = width - fixed
            # each heading shows whole; below that the list scrolls sideways
            source = max(rest * 2 // 5, header.sectionSizeFromContents(2).width())
            message = max(rest - source, header.sectionSizeFromContents(1).width())
            if (header.sectionSize(1), header.sectionSize(2)) != (message, source):
                header.resizeSection(1, message)
                header.resizeSection(2, source)
                self.view.resizeRowsToContents()
        return super().eventFilter(watched, event)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.rowRequested.emit(int(row))
