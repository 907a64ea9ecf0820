"""A small bar chart of a learner's progress: score by level, and errors by pattern.

Each bar carries its numbers as text (never colour alone).
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from mps_pain.practice.patterns import pattern_title

__all__ = ["NOT_KEPT", "NO_RECORDS", "ProgressChart"]

_ROW = 20
_NO_ATTEMPTS = "no attempts yet"
#: without a learner name nothing is kept (clinician review 15, #15: "no attempts yet" stayed
#: after two checked exercises, the reason only on the status line)
NOT_KEPT = "not kept: type your name in Learner"
NO_RECORDS = "not kept: no records file is open"


class ProgressChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.levels: dict[int, tuple[int, int]] = {}
        self.patterns: Counter[str] = Counter()
        self.empty_words = _NO_ATTEMPTS
        self.setAccessibleName("Progress chart: score by level and errors by pattern")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_progress(
        self,
        levels: dict[int, tuple[int, int]],
        patterns: Counter[str],
        empty_words: str = _NO_ATTEMPTS,
    ) -> None:
        """``empty_words``: what the chart says while it has nothing to show."""
        self.levels, self.patterns, self.empty_words = levels, patterns, empty_words
        summary = "; ".join(f"level {k}: {s} of {t}" for k, (s, t) in levels.items())
        errors = "; ".join(f"{pattern_title(code)} {n}" for code, n in patterns.most_common())
        self.setAccessibleDescription(f"{summary or empty_words}. Errors: {errors or 'none'}")
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

        def note(text: str) -> None:  # across the width: no bar to draw
            nonlocal y
            painter.setPen(text_colour)
            painter.drawText(QRectF(8, y, width - 8, _ROW), Qt.AlignmentFlag.AlignVCenter, text)
            y += _ROW

        heading("Score by level")
        if not self.levels:
            note(self.empty_words)
        for level, (score, total) in self.levels.items():
            fraction = score / total if total else 0.0
            bar(f"Level {level}", fraction, f"{score}/{total}", QColor(40, 130, 60))
        heading("Errors by pattern")
        most = max(self.patterns.values(), default=1)
        if not self.patterns:
            note("none yet" if self.empty_words == _NO_ATTEMPTS else self.empty_words)
        for code, count in self.patterns.most_common():
            bar(pattern_title(code), count / most, str(count), QColor(190, 60, 50))
        painter.end()
