"""Preferences: default reference set, PRN default, formulary market."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

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
        form = QFormLayout(self)
        form.addRow("Default reference &set for new regimens", self.default_set)
        form.addRow("As-needed (&PRN) doses by default", self.prn)
        form.addRow("Formulary &market", self.market)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        self._settings.default_set = self.default_set.currentData()
        self._settings.prn_default = self.prn.currentData()
        self._settings.market = self.market.currentData()
        self._settings.sync()
        super().accept()
