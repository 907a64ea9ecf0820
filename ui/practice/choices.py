"""What to practise: the learner, the source (generated, published cases, a teacher's set), the
level, topic, set and exercise number, and the "New exercises" button.

The generator's seed is shown as the *exercise number* (review 3: "Random seed" and a set
"chosen by the seed" are a programmer's words): the same number gives the same exercises.

Laid out as a grid of three label–field pairs per row, the list boxes as wide as about ten
letters (long entries elided, whole in the list and the tooltip), so the Practice window fits
1280×720 and scale factor 2 (issue 10 §3; it used to open 1467 px wide).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from mps_pain.practice.exercise_sets import load_exercise_sets
from mps_pain.practice.service import CASES_SET
from mps_pain.practice.templates import LEVEL_TOPICS
from ui.practice.words import LEVEL_WORDS, topic_words
from ui.screen_fit import elide_combo

if TYPE_CHECKING:
    from mps_pain.tables.index import TableIndex

__all__ = ["GENERATED", "ExerciseChoices"]

GENERATED = "Generated exercises"
EXERCISE_NUMBER_TIP = (
    "The same number gives the same exercises again (for a class or an exam); another number "
    "gives new ones."
)
ANY_SET_TIP = "Each exercise uses one of the reference sets, chosen with the exercise number."


class ExerciseChoices(QWidget):
    def __init__(self, tables: TableIndex, learner: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.learner = QLineEdit(learner, self)
        self.learner.setPlaceholderText("your name (progress is saved under it)")
        self.learner.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 18)
        self.source = QComboBox(self)
        self.level = QComboBox(self)
        self.topic = QComboBox(self)
        self.table = QComboBox(self)
        for combo in (self.source, self.level, self.topic, self.table):
            elide_combo(combo, 10)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 999_999)
        self.seed.setToolTip(EXERCISE_NUMBER_TIP)
        self.seed.setAccessibleDescription(EXERCISE_NUMBER_TIP)
        self.new_button = QPushButton("&New exercises (Ctrl+Shift+N)", self)
        self._fill(tables)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._pairs: list[tuple[QLabel, QWidget]] = []
        for text, widget in (
            ("&Learner", self.learner),
            ("&Source", self.source),
            ("Le&vel", self.level),
            ("To&pic", self.topic),
            ("Se&t", self.table),
            ("Exe&rcise number", self.seed),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            self._pairs.append((label, widget))
        self.arrange(3)

    def arrange(self, pairs_per_row: int) -> None:
        """Three label–field pairs per row and the button beside them; two pairs per row and
        the button under them on a narrow window."""
        grid = self._grid
        for label, widget in self._pairs:
            grid.removeWidget(label)
            grid.removeWidget(widget)
        grid.removeWidget(self.new_button)
        for number, (label, widget) in enumerate(self._pairs):
            row, column = divmod(number, pairs_per_row)
            grid.addWidget(label, row, column * 2)
            grid.addWidget(widget, row, column * 2 + 1)
        for column in range(7):
            grid.setColumnStretch(column, 1 if column % 2 and column < pairs_per_row * 2 else 0)
        rows = -(-len(self._pairs) // pairs_per_row)
        if pairs_per_row >= 3:
            grid.addWidget(self.new_button, 0, pairs_per_row * 2, rows, 1)
        else:
            grid.addWidget(self.new_button, rows, 0, 1, pairs_per_row * 2)

    def _fill(self, tables: TableIndex) -> None:
        self.source.addItem(GENERATED, None)
        self.source.addItem("Published cases (5)", CASES_SET)
        for exercise_set in load_exercise_sets(tables):
            self.source.addItem(f"Teacher's set: {exercise_set.title}", exercise_set.id)
        for level, text in enumerate(LEVEL_WORDS, start=1):
            self.level.addItem(f"{level}: {text}", level)
        self.level.setCurrentIndex(2)
        self.level.currentIndexChanged.connect(self._fill_topics)
        self._fill_topics()
        self.source.currentIndexChanged.connect(self._on_source_changed)
        self.table.addItem("any set", None)
        self.table.setItemData(0, ANY_SET_TIP, Qt.ItemDataRole.ToolTipRole)
        for set_ in tables.tables.reference_sets:
            self.table.addItem(set_.name, set_.id)

    @Slot()
    def _on_source_changed(self) -> None:
        """Level, topic and set choose generated exercises only; a set brings its own."""
        generated = self.source.currentData() is None
        for widget in (self.level, self.topic, self.table):
            widget.setEnabled(generated)

    @Slot()
    def _fill_topics(self) -> None:
        self.topic.clear()
        self.topic.addItem("any", None)
        for topic in LEVEL_TOPICS[int(self.level.currentData())]:
            self.topic.addItem(topic_words(topic), topic)
