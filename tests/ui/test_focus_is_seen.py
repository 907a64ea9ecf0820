"""Clinician review 15, #12 (scale 2, keyboard only): the focus was not seen, nor scrolled to.

1. After Tab past *More* the focus sat on the tab bar and then on the regimen table with nothing
   drawn to say so; the planner's plan pane took the focus with no frame. Every widget that Tab
   reaches, on every tab of the main window, draws that it has the focus: its picture focused
   and unfocused differ by a clearly coloured line at least as long as half its outline.
2. Ctrl+Tab from the regimen table put the focus on the warnings, below the fold of a small
   window, and nothing scrolled: whatever takes the focus is scrolled into view.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea, QTabBar, QWidget

from tests.ui.conftest import shown
from tests.ui.fit_checks import SIZES
from ui.main_window import MainWindow
from ui.widgets.regimen_view import RegimenView

SCALE_2 = SIZES["1280x720@2 = 640x360 logical"]
STRONG = 150  # a change of colour summed over red, green and blue: a clear line, not a tint
_CTRL = Qt.KeyboardModifier.ControlModifier
_NONE = Qt.KeyboardModifier.NoModifier


def _focus_area(widget: QWidget) -> QRect:
    """Where a widget's focus is looked for: the current tab of a tab bar, else all of it."""
    if isinstance(widget, QTabBar):
        return widget.tabRect(widget.currentIndex())
    return widget.rect()


def _strong_changes(first: QImage, second: QImage, area: QRect) -> int:
    """The pixels of ``area`` (logical) whose colour changed by more than ``STRONG``, each
    logical pixel read at its device pixel. Rows are compared as bytes first: only the few
    that differ (the focus line) are read pixel by pixel (pixelColor on every pixel of every
    widget took 3.7 s of the suite)."""
    ratio = first.devicePixelRatio()
    images = [i.convertToFormat(QImage.Format.Format_RGBA8888) for i in (first, second)]
    a_bits, b_bits = (bytes(i.constBits()) for i in images)
    a_line, b_line = (i.bytesPerLine() for i in images)
    columns = [4 * int(x * ratio) for x in range(area.left(), area.right() + 1)]
    changed = 0
    for y in range(area.top(), area.bottom() + 1):
        row = int(y * ratio)
        a_row = a_bits[row * a_line : (row + 1) * a_line]
        b_row = b_bits[row * b_line : (row + 1) * b_line]
        if a_row == b_row:
            continue
        for at in columns:
            if a_row[at : at + 3] != b_row[at : at + 3]:
                change = sum(abs(a_row[at + c] - b_row[at + c]) for c in range(3))
                changed += change > STRONG
    return changed


def _shows_its_focus(widget: QWidget) -> bool:
    """``widget``, which Tab has just given the focus, pictured with it and without it."""
    focused = widget.grab().toImage()
    widget.clearFocus()
    QApplication.processEvents()
    unfocused = widget.grab().toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    area = _focus_area(widget)
    return _strong_changes(focused, unfocused, area) >= area.width() + area.height()


def _in_regimen_view(widget: QWidget) -> bool:
    while widget is not None:
        if isinstance(widget, RegimenView):
            return True
        widget = widget.parentWidget()
    return False


def _tab_through(window: MainWindow, tab: int, unseen: list[str] | None = None) -> list[QWidget]:
    """The widgets Tab reaches from the tab's first field, once round (Ctrl+Tab leaves a
    regimen table, whose Tab moves between its cells); each that does not show its focus, as
    Tab reaches it, is named in ``unseen``."""
    window.show_tab(tab)
    QApplication.processEvents()
    reached: list[QWidget] = []
    for _ in range(80):
        widget = QApplication.focusWidget()
        assert widget is not None
        if widget in reached:
            break
        if not (_in_regimen_view(widget) and not isinstance(widget, RegimenView)):
            reached.append(widget)  # a cell's editor is the table's, reached by typing
            if unseen is not None and not _shows_its_focus(widget):
                unseen.append(f"tab {tab}: {type(widget).__name__} {_name(widget)}")
        QTest.keyClick(widget, Qt.Key.Key_Tab, _CTRL if _in_regimen_view(widget) else _NONE)
        QApplication.processEvents()
    return reached


def _name(widget: QWidget) -> str:
    return widget.accessibleName() or widget.objectName() or type(widget).__name__


def test_every_widget_tab_reaches_shows_its_focus(case_window: MainWindow) -> None:
    window = shown(case_window)
    window.ensure_panels()
    window.resize(*SCALE_2)
    QApplication.setCursorFlashTime(0)  # a caret is drawn steadily, not caught mid-blink
    unseen: list[str] = []
    for tab in range(window.tabs.count()):
        _tab_through(window, tab, unseen)
    QApplication.setCursorFlashTime(1000)
    assert unseen == [], "\n".join(unseen)


def test_tab_from_the_warnings_goes_on_to_the_set(case_window: MainWindow) -> None:
    """The walk above must get past the warnings: Tab in the warnings list moved between its
    cells and never left it (the set, PRN switch and worked lines were out of Tab's reach)."""
    window = shown(case_window)
    reached = _tab_through(window, 0)
    assert window.warnings_panel.view in reached
    assert window.results_panel.set_selector in reached


def _seen_in_its_scroll_areas(widget: QWidget) -> bool:
    """At least the top of ``widget`` (a line of text, or all of it if smaller) is inside the
    viewport of each scroll area holding it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            viewport = parent.viewport()
            top_left = widget.mapTo(viewport, QPoint(0, 0))
            needed = min(widget.height(), 2 * widget.fontMetrics().lineSpacing())
            shown_rect = QRect(top_left, widget.size()).intersected(viewport.rect())
            if shown_rect.height() < needed or shown_rect.width() <= 0:
                return False
        parent = parent.parentWidget()
    return True


def test_ctrl_tab_from_the_table_scrolls_to_what_takes_the_focus(case_window: MainWindow) -> None:
    window = shown(case_window)
    window.resize(*SCALE_2)
    window.show_tab(0)
    QApplication.processEvents()
    assert QApplication.focusWidget() is window.editor.view
    for _ in range(3):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, _CTRL)
        QApplication.processEvents()
        focus = QApplication.focusWidget()
        assert focus is not None
        assert _seen_in_its_scroll_areas(focus), _name(focus)
