"""A label that wraps, and whose minimum height is that of its lines at its width.

Qt gives a wrapped label a one-line minimum; a splitter or a scrolling page sizes its parts by
their minimums, so a label wrapped to three lines pushed what followed it out of its box (the
warnings title at scale 2, the practice exercise's prompt at 1280×720; review L1).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["WrappedLabel", "wrapped_heading"]


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._lines_height = 0

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self.heightForWidth(max(self.width(), 1))))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._remeasure()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._remeasure()

    def _remeasure(self) -> None:
        height = self.heightForWidth(max(self.width(), 1))
        if height != self._lines_height:
            self._lines_height = height
            self.updateGeometry()


def wrapped_heading(text: str, parent: QWidget) -> QLabel:
    """A bold heading whose wrapped lines keep their height in a short, scrolling page."""
    label = WrappedLabel(text, parent)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label
