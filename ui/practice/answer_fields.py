"""One entry field per question, with its result shown beside it in words and colour.

Quantities use the regimen editor's unit-safe ``QuantityEditor``; a mark is never colour alone:
the result label says "Correct" or "Wrong" and names the diagnosis.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QMouseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from mps_pain.presentation.warning_titles import warning_title
from ui.delegates.quantity_delegate import QuantityEditor
from ui.unchanged import restyle

__all__ = ["QUESTION_LABELS", "AnswerField", "AnswerForm"]

QUESTION_LABELS: dict[str, str] = {
    "ome_per_day": "Total &OME/day",
    "equianalgesic_daily_dose": "&Equianalgesic daily dose",
    "reduction": "Cross-tolerance re&duction",
    "target_daily_dose": "T&arget daily dose",
    "regimen": "Rounded re&gimen",
    "breakthrough_dose": "&Breakthrough dose",
    "warnings": "Warn&ings to raise",
}
FREQUENCIES = ("q4h", "q6h", "q8h", "q12h", "q24h", "daily", "bid", "tid", "qid")
# One line of feedback beside an answer: the verdict and the expected value, cut with "…" when
# longer (``FeedbackLine``); the whole message is in the window's feedback pane for the selected
# answer and in the tooltip. The line's height is fixed from the start, so no field moves when a
# mark appears or goes (clinician reviews 8 #10 and 9 #6), and nothing is read by scrolling a
# two-line box (clinician review 10, #8: the rounded-dose message needed four scrolls).
FEEDBACK_LINES = 1
_GOOD = "background-color: #d8f5d0;"
_BAD = "background-color: #fbd3d0;"
_CAUTION = "background-color: #fdeec4;"  # accepted, with caution (amber, not the green)


class AnswerField:
    """The widgets of one question and how to read them into the answer document."""

    def __init__(
        self,
        key: str,
        parent: QWidget,
        *,
        unit: str,
        frequency: str | None,
        rate: bool,
        choices: list[str],
        units: tuple[str, ...] = (),
    ) -> None:
        self.key = key
        self.result = FeedbackLine(parent)
        self.result_box: QWidget = self.result
        self.result.pressed = lambda: self.focus_widget().setFocus()  # selects this answer
        self.quantity: QuantityEditor | None = None
        self.line: QLineEdit | None = None
        self.frequency: QComboBox | None = None
        self.list: QListWidget | None = None
        self.widget = QWidget(parent)
        layout = QHBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        if key == "reduction":
            self.line = QLineEdit(self.widget)
            self.line.setPlaceholderText("e.g. 25%")
            layout.addWidget(self.line)
        elif key == "warnings":
            self.list = ChoiceList(self.widget)
            self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            for code in choices:  # shown by title; the code is the answer's data
                item = QListWidgetItem(warning_title(code), self.list)
                item.setData(Qt.ItemDataRole.UserRole, code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            # every choice shown, whole: long titles wrap, and the list is as tall as its
            # lines at its width (review L1: a sliver; review 5: 2½ of its choices)
            self.list.setWordWrap(True)
            self.list.setResizeMode(QListView.ResizeMode.Adjust)
            self.list.fit_height()
            layout.addWidget(self.list)
        else:
            units = units or _units(key, unit, rate)
            self.quantity = QuantityEditor(units, unit if unit in units else units[0], self.widget)
            layout.addWidget(self.quantity)
            if key == "regimen" and not rate:
                self.frequency = QComboBox(self.widget)
                self.frequency.addItems(list(FREQUENCIES))
                self.frequency.setAccessibleName("Frequency")
                if frequency:
                    self.frequency.setCurrentText(frequency)
                layout.addWidget(self.frequency)
        self.rate = rate
        self._name_for_screen_readers(QUESTION_LABELS[key].replace("&", ""))
        self._clear_mark_on_change()

    def _name_for_screen_readers(self, question: str) -> None:
        """Each entry named by its question (ui-fix3 #3: every amount box was "Amount", the
        reduction and the warnings had no name)."""
        if self.quantity is not None:
            self.quantity.number.setAccessibleName(f"{question}: amount")
            self.quantity.unit.setAccessibleName(f"{question}: unit")
        if self.frequency is not None:
            self.frequency.setAccessibleName(f"{question}: frequency")
        for widget in (self.line, self.list):
            if widget is not None:
                widget.setAccessibleName(question)

    def _clear_mark_on_change(self) -> None:
        """A changed answer is no longer the one marked (review 6, #4: "✓ Correct" stayed
        beside a unit the wheel had changed)."""
        clear = self.clear_mark
        if self.line is not None:
            self.line.textChanged.connect(clear)
        if self.list is not None:
            self.list.itemChanged.connect(clear)
        if self.quantity is not None:
            self.quantity.number.textChanged.connect(clear)
            self.quantity.unit.currentIndexChanged.connect(clear)
        if self.frequency is not None:
            self.frequency.currentIndexChanged.connect(clear)

    def clear_mark(self) -> None:
        """The mark goes; its box stays (clinician review 8 #10: the fields below moved up
        under the pointer when a feedback line disappeared)."""
        if self.result.text():
            self.mark(None, "")

    def focus_widget(self) -> QWidget:
        if self.quantity is not None:
            return self.quantity.number
        return self.line or self.list or self.widget

    def value(self) -> Any:
        if self.line is not None:
            return self.line.text().strip()
        if self.list is not None:
            return [
                self.list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked
            ]
        assert self.quantity is not None
        text = self.quantity.text().strip()
        if self.key != "regimen":
            return text
        if self.rate:
            return {"rate": text}
        assert self.frequency is not None
        return {"dose": text, "frequency": self.frequency.currentText()}

    def mark(self, correct: bool | None, text: str, line: str = "", caution: bool = False) -> None:
        """``text`` the whole message (pane, tooltip, screen readers), ``line`` its short
        first line beside the answer (the verdict and the expected value); ``caution``: an
        accepted answer marked apart from the green tick (the grader's ``KeyGrade.caution``)."""
        style = "" if correct is None else (_GOOD if correct else _BAD)
        colour = "color: #1b6e1b;" if correct else "color: #a11;"
        if correct and caution:
            style, colour = _CAUTION, "color: #7a4a00;"
        target = self.focus_widget()
        restyle(target, style)
        self.result.set_message(text, line or text)
        restyle(self.result, colour)
        target.setAccessibleDescription(text)


class FeedbackLine(QLabel):
    """One line beside an answer: its short words, cut with "…" at its width. ``text()`` is
    the whole message (the pane shows it for the selected answer), as is the tooltip."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._message = ""
        self._line = ""
        self.pressed: Callable[[], object] | None = None
        self.changed: Callable[[], object] | None = None  # the pane follows its message
        self.setWordWrap(False)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setMinimumWidth(1)  # its words never widen the form: they are cut instead
        self.setFixedHeight(self.fontMetrics().lineSpacing() * FEEDBACK_LINES + 4)

    def set_message(self, message: str, line: str) -> None:
        self._message, self._line = message, line
        self.setToolTip(message)  # the whole feedback under the pointer, too
        self._elide()
        if self.changed is not None:
            self.changed()

    def text(self) -> str:
        return self._message

    def shown(self) -> str:
        """What the line shows at its width."""
        return super().text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        if self.pressed is not None:
            self.pressed()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        shown = metrics.elidedText(self._line, Qt.TextElideMode.ElideRight, max(self.width(), 1))
        QLabel.setText(self, shown)

    def sizeHint(self) -> QSize:  # one line, however long its words
        return QSize(1, self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(1, self.height())


class ChoiceList(QListWidget):
    """A list of check boxes that shows every choice: its height follows its (wrapped) lines
    at its width, never less than three lines, and it never scrolls."""

    def fit_height(self) -> None:
        if self.isVisible():  # its lines at its width
            self.doItemsLayout()
            rows = range(self.count())
            lines = sum(self.visualItemRect(self.item(row)).height() for row in rows)
        else:  # not laid out yet: a line a choice
            lines = self.count() * max(self.sizeHintForRow(0), self.fontMetrics().height())
        least = self.fontMetrics().height() * 3  # never a sliver, even before its layout
        height = max(lines, least) + 2 * self.frameWidth() + 2
        if height != self.minimumHeight():
            self.setFixedHeight(height)
            parent = self.parentWidget()
            if parent is not None:
                parent.setMinimumHeight(height)  # the grid row too, not just the list

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_height()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_height()


def _units(key: str, unit: str, rate: bool) -> tuple[str, ...]:
    if key == "ome_per_day":
        return ("mg/day",)
    if key == "breakthrough_dose":
        return ("mg", "mcg")
    if key == "regimen":
        return ("mcg/h", "mg/h") if rate else ("mg", "mcg")
    return ("mg/day", "mcg/day", "mcg/h", "mg/h")


def cannot_read(words: str) -> str:
    """An answer's refusal, in its field and on the status line alike."""
    return f"Cannot read this answer: {words}"


class AnswerForm(QWidget):
    """The questions of one exercise in a grid: label, entry, result."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(2, 1)
        # seven questions, their feedback boxes and the exercise fit 1280×720: no spacing
        # between rows (each feedback box is its row's gap), the group box's margins only
        self.grid.setVerticalSpacing(0)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.fields: dict[str, AnswerField] = {}

    def set_questions(self, asks: list[str], hints: dict[str, Any], choices: list[str]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone at once, not only when the event loop deletes it
                widget.setParent(None)
                widget.deleteLater()
        self.fields = {}
        top = Qt.AlignmentFlag.AlignTop
        for row, key in enumerate(asks):
            hint = hints.get(key, {})
            field = AnswerField(
                key,
                self,
                unit=hint.get("unit", "mg/day"),
                frequency=hint.get("frequency"),
                rate=bool(hint.get("rate")),
                choices=choices,
                units=tuple(hint.get("units", ())),
            )
            label = QLabel(QUESTION_LABELS[key], self)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            if field.list is None:
                label.setMinimumHeight(field.focus_widget().sizeHint().height())
            label.setBuddy(field.focus_widget())
            self.grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            if field.list is not None:  # the choices across both columns over two rows, the
                # mark under the question's label, beside the list (the form fits 1280×720)
                self.grid.addWidget(field.widget, row, 1, 2, 2)
                self.grid.addWidget(field.result_box, row + 1, 0, top)
            else:
                self.grid.addWidget(field.widget, row, 1, top)
                self.grid.addWidget(field.result_box, row, 2, top)
            self.fields[key] = field

    def field_of(self, widget: QWidget | None) -> AnswerField | None:
        """The answer whose entry holds ``widget`` (the selected answer), or None."""
        for field in self.fields.values():
            if widget is not None and (widget is field.widget or field.widget.isAncestorOf(widget)):
                return field
        return None

    def answers(self) -> dict[str, Any]:
        return {key: field.value() for key, field in self.fields.items()}

    def typed(self) -> bool:
        """Any answer typed or ticked (not yet checked, it is never lost without asking)."""
        for field in self.fields.values():
            if field.line is not None and field.line.text().strip():
                return True
            if field.quantity is not None and field.quantity.number.text().strip():
                return True
            if field.list is not None and any(
                field.list.item(i).checkState() == Qt.CheckState.Checked
                for i in range(field.list.count())
            ):
                return True
        return False

    def mark_problems(self, problems: dict[str, str], first: str | None) -> None:
        """Mark every field that cannot be read with its own words at once, the cursor in
        ``first`` (the field the status line names) or the first marked (review 20, N9)."""
        for key, words in problems.items():
            self.fields[key].mark(False, cannot_read(words))
        focus = first if first in problems else next(iter(problems), None)
        if focus is not None:
            self.fields[focus].focus_widget().setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_height()

    def fit_height(self) -> None:
        """At least as tall as its rows at its width (the marks after Check wrap): a scrolling
        page asks a wrapped grid for its height at a width, which left out the minimum heights
        of its rows and cut the last one (review L1, scale 2)."""
        needed = max(self.grid.minimumSize().height(), self.grid.totalHeightForWidth(self.width()))
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)
