"""Regimen versions of a patient, and the field-by-field diff between any two of them.

Select one version to compare it with the one before; select two (Ctrl-click) to compare those.
The diff comes from ``PatientService.diff_versions``; this widget only shows it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mps_pain.errors import MpsPainError
from mps_pain.services.patient_service import PatientService
from mps_pain.services.timeline import Timeline

__all__ = ["VersionsDiffView"]

_KIND_COLOURS = {"added": QColor(30, 140, 60), "removed": QColor(190, 40, 40)}


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class VersionsDiffView(QWidget):
    """The versions table (time, OME, reason) over the diff table (field, before, after)."""

    compared = Signal(int, int)

    def __init__(self, service: PatientService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._identifier: str | None = None
        self._ids: list[int] = []
        self.versions = QTableWidget(0, 3)
        self.versions.setHorizontalHeaderLabels(["From", "Daily OME (mg/day)", "Reason"])
        self.versions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.versions.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.versions.verticalHeader().setVisible(False)
        self.diff = QTableWidget(0, 3)
        self.diff.setHorizontalHeaderLabels(["Field", "Before", "After"])
        self.diff.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.diff.verticalHeader().setVisible(False)
        self.caption = QLabel("Select a version to see what changed; Ctrl-click two to compare.")
        self.caption.setWordWrap(True)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.caption)
        lower_layout.addWidget(self.diff)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.versions)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.versions.itemSelectionChanged.connect(self._selection_changed)

    def set_timeline(self, identifier: str | None, timeline: Timeline | None) -> None:
        self._identifier = identifier
        self.versions.setRowCount(0)
        self.diff.setRowCount(0)
        self._ids = []
        if timeline is None:
            return
        points = timeline.points
        self._ids = [p.version_id for p in points]
        self.versions.setRowCount(len(points))
        for row, point in enumerate(points):
            ome = "not computable" if point.ome_mg_per_day is None else f"{point.ome_mg_per_day:g}"
            self.versions.setItem(row, 0, _item(timeline.describe(point.effective_from)))
            ome_item = _item(ome)
            if point.error:
                ome_item.setToolTip(point.error)
            self.versions.setItem(row, 1, ome_item)
            self.versions.setItem(row, 2, _item(point.reason))
        self.versions.resizeColumnsToContents()

    def compare(self, a_row: int, b_row: int) -> None:
        """Show the diff between the versions in rows ``a_row`` (before) and ``b_row``."""
        if self._identifier is None:
            return
        a_row, b_row = sorted((a_row, b_row))
        try:
            changes = self._service.diff_versions(
                self._identifier, self._ids[a_row], self._ids[b_row]
            )
        except MpsPainError as err:
            self.caption.setText(str(err))
            return
        a_when = self.versions.item(a_row, 0).text()
        b_when = self.versions.item(b_row, 0).text()
        self.caption.setText(
            f"{len(changes)} change(s) from {a_when} to {b_when}"
            if changes
            else f"No difference between {a_when} and {b_when}."
        )
        self.diff.setRowCount(len(changes))
        for row, change in enumerate(changes):
            cells = (change.path, change.before or "—", change.after or "—")
            for column, text in enumerate(cells):
                item = _item(text)
                colour = _KIND_COLOURS.get(change.kind)
                if colour is not None:
                    item.setForeground(colour)
                self.diff.setItem(row, column, item)
        self.compared.emit(a_row, b_row)

    @Slot()
    def _selection_changed(self) -> None:
        rows = sorted({index.row() for index in self.versions.selectionModel().selectedRows()})
        if len(rows) == 2:
            self.compare(rows[0], rows[1])
        elif len(rows) == 1 and rows[0] > 0:
            self.compare(rows[0] - 1, rows[0])
        elif len(rows) == 1:
            self.diff.setRowCount(0)
            self.caption.setText("The first version: nothing before it to compare with.")
