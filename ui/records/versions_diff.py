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
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mps_pain.errors import MpsPainError
from mps_pain.plural import counted
from mps_pain.presentation.records import ome_text
from mps_pain.services.patient_service import PatientService
from mps_pain.services.timeline import Timeline
from ui.error_words import path_words, plain_error, value_words
from ui.records.local_time import record_time
from ui.records.rows_model import RowsModel

__all__ = ["VersionsDiffView", "make_table_view"]

_KIND_COLOURS = {"added": QColor(30, 140, 60), "removed": QColor(190, 40, 40)}
# the change said in words in its own column: colour is never the only signal (review 3)
_KIND_WORDS = {"added": "+ added", "removed": "− removed", "changed": "changed"}


def make_table_view(model: RowsModel, stretch_last: bool = True) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(22)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_last)
    header.setDefaultSectionSize(130)

    def fit_columns() -> None:  # a time reads whole ("2026-12-02 04:50:26 UTC" was cut)
        # the header asked for each time, never a handle kept from above: PySide6 can invalidate
        # a kept handle on a Qt-made object while it lives on (clinician re-check 20b N13, as
        # ui/menus.py's menus in review 20 N3)
        shown = view.horizontalHeader()
        last = model.columnCount() - (1 if stretch_last else 0)
        for column in range(last):
            title = shown.sectionSizeFromContents(column).width()
            view.setColumnWidth(column, max(130, view.sizeHintForColumn(column), title))

    model.modelReset.connect(fit_columns)
    return view


class VersionsDiffView(QWidget):
    """The versions table (time, OME, reason) over the diff table (field, before, after)."""

    compared = Signal(int, int)

    def __init__(self, service: PatientService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._identifier: str | None = None
        self._ids: list[int] = []
        self.model = RowsModel(["From", "Daily OME (mg/day)", "Reason"], self)
        self.versions = make_table_view(self.model)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.versions.setColumnWidth(0, 150)
        self.versions.setColumnWidth(1, 150)
        self.diff_model = RowsModel(["Change", "Field", "Before", "After"], self)
        self.diff = make_table_view(self.diff_model)
        self.diff.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.diff.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
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
        self.versions.selectionModel().selectionChanged.connect(self._selection_changed)

    def set_timeline(self, identifier: str | None, timeline: Timeline | None) -> None:
        self._identifier = identifier
        self.diff_model.set_rows([])
        points = timeline.points if timeline is not None else []
        self._ids = [p.version_id for p in points]
        tooltips = {(row, 1): p.error for row, p in enumerate(points) if p.error}
        assert timeline is not None or not points
        self.model.set_rows(
            [
                [
                    record_time(p.effective_from, timeline.time_basis) if timeline else "",
                    ome_text(p.ome_mg_per_day, p.error),
                    p.reason,
                ]
                for p in points
            ],
            tooltips=tooltips,
        )

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
            self.caption.setText(plain_error(err))
            return
        a_when, b_when = self.model.text(a_row, 0), self.model.text(b_row, 0)
        self.caption.setText(
            f"{counted(len(changes), 'change')} from {a_when} to {b_when}"
            if changes
            else f"No difference between {a_when} and {b_when}."
        )
        colours = {
            row: _KIND_COLOURS[c.kind] for row, c in enumerate(changes) if c.kind in _KIND_COLOURS
        }
        self.diff_model.set_rows(
            [
                [
                    _KIND_WORDS.get(c.kind, c.kind),
                    path_words(c.path, c.drug),
                    value_words(c.before),
                    value_words(c.after),
                ]
                for c in changes
            ],
            colours=colours,
        )
        self.compared.emit(a_row, b_row)

    @Slot()
    def _selection_changed(self) -> None:
        rows = sorted({index.row() for index in self.versions.selectionModel().selectedRows()})
        if len(rows) == 2:
            self.compare(rows[0], rows[1])
        elif len(rows) == 1 and rows[0] > 0:
            self.compare(rows[0] - 1, rows[0])
        elif len(rows) == 1:
            self.diff_model.set_rows([])
            self.caption.setText("The first version: nothing before it to compare with.")
