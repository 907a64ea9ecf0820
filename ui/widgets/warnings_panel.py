"""Warnings list: severity icon, message and source; double-click goes to the row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from ui.focus_follow import read_on, scroll_into_view
from ui.models.warnings_model import ROW_ROLE, WarningsModel

if TYPE_CHECKING:
    from ui.session import EditorSession

__all__ = ["WarningsPanel"]


class WarningsPanel(QWidget):
    rowRequested = Signal(int)

    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = WarningsModel(session, self)
        self._rows_fitted = False  # the rows' heights follow the warnings shown (``_fit_rows``)
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
        # a warning taller than the list is scrolled through, not jumped over (review 15, #12)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        # message and source share the width 3:2, so a narrow window never leaves the message
        # one word per line (issue 10 §3)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.view.viewport().installEventFilter(self)
        self.view.installEventFilter(self)  # the arrows read on through a long warning
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)
        self.model.modelReset.connect(self._fit_rows)
        selection = self.view.selectionModel()
        assert selection is not None
        # a keyboard user reads the warning the arrows go to whole (clinician review 15, #12)
        selection.currentRowChanged.connect(self._show_current)
        # on a small screen the list scrolls rather than pushing the total off the window
        self.view.setMinimumHeight(self.view.fontMetrics().lineSpacing() * 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and isinstance(event, QKeyEvent):
            return self._read_on(event)
        shown = event.type() == QEvent.Type.Show and not self._rows_fitted
        if watched is self.view.viewport() and shown:
            self._fit_rows()  # what changed while it was out of sight
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
                self._fit_rows()
        return super().eventFilter(watched, event)

    @Slot()
    def _fit_rows(self) -> None:
        """Each row as tall as its wrapped words, measured while the list is seen: a list out of
        sight (another tab, a window not yet shown) is measured when it is shown, once (each
        measurement lays out every warning's words; a hidden list was measured after every
        change that altered the warnings and at every resize of the window)."""
        self._rows_fitted = False
        if self.view.viewport().isVisible():
            self.view.resizeRowsToContents()
            self._rows_fitted = True

    def _read_on(self, event: QKeyEvent) -> bool:
        """Down or Up on a warning taller than the page scrolls the page on through it
        before it goes to the next warning (the key is used), so each is read whole."""
        keys = {Qt.Key.Key_Down: True, Qt.Key.Key_Up: False}
        forward = keys.get(Qt.Key(event.key()))
        if event.type() != QEvent.Type.KeyPress or forward is None or event.modifiers():
            return False
        view = self.view
        current = view.visualRect(view.currentIndex())
        if not view.currentIndex().isValid() or current.isEmpty():
            return False
        current.translate(view.viewport().mapTo(view, QPoint(0, 0)))
        return read_on(view, current, forward=forward)

    @Slot()
    def _show_current(self) -> None:
        self.view.scrollTo(self.view.currentIndex())
        scroll_into_view(self.view)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.rowRequested.emit(int(row))
