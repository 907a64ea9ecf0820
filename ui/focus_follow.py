"""Whatever has the keyboard focus in a window is seen to have it, and is on screen.

Clinician review 15, #12 (scale 2, keyboard only): after Tab past *More* the focus sat on the
tab bar and then on the regimen table with nothing drawn to say so (Fusion draws no focus frame
on an item view or a read-only text pane, and only a faint tint on a tab); Ctrl+Tab from the
table put the focus on the warnings, below the fold, and nothing scrolled to them.

One rule for every widget of the window, not a style per class: a ring (two pixels of the
palette's highlight colour) is drawn over the edge of the focused widget, or of the current tab
of a focused tab bar, and each scroll area holding the focused widget scrolls it into view,
whatever moved the focus there (Tab, Ctrl+Tab, a shortcut, a click).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Slot
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QScrollArea,
    QTabBar,
    QWidget,
)
from shiboken6 import isValid

__all__ = ["RING_WIDTH", "FocusFollower", "FocusRing", "scroll_into_view", "seen_with"]

RING_WIDTH = 2
_SEEN_WITH = "focus_seen_with"


def seen_with(area: QWidget, companion: QWidget) -> None:
    """Whatever takes the focus inside ``area`` is scrolled into view with ``companion`` (above
    it, in the same scroll area), companion first (clinician review 18, #7: at scale 2 the
    check's current total was scrolled away to show the regimen list that took the focus)."""
    area.setProperty(_SEEN_WITH, companion)


def _companion(widget: QWidget) -> QWidget | None:
    """The widget to be seen with ``widget``: ``seen_with``'s, of it or its nearest ancestor."""
    inside: QWidget | None = widget
    while inside is not None:
        companion = inside.property(_SEEN_WITH)
        if isinstance(companion, QWidget) and isValid(companion) and companion.isVisible():
            return companion
        inside = inside.parentWidget()
    return None


class FocusRing(QWidget):
    """Drawn over ``target`` (a child of it, above its other children) while it has the focus;
    it goes with the target when the target is deleted (a cell's editor)."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.setObjectName("focus_ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._target = target
        target.installEventFilter(self)
        if isinstance(target, QTabBar):
            target.currentChanged.connect(self.place)
        self.place()
        self.show()

    def area(self) -> QRect:
        """Where the ring is drawn in the target: the current tab of a tab bar, else all of it
        (inside the frame a style sheet draws: a refused field's red frame)."""
        target = self._target
        if isinstance(target, QTabBar) and target.currentIndex() >= 0:
            return target.tabRect(target.currentIndex())
        if "border" in target.styleSheet():  # a refused field's red frame stays seen outside
            return target.rect().adjusted(RING_WIDTH, RING_WIDTH, -RING_WIDTH, -RING_WIDTH)
        return target.rect()

    @Slot()
    def place(self) -> None:
        self.setGeometry(self.area())
        self.raise_()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._target and kind in (
            QEvent.Type.Resize,
            QEvent.Type.ChildAdded,
            QEvent.Type.LayoutRequest,
            QEvent.Type.StyleChange,  # a refused field's red frame set or taken off
        ):
            self.place()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pen = QPen(self.palette().color(self.palette().ColorRole.Highlight), RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = RING_WIDTH // 2
        painter.drawRect(self.rect().adjusted(half, half, -half, -half))
        painter.end()


class FocusFollower(QObject):
    """For one window: the focused widget wears a ``FocusRing`` and is scrolled into view."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._ring: FocusRing | None = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_moved)

    def ring(self) -> FocusRing | None:
        ring = self._ring
        return ring if ring is not None and isValid(ring) else None

    @Slot(QWidget, QWidget)
    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not isValid(self) or not isValid(self._window):
            return
        ring = self.ring()
        if ring is not None:
            ring.hide()
            ring.deleteLater()
        self._ring = None
        if new is None or not isValid(new) or new.window() is not self._window:
            return
        self._ring = FocusRing(new)
        scroll_into_view(new)


def _focus_rect(widget: QWidget) -> QRect:
    """What must be seen of ``widget``: an item view's current item (a warning taller than the
    window's page is read where the arrows put it: clinician review 15, #12), else all of it."""
    if isinstance(widget, QAbstractItemView) and widget.currentIndex().isValid():
        item = widget.visualRect(widget.currentIndex())
        item = QRect(0, item.top(), widget.viewport().width(), item.height())
        shown = item.intersected(widget.viewport().rect())
        if not shown.isEmpty():
            return shown.translated(widget.viewport().mapTo(widget, QPoint(0, 0)))
    return widget.rect()


def scroll_into_view(widget: QWidget) -> None:
    """Each scroll area holding ``widget`` (innermost first) scrolls until it is seen: its
    current item for an item view; the top first when it is taller than the area."""
    rect = _focus_rect(widget)
    companion = _companion(widget)
    if companion is not None:  # seen first: the top is shown when both are taller than the area
        at = widget.mapFrom(widget.window(), companion.mapTo(widget.window(), QPoint(0, 0)))
        rect = rect.united(QRect(at, companion.size()))
    inner = widget
    parent = widget.parentWidget()
    while parent is not None:
        content = parent.widget() if isinstance(parent, QScrollArea) else None
        if isinstance(parent, QScrollArea) and content is not None and content.isAncestorOf(inner):
            shown = rect.translated(widget.mapTo(content, QPoint(0, 0)))
            centre = shown.center()
            parent.ensureVisible(
                centre.x(), centre.y(), shown.width() // 2 + 8, shown.height() // 2 + 8
            )
            parent.ensureVisible(shown.left(), shown.top(), 8, 8)
            inner = parent
        parent = parent.parentWidget()


def read_on(widget: QWidget, rect: QRect, *, forward: bool) -> bool:
    """Scroll one step on through ``rect`` (in ``widget``'s coordinates), down if ``forward``
    else up: first ``widget`` itself if it is a scroll area (an item view) and ``rect`` is in
    its viewport, else the scroll area holding it; False when the end of ``rect`` that way is
    seen already. An arrow key reads on through an item taller than the page before it goes to
    the next (clinician review 15, #12: a warning taller than the page at scale 2 was cut)."""
    line = widget.fontMetrics().lineSpacing()
    if isinstance(widget, QAbstractScrollArea):
        inside = rect.translated(-widget.viewport().mapTo(widget, QPoint(0, 0)))
        if _step(widget, inside, forward, line):
            return True
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is None:
        return False
    return _step(
        parent, rect.translated(widget.mapTo(parent.viewport(), QPoint(0, 0))), forward, line
    )


def _step(area: QAbstractScrollArea, rect: QRect, forward: bool, line: int) -> bool:
    """Scroll ``area`` toward the hidden end of ``rect`` (in its viewport's coordinates) by
    at most a page less two lines; False if nothing of it is hidden that way."""
    height = area.viewport().height()
    hidden = rect.top() + rect.height() - height if forward else -rect.top()
    if hidden <= 0:
        return False
    bar = area.verticalScrollBar()
    before = bar.value()
    step = max(1, min(hidden, height - 2 * line))
    bar.setValue(before + (step if forward else -step))
    return bar.value() != before
