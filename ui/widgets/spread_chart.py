"""Horizontal bar chart of the same regimen's total under every reference set (QPainter).

Bar lengths are the engine's totals scaled to the widest bar; a set that cannot cover the
regimen is drawn as a note, never as a zero bar. Names are never cut to "CDC 2016 …" (review
L1): a wide chart (the foot of the regimen page at 1280×720) puts the sets in two or three
columns; a narrow one (the results pane at scale 2) puts each name on its own line above its
bar, and grows taller.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
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


MIN_BAR_PX = 60  # a bar keeps this much beside its name and value, or the name goes above
COLUMN_GAP_PX = 16


class SpreadChart(QWidget):
    """One cell per set: name, bar, value (in columns when wide; the name above the bar when
    narrow); the selected set is bold and framed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[SpreadBar] = []
        # (font, bars) -> _wanted_widths: layout asks for it many times per bar change
        self._widths: tuple[str, list[SpreadBar], tuple[int, int]] | None = None
        self.setAccessibleName("Spread across reference sets")
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)  # taller when narrow (names above the bars)
        self.setSizePolicy(policy)
        self.setMouseTracking(True)

    def set_bars(self, bars: list[SpreadBar]) -> None:
        if bars == self._bars:
            return  # the same bars (a note edited): no new layout of the page, no repaint
        self._bars = bars
        self._widths = None
        self.setAccessibleDescription("; ".join(f"{bar.label}: {bar.value_text}" for bar in bars))
        self.setToolTip("\n".join(bar.tooltip for bar in bars))
        self.updateGeometry()
        self.update()

    def bars(self) -> list[SpreadBar]:
        return list(self._bars)

    # --- layout --------------------------------------------------------------------------------
    def _line_height(self) -> int:
        return QFontMetrics(self.font()).height() + 4

    def _wanted_widths(self) -> tuple[int, int]:
        """The room the longest name and the longest value need (the chosen set is bold)."""
        font_key = self.font().key()
        kept = self._widths
        if kept is not None and kept[0] == font_key and kept[1] is self._bars:
            return kept[2]
        bold = QFont(self.font())
        bold.setBold(True)
        wide = QFontMetrics(bold)
        label_w = max((wide.horizontalAdvance(b.label) for b in self._bars), default=0) + 12
        value_w = max((wide.horizontalAdvance(b.value_text) for b in self._bars), default=0) + 12
        self._widths = (font_key, self._bars, (label_w, value_w))
        return label_w, value_w

    def _cell_width(self) -> int:
        label_w, value_w = self._wanted_widths()
        return label_w + value_w + MIN_BAR_PX

    def columns(self, width: int | None = None) -> int:
        """How many sets side by side (1 to 3) at ``width`` (default: the chart's width)."""
        width = self.width() if width is None else width
        fit = (width + COLUMN_GAP_PX) // (self._cell_width() + COLUMN_GAP_PX)
        return max(1, min(3, fit, len(self._bars) or 1))

    def stacked(self, width: int | None = None) -> bool:
        """True when each name is drawn above its bar (no room for it beside the bar)."""
        return self._cell_width() > (self.width() if width is None else width)

    def _rows(self, width: int) -> int:
        columns = self.columns(width)
        return -(-len(self._bars) // columns)

    def _row_height(self, width: int | None = None) -> int:
        return self._line_height() * (2 if self.stacked(width) else 1)

    def _height_for(self, width: int) -> int:
        return self._row_height(width) * self._rows(width) + self._line_height() + 8

    def sizeHint(self) -> QSize:
        return QSize(self._cell_width(), self._height_for(self.width()))

    def minimumSizeHint(self) -> QSize:
        _label_w, value_w = self._wanted_widths()
        return QSize(value_w + 28, self._height_for(self.width()))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """As tall as its rows at ``width`` (taller when the names go above the bars)."""
        return self._height_for(width)

    def _cell(self, index: int) -> QRectF:
        """Where set ``index`` is drawn: its column's left and width, its row's top."""
        columns = self.columns()
        width = (self.width() - COLUMN_GAP_PX * (columns - 1)) / columns
        row, column = divmod(index, columns)
        left = column * (width + COLUMN_GAP_PX)
        return QRectF(left, 4 + row * self._row_height(), width, self._row_height())

    def label_shown(self, index: int) -> str:
        """The name as drawn for bar ``index`` (whole; elided only when even the chart's whole
        width is too narrow for it)."""
        label_w, _value_w = self._wanted_widths()
        room = self.width() - 6 if self.stacked() else label_w - 6
        bar = self._bars[index]
        font = QFont(self.font())
        font.setBold(bar.current)
        return QFontMetrics(font).elidedText(bar.label, Qt.TextElideMode.ElideRight, room)

    def elided_texts(self) -> list[tuple[str, str]]:
        """(as drawn, whole) of every name drawn shortened."""
        shown = [(self.label_shown(i), bar.label) for i, bar in enumerate(self._bars)]
        return [(text, whole) for text, whole in shown if text != whole]

    # --- drawing -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        bold = QFont(self.font())
        bold.setBold(True)
        for i, bar in enumerate(self._bars):
            painter.setFont(bold if bar.current else self.font())
            self._draw_cell(painter, i, text_colour)
        painter.setFont(self.font())
        top = 4 + self._rows(self.width()) * self._row_height()
        self._draw_legend(painter, top, self._line_height(), text_colour)
        painter.end()

    def _draw_cell(self, painter: QPainter, index: int, text_colour: QColor) -> None:
        """The name (beside the bar, or above it when stacked), the bar and its value."""
        cell = self._cell(index)
        line_h = self._line_height()
        label_w, value_w = self._wanted_widths()
        top, left = cell.top(), cell.left()
        painter.setPen(text_colour)
        if self.stacked():
            name_box = QRectF(left, top, cell.width(), line_h)
            align = Qt.AlignmentFlag.AlignLeft
            top += line_h  # the bar and its value on the line below the name
            label_w = 0
        else:
            name_box = QRectF(left, top, label_w - 6, line_h)
            align = Qt.AlignmentFlag.AlignRight
        painter.drawText(name_box, align | Qt.AlignmentFlag.AlignVCenter, self.label_shown(index))
        bar = self._bars[index]
        biggest = max((b.value for b in self._bars if b.value is not None), default=0.0)
        value_x = left + label_w
        if bar.value is not None and biggest > 0:
            colour = RISK_COLOUR if bar.risk else EQUI_COLOUR
            length = max(cell.width() - label_w - value_w - 8, 20) * bar.value / biggest
            rect = QRectF(left + label_w, top + 4, max(length, 2), line_h - 8)
            painter.fillRect(rect, colour if bar.current else colour.lighter(140))
            if bar.current:
                painter.setPen(QPen(text_colour, 2))
                painter.drawRect(rect)
            value_x = left + label_w + length + 6
        painter.setPen(text_colour)
        painter.drawText(
            QRectF(value_x, top, cell.right() - value_x, line_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            bar.value_text,
        )

    def _draw_legend(self, painter: QPainter, top: float, line_h: int, text_colour: QColor) -> None:
        metrics = QFontMetrics(self.font())
        label_w = 0 if self.stacked() else self._wanted_widths()[0]
        legend = ((RISK_COLOUR, "risk MME set"), (EQUI_COLOUR, "equianalgesic set"))
        legend_w = sum(36 + metrics.horizontalAdvance(text) for _colour, text in legend)
        x = float(max(0, min(label_w, self.width() - legend_w)))
        for colour, text in legend:
            painter.fillRect(QRectF(x, top + 6, 12, line_h - 12), colour)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(x + 16, top, 200, line_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            x += 16 + metrics.horizontalAdvance(text) + 20
