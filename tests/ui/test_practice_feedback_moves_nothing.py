"""Clinician review 9, #6 (review 8 #10, not fixed): the practice fields moved while answering.
After Check, the feedback beside "Rounded regimen" grew from 3 to 8 lines and every field below
moved down about 85 px (Breakthrough from y=481 to y=565): a mouse user aiming at the next field
could miss it. Every answer's feedback now has a box of its own, of fixed height, that scrolls
when the words are longer: no input, and no button, moves when a mark appears or goes."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.test_practice_window import _type_engine_answers, db_url, practice  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _inputs(window: Any) -> list[QWidget]:
    widgets: list[QWidget] = []
    for field in window.form.fields.values():
        widgets += [w for w in (field.focus_widget(), field.frequency) if w is not None]
        if field.quantity is not None:
            widgets.append(field.quantity.unit)
    return [*widgets, window.check_button, window.worked_button, window.next_button]


def _places(window: Any) -> list[tuple[int, int, int, int]]:
    """Where every input is once the layout has settled (its posted requests all handled)."""
    now = _read(window)
    for _ in range(10):
        QApplication.processEvents()
        last, now = now, _read(window)
        if now == last:
            break
    return now


def _read(window: Any) -> list[tuple[int, int, int, int]]:
    places = []
    for widget in _inputs(window):
        corner = widget.mapTo(window, QPoint(0, 0))
        places.append((corner.x(), corner.y(), widget.width(), widget.height()))
    return places


def _ctrl_return() -> None:
    QTest.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )


def test_no_input_moves_when_the_feedback_appears_or_goes(practice: Any) -> None:  # noqa: F811
    window = practice
    window.resize(1280, 720)
    _type_engine_answers(window)
    before = _places(window)  # answered, not yet graded
    for field in window.form.fields.values():  # every answer wrong: the long feedback
        if field.quantity is not None:
            field.quantity.number.setFocus()
            field.quantity.number.selectAll()
            QTest.keyClicks(field.quantity.number, "1")
    _ctrl_return()
    graded = _places(window)
    assert window.report is not None, window.message.text()
    results = [f.result for f in window.form.fields.values() if f.quantity is not None]
    assert all(r.text().startswith("✗") for r in results), [r.text() for r in results]
    # the long feedback (more than three lines at the old two-line box's width): its one line
    # beside the answer is cut, the whole is in the pane (clinician review 10, #8)
    longest = max(r.fontMetrics().horizontalAdvance(r.text()) for r in results)
    assert longest > 3 * results[0].width(), longest
    assert graded == before  # the feedback appeared: nothing moved
    first = next(f for f in window.form.fields.values() if f.quantity is not None)
    first.quantity.number.setFocus()
    QTest.keyClicks(first.quantity.number, "0")  # the edit clears its mark
    assert not first.result.text()
    assert _places(window) == before
