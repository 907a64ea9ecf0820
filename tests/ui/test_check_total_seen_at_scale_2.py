"""Clinician review 18, #7 (low-medium): at QT_SCALE_FACTOR=2 (1280×720 → 640×360 logical),
Ctrl+3 put the focus on the current regimen's list and the check page scrolled to it: the left
pane started mid-sentence and "195 OME/day under …", the total the check compares, was above
the fold. Whatever takes the focus on the check page, the current total stays in view. Real
window at the logical size of scale 2 (tests/ui/fit_checks.py), QTest keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.fit_checks import SIZES
from tests.ui.keyboard import press

CTRL = Qt.KeyboardModifier.ControlModifier


def _seen_whole(widget, area) -> bool:
    """``widget`` is inside the scroll area's viewport, all of it."""
    viewport = area.viewport()
    where = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return viewport.rect().contains(where)


@pytest.mark.parametrize("size", ["1280x720@2 = 640x360 logical", "1280x720"])
def test_the_current_total_stays_in_view(case_window, size: str) -> None:
    window = shown(case_window)
    window.resize(*SIZES[size])
    QApplication.processEvents()
    press((Qt.Key.Key_3, CTRL))
    check = window.check
    QApplication.processEvents()
    focus = QApplication.focusWidget()
    assert check.isAncestorOf(focus), focus
    total = check.current_total
    assert "OME/day" in total.text() or "MME/day" in total.text(), total.text()
    assert _seen_whole(total, check._page), (size, focus)  # was: scrolled above the fold


def test_the_total_stays_in_view_with_the_order_being_changed(case_window, qtbot) -> None:
    """Alt+U (start from the current regimen) puts the cursor in the proposed order and scrolls
    the page to it: the current total it is compared with stays in view too."""
    window = shown(case_window)
    window.resize(*SIZES["1280x720@2 = 640x360 logical"])
    QApplication.processEvents()
    press((Qt.Key.Key_3, CTRL))
    check = window.check
    press((Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is check.proposed_editor.view)
    qtbot.wait(50)  # the page scrolls to the order after the check it starts
    assert _seen_whole(check.current_total, check._page)
    assert (
        check._page.viewport()
        .rect()
        .intersects(
            QRect(
                check.proposed_editor.view.mapTo(check._page.viewport(), QPoint(0, 0)),
                check.proposed_editor.view.size(),
            )
        )
    )
