"""The practice form holds still while an answer is edited (clinician review 8 #10: a graded
field's feedback disappeared when it was edited and every field below moved up; a click aimed at
the next field hit a label and the typing went into the previous one)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.test_practice_window import _type_engine_answers, db_url, practice  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _tops(window: Any) -> dict[str, int]:
    return {
        key: field.widget.mapTo(window, QPoint(0, 0)).y()
        for key, field in window.form.fields.items()
    }


def test_editing_a_graded_answer_moves_no_field(practice: Any) -> None:  # noqa: F811
    window = practice
    _type_engine_answers(window)
    first = next(f for f in window.form.fields.values() if f.quantity is not None)
    first.quantity.number.setFocus()
    first.quantity.number.selectAll()
    QTest.keyClicks(first.quantity.number, "1")  # a wrong first answer: its feedback is long
    QTest.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    QApplication.processEvents()
    assert first.result.text()
    # the feedback is longer than its line beside the entry (clinician review 10, #8: one line,
    # the whole message in the pane): the line is cut, not grown
    assert first.result.fontMetrics().horizontalAdvance(first.result.text()) > first.result.width()
    assert practice.feedback.toPlainText().endswith(first.result.text())
    before = _tops(window)
    first.quantity.number.setFocus()
    QTest.keyClick(first.quantity.number, Qt.Key.Key_End)
    QTest.keyClicks(first.quantity.number, "0")  # the edit clears the mark ...
    QApplication.processEvents()
    assert not first.result.text()  # ... as review 6 #4 asks
    assert _tops(window) == before  # ... and nothing under the pointer moves
