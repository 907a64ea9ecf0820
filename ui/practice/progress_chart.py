"""A small bar chart of a learner's progress: score by level, and errors by pattern.

Each bar carries its numbers as text (never colour alone).
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from mps_pain.practice.patterns import PATTERN_TITLES

__all__ = ["ProgressChart"]

_ROW = 20
_NO_ATTEMPTS = "no attempts yet"


class ProgressChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.levels: dict[int, tuple[int, int]] = {}
        self.patterns: Counter[str] = Counter()
        self.setAccessibleName("Progress chart: score by level and errors by pattern")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_progress(self, levels: dict[int, tuple[int, int]], patterns: Counter[str]) -> None:
        self.levels, self.patterns = levels, patterns
        summary = "; ".join(f"level {k}: {s} of {t}" for k, (s, t) in levels.items())
        errors = "; ".join(f"{_title(code)} {n}" for code, n in patterns.most_common())
        self.setAccessibleDescription(f"{summary or _NO_ATTEMPTS}. Errors: {errors or 'none'}")
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        rows = 2 + max(1, len(self.levels)) + max(1, len(self.patterns))
        return QSize(320, rows * _ROW + 16)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().windowText().color()
        width = self.width() - 8
        label_w, y = 150, 4
        bar_w = max(40, width - label_w - 70)

        def heading(text: str) -> None:
            nonlocal y
            painter.setPen(text_colour)
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(QRectF(4, y, width, _ROW), Qt.AlignmentFlag.AlignVCenter, text)
            font.setBold(False)
            painter.setFont(font)
            y += _ROW

        def bar(label: str, fraction: float, value: str, colour: QColor) -> None:
            nonlocal y
            painter.setPen(text_colour)
            painter.drawText(QRectF(8, y, label_w - 8, _ROW), Qt.AlignmentFlag.AlignVCenter, label)
            painter.fillRect(QRectF(label_w, y + 4, bar_w, _ROW - 8), QColor(128, 128, 128, 40))
            painter.fillRect(QRectF(label_w, y + 4, bar_w * fraction, _ROW - 8), colour)
            painter.drawText(
                QRectF(label_w + bar_w + 6, y, 64, _ROW), Qt.AlignmentFlag.AlignVCenter, value
            )
            y += _ROW

        heading("Score by level")
        if not self.levels:
            bar(_NO_ATTEMPTS, 0.0, "", QColor(40, 130, 60))
        for level, (score, total) in self.levels.items():
            fraction = score / total if total else 0.0
            bar(f"Level {level}", fraction, f"{score}/{total}", QColor(40, 130, 60))
        heading("Errors by pattern")
        most = max(self.patterns.values(), default=1)
        if not self.patterns:
            bar("none yet", 0.0, "", QColor(190, 60, 50))
        for code, count in self.patterns.most_common():
            bar(_title(code), count / most, str(count), QColor(190, 60, 50))
        painter.end()


def _title(code: str) -> str:
    """A pattern by its title (``mps_pain.practice.patterns``), never its code."""
    return PATTERN_TITLES.get(code, "Other error")
