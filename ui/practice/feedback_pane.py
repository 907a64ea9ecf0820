"""The whole feedback on the selected answer, in one pane of fixed height beside the form.

Clinician review 10, #8: each answer's feedback sat in a two-line box that cut every message
mid-sentence (the rounded dose's needed four scrolls). Beside an answer there is now one line,
the verdict and the expected value; the selected answer's whole message is here (the answer with
the keyboard focus, or the one whose line was clicked). The pane's height never changes, so
nothing moves when a mark appears or goes (clinician reviews 8 #10 and 9 #6).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from ui.practice.answer_fields import AnswerForm
from ui.practice.words import question_words

__all__ = ["FEEDBACK_PANE_LINES", "FEEDBACK_TITLE", "FeedbackPane"]

# the pane's lines: the longest message (a wrong rounded dose judged from the trainee's own
# numbers, ~430 characters) whole at 1280×720, without scrolling
FEEDBACK_PANE_LINES = 11
FEEDBACK_TITLE = "Feedback on the selected answer"


class FeedbackPane(QPlainTextEdit):
    def __init__(self, form: AnswerForm, parent: QWidget) -> None:
        super().__init__(parent)
        self.form = form
        self.setReadOnly(True)
        self.setAccessibleName(FEEDBACK_TITLE)
        self.setPlaceholderText(
            "Check your answer: the whole feedback on the selected answer shows here."
        )
        lines = self.fontMetrics().lineSpacing() * FEEDBACK_PANE_LINES
        self.setFixedHeight(lines + 2 * self.frameWidth() + 8)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab stays in the answers
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_moved)

    def follow_fields(self) -> None:
        """A new exercise's answers: the pane follows each one's message."""
        self.clear()
        for field in self.form.fields.values():
            field.result.changed = self.show_selected

    def show_selected(self) -> None:
        field = self.form.field_of(QApplication.focusWidget())
        if field is None:
            return
        message = field.result.text()
        self.setPlainText(f"{question_words(field.key)}: {message}" if message else "")

    @Slot(QWidget, QWidget)
    def _focus_moved(self, _old: QWidget | None, now: QWidget | None) -> None:
        if self.form.field_of(now) is not None:
            self.show_selected()
