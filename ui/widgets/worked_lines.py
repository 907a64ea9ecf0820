"""The results panel's worked arithmetic list (``ResultsPanel.lines``)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QListWidget

__all__ = ["WorkedLines"]


class WorkedLines(QListWidget):
    """The worked arithmetic: it prefers its minimum height (four lines) and grows into the
    room left. (An ``Ignored`` height counted as 0 in a scrolling page's height for its width,
    so the spread below it was squeezed instead of the page scrolling.)"""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())
