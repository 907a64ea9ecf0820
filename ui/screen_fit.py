"""Every window fits the screen it opens on and remembers its size (issue 10 §3; review D12).

A window asks for its comfortable size; it gets at most 92% of the available screen geometry,
so at 1280×720, or 1280×720 at scale factor 2 (640×360 logical), it never opens larger than the
screen. Its content must allow that: windows whose content is taller or wider than a small screen
put it in a scroll area (``scrolling``), so their minimum size stays small and nothing is
squeezed below what its text needs. A window given a ``name`` remembers its size (in the store
set by the application with ``remember_sizes_in``; tests pass a temporary .ini), and a remembered
size that no longer fits the screen (a smaller screen, a larger scale factor) is shrunk to fit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QLabel,
    QScrollArea,
    QSplitter,
    QWidget,
)

__all__ = [
    "ASKED_SIZE",
    "SHARE_OF_SCREEN",
    "available_geometry",
    "elide_combo",
    "fit_into_screen",
    "heading_label",
    "remember_sizes_in",
    "resize_to_fit",
    "scrolling",
    "share_width",
]

SHARE_OF_SCREEN = 0.92
ASKED_SIZE = "mpsPainAskedSize"  # the size a window asked for (a property of the window)
_store: QSettings | None = None


def remember_sizes_in(store: QSettings | None) -> None:
    """Where windows remember their size (the application's settings; ``None``: nowhere)."""
    global _store
    _store = store


def available_geometry(widget: QWidget) -> QRect | None:
    screen = widget.screen() or QApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def resize_to_fit(widget: QWidget, width: int, height: int, *, name: str | None = None) -> None:
    """Resize ``widget`` to ``width``×``height`` logical pixels, or less to fit its screen; with
    a ``name``, restore the size it had when last closed and remember it on closing."""
    widget.setProperty(ASKED_SIZE, QSize(width, height))  # tests size it for other screens
    if name is not None:
        _SizeMemory(widget, name)
        if _restore(widget, name):
            return
    available = available_geometry(widget)
    if available is None:
        widget.resize(width, height)
        return
    widget.resize(
        min(width, int(available.width() * SHARE_OF_SCREEN)),
        min(height, int(available.height() * SHARE_OF_SCREEN)),
    )


def fit_into_screen(widget: QWidget) -> None:
    """Shrink (and move) ``widget`` so that it lies inside its screen's available geometry."""
    available = available_geometry(widget)
    if available is None:
        return
    width = min(widget.width(), available.width())
    height = min(widget.height(), available.height())
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    x = min(max(widget.x(), available.x()), available.x() + available.width() - width)
    y = min(max(widget.y(), available.y()), available.y() + available.height() - height)
    if (x, y) != (widget.x(), widget.y()):
        widget.move(x, y)


def scrolling(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``content`` in a frameless scroll area that resizes it: it fills the area when there is
    room, and scrolls (instead of being squeezed or clipped) when there is not."""
    area = QScrollArea(parent)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(content)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, which it scrolls to
    _KeepMinimumHeight(content)
    return area


def heading_label(text: str, parent: QWidget) -> QLabel:
    """A bold heading that wraps in a narrow pane instead of pushing it wider."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def elide_combo(combo: QComboBox, letters: int = 12) -> None:
    """A list box as wide as ``letters`` characters, not as its longest entry: a long entry is
    elided in the box and shown whole in the open list and in the tooltip."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letters)

    def show_whole() -> None:
        combo.setToolTip(combo.currentText())

    combo.currentIndexChanged.connect(show_whole)
    combo.currentTextChanged.connect(show_whole)
    show_whole()


def _key(name: str) -> str:
    return f"windows/{name}/geometry"


def _restore(widget: QWidget, name: str) -> bool:
    if _store is None:
        return False
    value = _store.value(_key(name))
    if not isinstance(value, QByteArray) or not widget.restoreGeometry(value):
        return False
    fit_into_screen(widget)
    return True


def share_width(splitter: QSplitter, wanted: Callable[[], int], rest_least: int) -> None:
    """On every resize, the splitter's first pane gets the width it ``wanted()``, as long as
    the second keeps ``rest_least`` pixels; the second takes the rest (a plan beside its
    controls: the controls as wide as their longest choice on a wide window, the plan still
    readable on a narrow one)."""
    _SharedWidth(splitter, wanted, rest_least)


class _SharedWidth(QObject):
    def __init__(self, splitter: QSplitter, wanted: Callable[[], int], rest_least: int) -> None:
        super().__init__(splitter)
        self._splitter, self._wanted, self._rest_least = splitter, wanted, rest_least
        splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._splitter and event.type() == QEvent.Type.Resize:
            total = self._splitter.width() - self._splitter.handleWidth()
            first = max(min(self._wanted(), total - self._rest_least), self._least_first())
            self._splitter.setSizes([first, total - first])
        return False

    def _least_first(self) -> int:
        """The first pane's least width: its content's, with a scroll bar if it scrolls."""
        pane = self._splitter.widget(0)
        content = pane.widget() if isinstance(pane, QScrollArea) else None
        if isinstance(pane, QScrollArea) and content is not None:
            bar = pane.verticalScrollBar().sizeHint().width()
            return content.minimumSizeHint().width() + bar + 2 * pane.frameWidth()
        return pane.minimumSizeHint().width() if pane is not None else 0


class _KeepMinimumHeight(QObject):
    """A scroll area sizes a page whose text wraps by its height for the width, which counts
    each part's preferred height, not its minimum: a part taller than it prefers (a list that
    must show every choice) was cut at the page's foot instead of the page scrolling. The page
    keeps its layout's minimum height as its own (review L1, the practice form at scale 2)."""

    def __init__(self, content: QWidget) -> None:
        super().__init__(content)
        content.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and isinstance(watched, QWidget):
            layout = watched.layout()
            if layout is not None:
                height = layout.minimumSize().height()
                if height != watched.minimumHeight():
                    watched.setMinimumHeight(height)
        return False


class _SizeMemory(QObject):
    """Saves the window's geometry when it is hidden or closed."""

    def __init__(self, widget: QWidget, name: str) -> None:
        super().__init__(widget)
        self._name = name
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            _store is not None
            and isinstance(watched, QWidget)
            and event.type() in (QEvent.Type.Hide, QEvent.Type.Close)
        ):
            _store.setValue(_key(self._name), watched.saveGeometry())
        return False
