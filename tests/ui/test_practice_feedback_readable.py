"""Clinician review 10, #8 (shot51-56): every practice feedback message was cut mid-sentence in
a two-line box with its own scroll bar (the rounded dose's needed four scrolls), and the worked
answer showed three lines. Beside each answer there is now one line, the verdict and the
expected value; the selected answer's whole message is in one pane of fixed height beside the
form, which holds it without scrolling at 1280×720; the worked answer has room for its steps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.test_practice_carries_the_trainees_base import (  # noqa: F401
    TYPED,
    _first_level_3_uk_exercise,
    _type,
    practice,
)
from ui.practice.practice_window import PracticeWindow
from ui.practice.words import CAUTION_MARK

#: the marks of a message and of its line: correct, accepted with caution, wrong
MARKS = ("✓ Correct", CAUTION_MARK, "✗ Wrong")

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_review10_8_the_selected_answers_whole_feedback_is_read_without_scrolling(
    practice: PracticeWindow,  # noqa: F811
) -> None:
    practice.resize(1280, 720)
    _first_level_3_uk_exercise(practice)
    # 60 mg q12h: the daily target typed as the dose, a wrong answer with its (true) diagnosis,
    # the longest message. "10" had been longest only by a false diagnosis ("reduction applied
    # twice" after a right reduction), dropped since pharmacist review 18 L1.
    _type(practice, {**TYPED, "regimen": "60"})
    QTest.keyClick(practice, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert practice.report is not None, practice.message.text()
    QApplication.processEvents()
    pane = practice.feedback
    for key, field in practice.form.fields.items():
        field.focus_widget().setFocus()  # the selected answer
        QApplication.processEvents()
        message = field.result.text()
        assert message and pane.toPlainText().endswith(message), (key, pane.toPlainText())
        assert pane.verticalScrollBar().maximum() == 0, (key, message)  # read whole
        line = field.result.shown()  # the one line beside the answer: verdict first
        mark = next(m for m in MARKS if message.startswith(m[:1]))  # the message's own mark
        assert line.startswith(mark), (line, message)
        assert field.result.height() <= 2 * field.result.fontMetrics().lineSpacing()
    regimen = practice.form.fields["regimen"].result
    assert len(regimen.text()) > 300  # the longest message, whole in the pane above
    assert regimen.shown().startswith(
        "✗ Wrong (Per dose and per day mixed up): expected 25 mg q12h"
    ), regimen.shown()  # the diagnosis named in the line; the line elided at its width
    lines = practice.worked.height() // practice.worked.fontMetrics().lineSpacing()
    assert lines >= 8, lines  # the worked answer: more than review 10's three lines


def test_review10_8_clicking_a_feedback_line_selects_its_answer(
    practice: PracticeWindow,  # noqa: F811
) -> None:
    _first_level_3_uk_exercise(practice)
    _type(practice, {**TYPED, "regimen": "10"})
    QTest.keyClick(practice, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    breakthrough = practice.form.fields["breakthrough_dose"]
    QTest.mouseClick(breakthrough.result, Qt.MouseButton.LeftButton)
    assert breakthrough.focus_widget().hasFocus()
    # 10 mg rests on the 79.5 above the planner's 53: accepted, with caution (review 14 #3)
    assert practice.feedback.toPlainText().startswith(f"Breakthrough dose: {CAUTION_MARK}")
