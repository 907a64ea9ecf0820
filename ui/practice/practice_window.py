"""The Practice window: choose a level and topic (or a teacher's set), answer, check, learn.

The current regimen is shown read-only in the regimen editor's own table (its MME column, which
would give the answer away, is hidden). Everything is reachable from the keyboard: the fields
have mnemonics, Ctrl+Return checks, Ctrl+Shift+W shows the worked answer, Ctrl+N moves on,
Ctrl+Shift+N makes new exercises with the choices above.
Grading and progress go through ``mps_pain.practice.service`` and ``PracticeStore``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import MpsPainError
from mps_pain.practice.service import answer_problems, attempt_of, grade_answer, new_exercises
from mps_pain.presentation.wording import plain_source
from ui.models.regimen_table_model import MME_COLUMN, RegimenTableModel
from ui.practice.answer_fields import AnswerForm, cannot_read
from ui.practice.choices import ExerciseChoices
from ui.practice.feedback_pane import FEEDBACK_TITLE, FeedbackPane
from ui.practice.parts import ReadOnlyTable, field_hints, group_box
from ui.practice.progress_chart import NO_RECORDS, NOT_KEPT, ProgressChart
from ui.practice.progress_file import write_progress_csv
from ui.practice.words import expected_words, result_line, result_words, topic_words
from ui.screen_fit import resize_to_fit, scrolling
from ui.session import EditorSession
from ui.wheel_guard import install_wheel_guard
from ui.widgets.wrapped_label import WrappedLabel
from ui.window_keys import install_close_keys

if TYPE_CHECKING:
    from mps_pain.persistence.practice_store import PracticeStore
    from mps_pain.practice.models import Exercise, GradeReport
    from mps_pain.tables.index import TableIndex

__all__ = ["PracticeWindow"]

NARROW = 900  # logical px: below this the progress goes under the exercise
BATCH = 10  # exercises per "New exercises": a trainee's set of ten


class PracticeWindow(QMainWindow):
    def __init__(
        self,
        tables: TableIndex,
        store: PracticeStore | None,
        parent: QWidget | None = None,
        *,
        learner: str = "",
        market: Callable[[], str | None] = lambda: None,
    ) -> None:
        """``market``: the preferences' market, read at each "New exercises" (the words the
        exercises, their table and their marks are in; clinician re-check 20c, L1)."""
        super().__init__(parent)
        install_wheel_guard()  # it may open on its own (mps-pain practice)
        self.setWindowTitle("Practice — opioid conversion exercises")
        self.tables, self.store, self.market_now = tables, store, market
        self.exercises: list[Exercise] = []
        self.position = 0
        self.report: GradeReport | None = None
        self.session = EditorSession(self)
        self.session.load_core(tables)
        self._build(learner)
        resize_to_fit(self, 1280, 860, name="practice")
        self.refresh_progress()
        self.new_exercises()

    # --- layout -----------------------------------------------------------------------------
    def _build(self, learner: str) -> None:
        self.choices = ExerciseChoices(self.tables, learner, self)
        choices = self.choices
        self.learner, self.source, self.level = choices.learner, choices.source, choices.level
        self.topic, self.table, self.seed = choices.topic, choices.table, choices.seed
        self.learner.editingFinished.connect(self.refresh_progress)
        choices.new_button.clicked.connect(self.new_exercises)

        # wrapped texts keep their lines' height as their minimum (review L1: the answers box
        # was pushed out of its frame by a three-line prompt)
        self.heading = WrappedLabel("", self)
        self.heading.setObjectName("exerciseHeading")
        self.prompt = WrappedLabel("", self)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.regimen = QTableView(self)
        self.regimen.setAccessibleName("Current regimen (read-only)")
        proxy = ReadOnlyTable(self)
        proxy.setSourceModel(RegimenTableModel(self.session, self))
        self.regimen.setModel(proxy)
        self.regimen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.regimen.setColumnHidden(MME_COLUMN, True)
        self.regimen.horizontalHeader().setStretchLastSection(True)
        # two rows whole, more scroll inside: the answers keep the height (review L1)
        self.regimen.setMinimumHeight(
            self.regimen.horizontalHeader().sizeHint().height()
            + 2 * self.regimen.verticalHeader().defaultSectionSize()
            + 2 * self.regimen.frameWidth()
        )
        self.form = AnswerForm(self)
        self.check_button = QPushButton("&Check my answer (Ctrl+Return)", self)
        self.check_button.clicked.connect(self.check_answer)
        self.worked_button = QPushButton("Show &worked answer (Ctrl+Shift+W)", self)
        self.worked_button.clicked.connect(self.show_worked)
        self.next_button = QPushButton("Ne&xt exercise (Ctrl+N)", self)
        self.next_button.clicked.connect(self.next_exercise)
        self.message = WrappedLabel("", self)
        self.buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        for button in (self.check_button, self.worked_button, self.next_button):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        self.worked = QPlainTextEdit(self)
        self.worked.setReadOnly(True)
        self.worked.setAccessibleName("Worked answer: the planner's steps with their sources")
        self.worked.setPlaceholderText("Check your answer, then show the worked answer.")
        self.worked.setMinimumHeight(
            self.worked.fontMetrics().lineSpacing() * 3 + 2 * self.worked.frameWidth() + 8
        )
        self.feedback = FeedbackPane(self.form, self)

        exercise = QWidget(self)
        self._exercise = exercise
        exercise.installEventFilter(self)  # its height follows its width when narrow
        column = QVBoxLayout(exercise)
        column.addWidget(self.heading)
        column.addWidget(self.prompt)
        column.addWidget(self.regimen)
        column.addWidget(group_box("Your answers", self.form, self))
        column.addLayout(self.buttons)
        column.addWidget(self.message)
        column.addStretch(1)

        self.chart = ProgressChart(self)
        export = QPushButton("Export progress as CSV…", self)
        export.clicked.connect(self._export_dialog)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(group_box(FEEDBACK_TITLE, self.feedback, self))
        side_layout.addWidget(group_box("Worked answer", self.worked, self), 1)
        side_layout.addWidget(group_box("Progress", self.chart, self))
        side_layout.addWidget(export)

        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.addWidget(exercise)
        self.split.addWidget(side)
        self.split.setStretchFactor(0, 3)
        self.split.setSizes([900, 360])
        self.split.setChildrenCollapsible(False)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.choices)
        layout.addWidget(self.split, 1)
        self.setCentralWidget(scrolling(central, self))  # a small screen scrolls (issue 10 §3)
        self._shortcut("Ctrl+Return", self.check_answer)
        self._shortcut("Ctrl+Shift+N", self.new_exercises)
        self._shortcut("Ctrl+Shift+W", self.show_worked)
        self._shortcut(QKeySequence.StandardKey.New, self.next_exercise)
        install_close_keys(self)  # Esc, Ctrl+W: as the records window (review 11, #7)

    def _shortcut(self, keys: str | QKeySequence.StandardKey, slot: Any) -> None:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self.addAction(action)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Narrow (scale factor 2): progress below the exercise, the buttons one per line."""
        narrow = event.size().width() < NARROW
        self.split.setOrientation(Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal)
        self.choices.arrange(2 if narrow else 3)
        self.buttons.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Narrow, the exercise sits above the progress in a splitter, which sizes it by its
        minimum and cut its answers (the wrapped texts need more at that width): it keeps the
        height its texts need at its width, and the page scrolls (review L1, scale 2)."""
        resized = event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest)
        if watched is self._exercise and resized:  # a new message line grows it, too
            narrow = self.split.orientation() == Qt.Orientation.Vertical
            layout = self._exercise.layout()
            needed = 0
            if narrow and layout is not None:
                needed = max(layout.totalHeightForWidth(self._exercise.width()), 0)
            if needed != self._exercise.minimumHeight():
                self._exercise.setMinimumHeight(needed)
        return super().eventFilter(watched, event)

    # --- exercises --------------------------------------------------------------------------
    @Slot()
    def new_exercises(self) -> None:
        if not self._may_leave_answers():
            return
        source = self.source.currentData()
        self.session.default_market = market = self.market_now()
        try:
            self.exercises = new_exercises(
                level=None if source else int(self.level.currentData()),
                seed=self.seed.value(),
                set_id=source or self.table.currentData(),
                topic=None if source else self.topic.currentData(),
                count=None if source else BATCH,
                tables=self.tables,
                market=market,
            )
        except MpsPainError as exc:
            self.message.setText(f"No exercises with these choices: {exc.message}")
            return
        self.position = 0
        self._show_exercise()

    def _may_leave_answers(self) -> bool:
        """Answers typed but not checked are never lost without asking (review D12)."""
        if not self.exercises or self.report is not None or not self.form.typed():
            return True
        answer = QMessageBox.question(
            self,
            "Start new exercises?",
            f"The answers typed for exercise {self.position + 1} are not checked yet and would "
            "be lost. Start new exercises anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def next_exercise(self) -> None:
        if not self.exercises:
            return
        self.position = (self.position + 1) % len(self.exercises)
        self._show_exercise()

    @property
    def exercise(self) -> Exercise:
        return self.exercises[self.position]

    def _show_exercise(self) -> None:

        exercise = self.exercise
        self.report = None
        self.heading.setText(
            f"<b>Exercise {self.position + 1} of {len(self.exercises)}</b> — level "
            f"{exercise.level}, {topic_words(exercise.topic)}, "
            f"{self.tables.reference_set(exercise.table, location=None).name}"
        )
        self.prompt.setText(exercise.prompt)
        if exercise.switch is not None:
            current = exercise.switch.from_
            document = RegimenDocument(
                table=exercise.table,
                prn=current.prn,
                items=current.items,
                patient=exercise.switch.patient,
            )
        else:
            assert exercise.regimen is not None
            document = exercise.regimen
        self.session.replace_document(document)
        self.regimen.setColumnHidden(MME_COLUMN, True)
        self.regimen.resizeColumnsToContents()  # no "dihydrocod…": each column fits its text
        rows = self.regimen.model().rowCount()
        self.regimen.setFixedHeight(
            self.regimen.horizontalHeader().height()
            + rows * self.regimen.verticalHeader().defaultSectionSize()
            + self.regimen.horizontalScrollBar().sizeHint().height()
            + 6
        )
        self.form.set_questions(list(exercise.asks), field_hints(exercise), exercise.choices)
        self.feedback.follow_fields()
        self.worked.clear()
        self.worked_button.setEnabled(False)
        self.message.setText("")
        first = next(iter(self.form.fields.values()), None)
        if first is not None:
            first.focus_widget().setFocus()

    # --- grading ----------------------------------------------------------------------------
    @Slot()
    def check_answer(self) -> None:

        if not self.exercises:
            return
        answers = self.form.answers()
        empty = [
            k
            for k, v in answers.items()
            if v in ("", {"dose": "", "frequency": None})
            or (isinstance(v, dict) and "" in (v.get("dose"), v.get("rate")))
        ]
        for key in empty:
            self.form.fields[key].mark(False, "No answer yet: enter a value.")
        if empty:
            self.message.setText(f"Answer every question first ({len(empty)} still empty).")
            self.form.fields[empty[0]].focus_widget().setFocus()
            return
        try:
            report = grade_answer(
                {"exercise": self.exercise.id, "answers": answers},
                tables=self.tables,
                market=self.session.default_market,
            )
        except MpsPainError as exc:
            self._show_input_error(exc, answers)
            return
        self.report = report
        for result in report.results:
            given, field = answers.get(result.key), self.form.fields[result.key]
            words, line = result_words(result, given), result_line(result, given)
            caution = result.caution or result.follows_only  # amber, never the green tick
            field.mark(result.correct, words, line, caution=caution)
        self.form.fit_height()
        self.message.setText(
            f"Score {report.score} of {report.total}. Show the worked answer to see every step."
        )
        self.worked_button.setEnabled(True)
        self._save(report)

    def _show_input_error(self, exc: Any, answers: dict[str, Any]) -> None:
        location = exc.location or ""
        key = next((k for k in self.form.fields if f"answers.{k}" in location), None)
        found = answer_problems(self.exercise.id, answers)  # every field at once (review 20 N9)
        problems = {key: exc.message} | found if key is not None else found
        self.form.mark_problems(problems, key)
        self.message.setText(cannot_read(exc.message))

    def _save(self, report: GradeReport) -> None:

        name = self.learner.text().strip()
        if self.store is None or not name:
            why = "no records database" if self.store is None else "no learner name given"
            self.message.setText(f"{self.message.text()} Progress not saved ({why}).")
            return
        try:
            self.store.record(attempt_of(name, report, self.exercise, self.tables.version))
        except MpsPainError as exc:
            self.message.setText(f"{self.message.text()} Progress not saved: {exc.message}")
            return
        self.refresh_progress()

    @Slot()
    def show_worked(self) -> None:
        if self.report is None:
            self.message.setText("Check your answer first; then the worked answer is shown.")
            return
        worked = self.report.worked
        set_name = self.tables.reference_set(worked.table.id, location=None).name
        lines = [
            f"Worked answer under {set_name} (tables v{worked.table.version}, "
            f"SHA-256 {worked.table.sha256[:12]}…):",
            *(plain_source(step) or "" for step in worked.steps),
            "",
            "Expected answers:",
            *(f"  {expected_words(r)}" for r in self.report.results),
        ]
        self.worked.setPlainText("\n".join(lines))
        self.worked.setFocus()

    # --- progress ---------------------------------------------------------------------------
    def refresh_progress(self) -> None:
        name = self.learner.text().strip()
        if self.store is None or not name:
            self.chart.set_progress({}, Counter(), NO_RECORDS if self.store is None else NOT_KEPT)
            return
        self.chart.set_progress(self.store.scores_by_level(name), self.store.patterns(name))

    def export_csv(self, path: str) -> None:
        write_progress_csv(self, self.store, self.learner.text().strip(), path)

    @Slot()
    def _export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export progress", "progress.csv", "CSV (*.csv)"
        )
        if path:
            self.export_csv(path)
