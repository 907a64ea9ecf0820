"""A list box that shows a short name when closed and the whole names when open.

A reference set's whole name ("CDC 2022 Clinical Practice Guideline MME table") needs more room
than a results pane has at 1280×720, and an elided "CDC 2022 Clinical Practice Guidelir" hides
the part that tells the sets apart. Closed, the box shows the set's short name (the chart's
rows use the same one); the open list and the tooltip show the whole name (review L1).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionComboBox, QWidget

__all__ = ["SHORT_TEXT_ROLE", "ShortNameCombo"]

SHORT_TEXT_ROLE = Qt.ItemDataRole.UserRole + 1


class ShortNameCombo(QComboBox):
    """``add_named(name, short, data)``: ``short`` in the closed box, ``name`` in the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentIndexChanged.connect(lambda _index: self.setToolTip(self.currentText()))

    def add_named(self, name: str, short: str, data: object) -> None:
        self.addItem(name, data)
        self.setItemData(self.count() - 1, short, SHORT_TEXT_ROLE)

    def shown_text(self) -> str:
        """What the closed box shows: the short name, else the whole one."""
        short = self.currentData(SHORT_TEXT_ROLE)
        return str(short) if short else self.currentText()

    def initStyleOption(self, option: QStyleOptionComboBox) -> None:
        super().initStyleOption(option)
        option.currentText = self.shown_text()
