"""Clinician review 15, #12 (scale 2, keyboard only): a long warning was shown cut at its first
lines (shot-86): a row taller than the list cannot be scrolled through by keys (the arrows go
from warning to warning), and the list sat below the fold. Going down the warnings with the
Down arrow, every line of each warning is shown in the window before the next is current."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea, QTableView, QWidget

from tests.ui.conftest import shown
from tests.ui.fit_checks import SIZES
from ui.main_window import MainWindow

SCALE_2 = SIZES["1280x720@2 = 640x360 logical"]


def _shown_rect(widget: QWidget, rect: QRect) -> QRect:
    """The part of ``rect`` (in ``widget``'s coordinates) inside every scroll area holding it."""
    shown_part = QRect(rect)
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            viewport = parent.viewport()
            offset = widget.mapTo(viewport, QPoint(0, 0))
            shown_part = shown_part.intersected(viewport.rect().translated(-offset))
        parent = parent.parentWidget()
    return shown_part


def test_each_warning_gone_to_by_keys_is_shown_whole(case_window: MainWindow) -> None:
    window = shown(case_window)
    window.resize(*SCALE_2)
    age = window.findChild(QLineEdit, "patient_age")
    assert age is not None
    age.setFocus()
    QTest.keyClick(age, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(age, "78")
    QTest.keyClick(age, Qt.Key.Key_Return)
    window.show_tab(0)
    QApplication.processEvents()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    view = window.warnings_panel.view
    assert QApplication.focusWidget() is view
    count = view.model().rowCount()
    assert count >= 2
    cut = []
    for row in range(count):
        assert view.currentIndex().row() == row
        seen = _lines_seen_by_down(view, row)
        height = _row_rect(view, row).height()
        if len(seen) < height:
            cut.append(f"warning {row + 1}: {len(seen)} of {height} px read")
        if view.currentIndex().row() == row:  # the last warning: Down moves nowhere
            break
    assert cut == []


def _row_rect(view: QTableView, row: int) -> QRect:
    """The whole row, as wide as the list shows, in the list viewport's coordinates."""
    rect = view.visualRect(view.model().index(row, 0))
    return QRect(0, rect.top(), view.viewport().width(), rect.height())


def _lines_seen_by_down(view: QTableView, row: int) -> set[int]:
    """The pixel lines of ``row`` shown in the window while it is the current warning, as Down
    is pressed until the next warning is current (at most 20 presses)."""
    seen: set[int] = set()
    for _ in range(20):
        rect = _row_rect(view, row)
        shown_part = _shown_rect(view.viewport(), rect.intersected(view.viewport().rect()))
        seen |= {y - rect.top() for y in range(shown_part.top(), shown_part.bottom() + 1)}
        QTest.keyClick(view, Qt.Key.Key_Down)
        QApplication.processEvents()
        if view.currentIndex().row() != row:
            break
    return seen
