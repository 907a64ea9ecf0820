"""Horizontal bar chart of the same regimen's total under every reference set (QPainter).

Bar lengths are the engine's totals scaled to the widest bar; a set that cannot cover the
regimen is drawn as a note, never as a zero bar.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["SpreadBar", "SpreadChart"]

RISK_COLOUR = QColor(70, 110, 180)
EQUI_COLOUR = QColor(60, 150, 120)


@dataclass(frozen=True, slots=True)
class SpreadBar:
    label: str
    value: float | None
    value_text: str
    risk: bool
    current: bool
    tooltip: str


class SpreadChart(QWidget):
    """One row per set: label, bar, value; the selected set is bold and framed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[SpreadBar] = []
        self.setAccessibleName("Spread across reference sets")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def set_bars(self, bars: list[SpreadBar]) -> None:
        self._bars = bars
        self.setAccessibleDescription("; ".join(f"{bar.label}: {bar.value_text}" for bar in bars))
        self.setToolTip("\n".join(bar.tooltip for bar in bars))
        self.updateGeometry()
        self.update()

    def bars(self) -> list[SpreadBar]:
        return list(self._bars)

    def _row_height(self) -> int:
        return QFontMetrics(self.font()).height() + 4

    def sizeHint(self) -> QSize:
        return QSize(360, self._row_height() * (len(self._bars) + 1) + 8)

    def minimumSizeHint(self) -> QSize:
        label_w, value_w = self._label_and_value_widths(QFontMetrics(self.font()))
        return QSize(min(label_w, 80) + value_w + 28, self.sizeHint().height())

    def _label_and_value_widths(self, metrics: QFontMetrics) -> tuple[int, int]:
        """Room for the names and the values; when narrow the names give way (elided, whole
        in the tooltip) before a value is ever cut."""
        bold = QFont(self.font())
        bold.setBold(True)
        wide = QFontMetrics(bold)  # the chosen set is drawn bold
        label_w = max((wide.horizontalAdvance(b.label) for b in self._bars), default=0) + 12
        value_w = max((wide.horizontalAdvance(b.value_text) for b in self._bars), default=0) + 12
        room = self.width() - value_w - 28  # a bar keeps at least 20 px
        return max(min(label_w, room), metrics.horizontalAdvance("CDC…") + 12), value_w

    def label_shown(self, index: int) -> str:
        """The name as drawn for bar ``index`` (elided when the chart is narrow)."""
        metrics = QFontMetrics(self.font())
        label_w, _value_w = self._label_and_value_widths(metrics)
        bar = self._bars[index]
        font = QFont(self.font())
        font.setBold(bar.current)
        return QFontMetrics(font).elidedText(bar.label, Qt.TextElideMode.ElideRight, label_w - 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        metrics = QFontMetrics(self.font())
        row_h = self._row_height()
        label_w, value_w = self._label_and_value_widths(metrics)
        bar_w = max(self.width() - label_w - value_w - 8, 20)
        biggest = max((b.value for b in self._bars if b.value is not None), default=0.0)
        bold = QFont(self.font())
        bold.setBold(True)
        for i, bar in enumerate(self._bars):
            top = 4 + i * row_h
            painter.setFont(bold if bar.current else self.font())
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(0, top, label_w - 6, row_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self.label_shown(i),
            )
            colour = RISK_COLOUR if bar.risk else EQUI_COLOUR
            if bar.value is not None and biggest > 0:
                width = bar_w * bar.value / biggest
                rect = QRectF(label_w, top + 4, max(width, 2), row_h - 8)
                painter.fillRect(rect, colour if bar.current else colour.lighter(140))
                if bar.current:
                    painter.setPen(QPen(text_colour, 2))
                    painter.drawRect(rect)
                value_x = label_w + width + 6
            else:
                value_x = label_w
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(value_x, top, self.width() - value_x, row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                bar.value_text,
            )
        legend_top = 4 + len(self._bars) * row_h
        painter.setFont(self.font())
        legend = ((RISK_COLOUR, "risk MME set"), (EQUI_COLOUR, "equianalgesic set"))
        legend_w = sum(36 + metrics.horizontalAdvance(text) for _, text in legend)
        x = float(max(0, min(label_w, self.width() - legend_w)))
        for colour, text in legend:
            painter.fillRect(QRectF(x, legend_top + 6, 12, row_h - 12), colour)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(x + 16, legend_top, 200, row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            x += 16 + metrics.horizontalAdvance(text) + 20
        painter.end()
