"""How the workstation window is laid out, so that it fits 1280×720 and scale factor 2.

The patient fields scroll sideways rather than being squeezed; the regimen pane gets the width
its columns need and the results pane keeps the rest, with the set and the total on top; the
first window fits the available screen geometry and a remembered size is shrunk to fit a
smaller screen (issue 10 §3).

What stays visible on a small screen (scale 2 on 1280×720: 588×331 logical pixels) is written
in docs/gui.md: the set and the total always; the regimen table never shorter than three
rows and the warnings never shorter than five lines (their column scrolls down instead); the
spread across sets at the foot of the page when it is tall enough, else at the end of the
results pane (which scrolls).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.screen_fit import available_geometry, fit_into_screen, resize_to_fit, scrolling
from ui.widgets.wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from ui.widgets.regimen_editor import RegimenEditor
    from ui.widgets.results_panel import ResultsPanel

__all__ = ["RegimenPage", "SideScroll", "place_first_window", "placeholder", "titled"]

SPREAD_AT_FOOT_MIN_HEIGHT = 440  # a shorter page puts the spread in the results pane

COMFORTABLE_SIZE = (1400, 880)


class SideScroll(QScrollArea):
    """A one-line strip (the patient fields) that scrolls sideways when the window is too
    narrow for it, and is exactly as tall as its content (plus the scroll bar when shown)."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, which it shows
        self._content = content
        self.setWidget(content)
        content.installEventFilter(self)  # its layout changed (the fields folded): new height

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._content and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def _height(self) -> int:
        content = self._content
        height = content.sizeHint().height()
        if content.minimumSizeHint().width() > self.viewport().width():
            height += self.horizontalScrollBar().sizeHint().height()
        return height

    def sizeHint(self) -> QSize:
        return QSize(self._content.sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(80, self._height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.height() != self._height():
            self.updateGeometry()


class RegimenPage(QWidget):
    """Regimen above warnings on the left, results on the right, the spread across sets at the
    foot; a wider window widens the regimen (the results keep their width).

    ``spread`` is the results panel's spread section (heading and chart); ``results_end`` the
    layout at the end of the results pane where it goes when the page is short.
    """

    def __init__(
        self,
        editor: RegimenEditor,
        warnings: QWidget,
        results: ResultsPanel,
        spread: QWidget,
        results_end: QVBoxLayout,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("regimen_page")
        self._spread, self._results_end = spread, results_end
        self._editor, self._results = editor, results
        self._results_width = 0  # the results pane's width, measured beside the regimen
        left = QSplitter(Qt.Orientation.Vertical, self)
        self._left = left
        left.addWidget(titled("Regimen", editor, self))
        left.addWidget(
            titled("Warnings (danger first; double-click to go to the row)", warnings, self)
        )
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)  # never a sliver: the column scrolls instead
        # the regimen never shorter than three rows, the warnings than five lines (the most
        # severe warning whole): on a short window the column scrolls (docs/gui.md)
        for view in editor.findChildren(QTableView):
            view.setMinimumHeight(_min_height(view, 3, view.verticalHeader().defaultSectionSize()))
        for view in warnings.findChildren(QTableView):
            view.setMinimumHeight(_min_height(view, 5, view.fontMetrics().lineSpacing()))
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self._left_area = scrolling(left, self)  # a short window scrolls it down
        self.split.addWidget(self._left_area)
        self._beside(results)
        self.split.setChildrenCollapsible(False)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.split, 1)
        self._layout.addWidget(spread)

    def minimumSizeHint(self) -> QSize:
        """The regimen and results only: the spread at the foot never keeps a short window
        from shrinking (it moves into the results pane instead)."""
        return self.split.minimumSizeHint()

    def spread_at_foot(self) -> bool:
        return self._layout.indexOf(self._spread) >= 0

    def _beside(self, results: QWidget) -> None:
        self.split.addWidget(results)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 0)

    def is_narrow(self) -> bool:
        """The results are under the warnings and the set and total over the regimen."""
        return self._results.parentWidget() is self._left

    def _narrow_wanted(self) -> bool:
        """Too narrow for the regimen's amount columns (drug to daily total) beside the results
        pane: the regimen takes the full width (review 5: at scale 2 the dose, its unit and the
        daily total were behind a sideways scroll bar, shot 74)."""
        if not self.is_narrow():  # the width the splitter gives it: its preferred one
            results = self._results
            self._results_width = max(results.minimumSizeHint().width(), results.sizeHint().width())
        area = self._left_area
        chrome = area.verticalScrollBar().sizeHint().width() + 2 * area.frameWidth() + 8
        needed = self._editor.width_through("daily_dose") + chrome
        return self.width() < needed + self.split.handleWidth() + self._results_width

    def _lay_out_for_width(self) -> None:
        narrow = self._narrow_wanted()
        if narrow == self.is_narrow():
            return
        results = self._results
        if narrow:
            self._layout.insertWidget(0, results.lend_head())
            self._left.addWidget(results)  # moves it under the warnings (the column scrolls)
            self._left.setStretchFactor(2, 2)
        else:
            results.put_head_back()
            self._beside(results)
            # the regimen takes what the results pane leaves (a splitter given a widget back
            # gives it the room the other had)
            self.split.setSizes([self.width() - self._results_width, self._results_width])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out_for_width()
        at_foot = self.height() >= SPREAD_AT_FOOT_MIN_HEIGHT
        if at_foot != self.spread_at_foot():
            target = self._layout if at_foot else self._results_end
            target.addWidget(self._spread)  # moves it (a widget has one place)


def _min_height(view: QTableView, rows: int, row_px: int) -> int:
    """A table ``rows`` rows of ``row_px`` tall, with its header and a sideways scroll bar (a
    narrow window scrolls the columns inside the table)."""
    header_h = view.horizontalHeader().sizeHint().height()
    scroll_bar = view.horizontalScrollBar().sizeHint().height()
    return header_h + rows * row_px + scroll_bar + 2 * view.frameWidth()


def place_first_window(window: QMainWindow, geometry: QByteArray | None) -> None:
    """The size it had when last closed, shrunk to fit this screen; else the comfortable size
    (at most 92% of the available screen geometry), centred (issue 10 §3)."""
    if geometry is not None and window.restoreGeometry(geometry):
        fit_into_screen(window)
        return
    resize_to_fit(window, *COMFORTABLE_SIZE)
    available = available_geometry(window)
    if available is not None:
        window.move(
            available.x() + (available.width() - window.width()) // 2,
            available.y() + (available.height() - window.height()) // 2,
        )


def titled(title: str, widget: QWidget, parent: QWidget) -> QWidget:
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = WrappedLabel(title, box)  # a narrow pane wraps its title, not pushed wider
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box


def placeholder(text: str) -> QWidget:
    widget = QWidget()
    layout = QVBoxLayout(widget)
    label = QLabel(text, widget)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(label)
    return widget
