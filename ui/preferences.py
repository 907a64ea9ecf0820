"""Preferences: default reference set, PRN default, formulary market."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from ui.screen_fit import elide_combo, fit_into_screen

if TYPE_CHECKING:
    from mps_pain.tables.index import TableIndex
    from ui.settings import AppSettings

__all__ = ["PreferencesDialog"]

MARKETS = ("JP", "UK", "US")


class PreferencesDialog(QDialog):
    def __init__(
        self, settings: AppSettings, tables: TableIndex | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._settings = settings
        self.default_set = QComboBox(self)
        self.default_set.addItem("program default", None)
        for set_ in tables.tables.reference_sets if tables else []:
            self.default_set.addItem(set_.name, set_.id)  # by name, never its id
        self.prn = QComboBox(self)
        for text, value in (
            ("program default", None),
            ("include", "include"),
            ("exclude", "exclude"),
        ):
            self.prn.addItem(text, value)
        self.market = QComboBox(self)
        self.market.addItem("not set", None)
        for market in MARKETS:
            self.market.addItem(market, market)
        for combo, value in (
            (self.default_set, settings.default_set),
            (self.prn, settings.prn_default),
            (self.market, settings.market),
        ):
            found = combo.findData(value)
            combo.setCurrentIndex(max(found, 0))
        # a long set name is elided in the box (whole in the open list and on hover), and the
        # labels go above their boxes when narrow: the dialog, OK and Cancel always fit the
        # screen, even at scale 2 on 1280×720 (review 4, D12)
        elide_combo(self.default_set, 24)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Default reference &set for new regimens", self.default_set)
        form.addRow("As-needed (&PRN) doses by default", self.prn)
        form.addRow("Formulary &market", self.market)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_into_screen(self)

    def accept(self) -> None:
        self._settings.default_set = self.default_set.currentData()
        self._settings.prn_default = self.prn.currentData()
        self._settings.market = self.market.currentData()
        self._settings.sync()
        super().accept()
