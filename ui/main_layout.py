"""How the workstation window is laid out, so that it fits 1280×720 and scale factor 2.

The patient fields scroll sideways rather than being squeezed; the regimen pane gets the width
its columns need and the results pane keeps the rest, with the set and the total on top; the
first window fits the available screen geometry and a remembered size is shrunk to fit a
smaller screen (issue 10 §3).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.screen_fit import available_geometry, fit_into_screen, resize_to_fit

__all__ = ["SideScroll", "place_first_window", "placeholder", "regimen_page", "titled"]

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
        self.setWidget(content)
        self._content = content

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


def regimen_page(
    editor: QWidget, warnings: QWidget, results: QWidget, parent: QWidget
) -> QSplitter:
    """Regimen above warnings on the left, results on the right; a wider window widens the
    regimen (the results keep their width)."""
    left = QSplitter(Qt.Orientation.Vertical, parent)
    left.addWidget(titled("Regimen", editor, parent))
    left.addWidget(
        titled("Warnings (danger first; double-click to go to the row)", warnings, parent)
    )
    left.setStretchFactor(0, 3)
    left.setStretchFactor(1, 2)
    page = QSplitter(Qt.Orientation.Horizontal, parent)
    page.setObjectName("regimen_page")
    page.addWidget(left)
    page.addWidget(results)
    page.setStretchFactor(0, 1)
    page.setStretchFactor(1, 0)
    page.setChildrenCollapsible(False)
    return page


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
    label = QLabel(title, box)
    label.setWordWrap(True)  # a narrow pane wraps its title instead of being pushed wider
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
