"""The quick converter: one opioid to another on one screen, answered in one line.

It asks the same planner as the full planner (``plan_rotation``) with a one-item regimen, so the
numbers, the sourced reduction, the rounding, the breakthrough dose and the spread across sets are
the planner's. Hover the line for the arithmetic and its sources. "Open in planner" carries the
question to the full planner; "Save plan to patient…" stores it in the patient's record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mps_pain.domain.frequency import FREQUENCY_WORDS
from mps_pain.domain.typed_amount import amount_field_for
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import plan_rotation
from ui.converter.actions import OPEN_TIP, enable_actions
from ui.converter.answer_line import AnswerLine
from ui.converter.carried import CarriedField
from ui.converter.describe import ConversionQuestion, describe_plan
from ui.delegates.quantity_delegate import QuantityEditor
from ui.error_words import plain_error
from ui.patient_editing import refuse_unread_patient
from ui.plain_language import default_unit
from ui.planner.plan_view import SPREAD_HEADING
from ui.screen_fit import elide_combo, scrolling
from ui.theme import banner_style
from ui.unchanged import restyle
from ui.widgets.set_choice import fill_equianalgesic_sets, set_choice

if TYPE_CHECKING:
    from mps_pain.domain.rotation.models import RotationPlan
    from ui.session import EditorSession

__all__ = ["ConverterPanel"]

AMOUNT_UNITS = ("mg/day", "mg", "mcg/h", "mg/h", "mcg", "mcg/day")
ALERT_STYLE = banner_style("rgb(170, 20, 20)")


class ConverterPanel(QWidget):
    """Drug, route, amount and frequency in; target drug and route; one line out."""

    planChanged = Signal()
    openInPlanner = Signal()
    saveRequested = Signal()

    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._loading = True
        self._refilling = False  # a route list being refilled (_routes): no answer yet
        self.plan: RotationPlan | None = None
        self.question: ConversionQuestion | None = None
        # the question last saved with its plan to a patient's record (ui/unsaved_work.py)
        self.saved_question: ConversionQuestion | None = None
        self.request: dict[str, Any] | None = None

        self.from_drug = _combo(self, "From drug")
        self.from_route = _combo(self, "From route")
        self.amount = QuantityEditor(AMOUNT_UNITS, "mg/day", self)
        self.amount.setAccessibleName("From amount")
        self.from_frequency = _combo(self, "From frequency (leave empty for a daily total)")
        self.from_frequency.setEditable(True)
        self.to_drug = _combo(self, "To drug")
        self.to_route = _combo(self, "To route")
        self.to_frequency = _combo(self, "To frequency (empty for a patch or infusion)")
        self.to_frequency.setEditable(True)
        self.table = set_choice(self)

        self.result = AnswerLine("Enter the current opioid and the target.", self)
        self.answer = self.result.answer  # the dose to give: on screen at scale 2 (review 5)
        self.alert = QLabel("", self)
        self.alert.setObjectName("conversion_alert")
        self.alert.setWordWrap(True)
        restyle(self.alert, ALERT_STYLE)
        self.alert.setAccessibleName("Alert")
        self.alert.hide()
        self.notes = QLabel("", self)
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName("Notes and warnings")
        self.spread = QLabel("", self)
        self.spread.setWordWrap(True)
        self.spread.setAccessibleName(SPREAD_HEADING)
        # shown only over a spread: never a heading alone under a refusal (ui-fix3 #5)
        self.spread_heading = QLabel("<b>Across equianalgesic sets</b>", self)
        self.spread_heading.hide()
        self.open_button = QPushButton("Open &in planner", self)
        self.open_button.setAccessibleName("Open in planner")
        self.open_button.setToolTip(OPEN_TIP)
        self.open_button.clicked.connect(self.openInPlanner)
        self.save_button = QPushButton("Save plan to patient recor&d…", self)
        self.save_button.setAccessibleName("Save plan to patient record")
        self.save_button.clicked.connect(self.saveRequested)
        self._layout()
        self._guard_carried_fields()
        self._populate()
        self._connect()

    # --- layout and choices -----------------------------------------------------------------
    def _layout(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(3)  # the answer on screen at scale 2 (review 5)
        heads = ("", "Drug", "Route", "Amount and unit", "Frequency")
        for column, text in enumerate(heads):
            grid.addWidget(QLabel(f"<small>{text}</small>", self), 0, column)
        from_label, to_label = QLabel("Fro&m", self), QLabel("T&o", self)
        from_label.setBuddy(self.from_drug)
        to_label.setBuddy(self.to_drug)
        for column, widget in enumerate(
            (from_label, self.from_drug, self.from_route, self.amount, self.from_frequency)
        ):
            grid.addWidget(widget, 1, column)
        for column, widget in enumerate((to_label, self.to_drug, self.to_route)):
            grid.addWidget(widget, 2, column)
        grid.addWidget(self.to_frequency, 2, 4)
        set_label = QLabel("Reference &set", self)
        set_label.setBuddy(self.table)
        grid.addWidget(set_label, 3, 0)
        grid.addWidget(self.table, 3, 1, 1, 4)
        for column, stretch in enumerate((0, 3, 2, 3, 2)):
            grid.setColumnStretch(column, stretch)
        metrics = self.fontMetrics()
        self.amount.number.setMinimumWidth(metrics.horizontalAdvance("amount") + 24)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        inputs = QWidget(self)
        inputs.setLayout(grid)
        inputs.setMaximumWidth(1000)
        for combo in (self.from_drug, self.from_route, self.to_drug, self.to_route, self.table):
            elide_combo(combo, 7)
        content = QWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._page = scrolling(content, self)  # scrolls on a small screen (issue 10 §3)
        outer.addWidget(self._page)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(9, 3, 9, 3)
        note = QLabel(
            "One opioid to another, with the same planner as the switching planner. "
            "Hover the result for the arithmetic and its sources. An estimate to check, "
            "not an order.",
            self,
        )
        note.setWordWrap(True)
        note.setObjectName("converter_note")
        # the answer right under the question: at scale 2 the note above the inputs pushed it
        # below the fold (review 5); the note closes the page instead
        layout.addWidget(inputs)
        layout.addWidget(self.result)
        layout.addWidget(self.alert)
        layout.addWidget(self.notes)
        layout.addWidget(self.spread_heading)
        layout.addWidget(self.spread)
        layout.addLayout(buttons)
        layout.addWidget(note)
        layout.addStretch(1)

    def _populate(self) -> None:

        tables = self._session.tables
        assert tables is not None
        for drug in tables.tables.drugs:
            if drug.is_opioid:
                self.from_drug.addItem(drug.name, drug.id)
                self.to_drug.addItem(drug.name, drug.id)
        fill_equianalgesic_sets(self.table, tables)
        for combo in (self.from_frequency, self.to_frequency):
            combo.addItem("")
            combo.addItems(list(FREQUENCY_WORDS))
        chosen = self.table.findData(self._session.effective_table())
        self.table.setCurrentIndex(max(chosen, 0))  # the regimen's set when it is equianalgesic
        self.set_question(ConversionQuestion("oxycodone", "oral", "", "", "morphine", "oral", ""))

    def _connect(self) -> None:
        # before convert (connected below): a changed drug marks a kept dose first
        self.from_drug.currentIndexChanged.connect(self._drug_changed)
        self.amount.number.textEdited.connect(self._dose_confirmed)
        self.amount.unit.activated.connect(self._dose_confirmed)
        self.amount.number.returnPressed.connect(self._confirm_and_convert)
        # before convert: a patch route shows mcg/h (the editor's rule, review 11 #6)
        self.from_route.currentIndexChanged.connect(self._route_unit)
        self.from_drug.currentIndexChanged.connect(
            lambda _i: self._routes(self.from_drug, self.from_route)
        )
        self.to_drug.currentIndexChanged.connect(
            lambda _i: self._routes(self.to_drug, self.to_route)
        )
        for combo in (self.from_drug, self.from_route, self.to_drug, self.to_route, self.table):
            combo.currentIndexChanged.connect(self.convert)
        self.from_frequency.currentTextChanged.connect(self._route_unit)  # before convert
        for editable in (self.from_frequency, self.to_frequency):
            editable.currentTextChanged.connect(self.convert)
        self.amount.changed.connect(self.convert)  # once per key, whichever box it changed
        # the open regimen's patient goes into every answer: a header field typed (or refused)
        # after the answer changes it (review 10 #1: a stale "QTc not known" stayed shown)
        self._patient_seen: object = None
        self._session.stateChanged.connect(self._patient_changed)

    def _patient_changed(self) -> None:
        state = self._session.state
        raw = dict(state.patient_raw) if state is not None else None
        if raw != self._patient_seen:
            self._patient_seen = raw
            self.convert()

    # --- a dose kept across a change of drug (clinician review 3, item 3) ---------------------
    def _route_unit(self, *_args: object) -> None:
        """The amount's default unit follows the From route and Frequency, by the regimen
        editor's rule: with a frequency an amount per dose (review 19, H1: "20" beside "bd"
        was read as mg/day). The frequency's own change then converts, once."""
        row = {"drug": self.from_drug.currentData(), "route": self.from_route.currentData()}
        field = amount_field_for(self.from_frequency.currentText(), row["route"] or "")
        with QSignalBlocker(self.amount):
            self.amount.set_default_unit(default_unit(field, row))

    def _drug_changed(self, _index: int) -> None:
        if not self._loading:
            self.kept_amount.confirm_if_empty()
            self.kept_frequency.confirm_if_empty()
            self.kept_frequency.drop_if_refused()  # re-check 12b #5: never "kept" if refused

    def _dose_confirmed(self, *_args: object) -> None:
        self.kept_amount.confirm()

    def _confirm_and_convert(self) -> None:
        self._dose_confirmed()
        self.convert()

    def _frequency_confirmed(self, *_args: object) -> None:
        self.kept_frequency.confirm()
        self.convert()

    def kept_dose(self) -> str | None:
        """The notice while the amount, or the To frequency, was given for another drug (or
        route) than the one now chosen (review 3, item 3; review 12, #1: "morphine sc injection
        16 mg q12h", q12h kept from an oral MR target)."""
        return self.kept_amount.notice() or self.kept_frequency.notice()

    def _guard_carried_fields(self) -> None:
        self.kept_amount = CarriedField(
            lambda: str(self.from_drug.currentData() or ""),
            self.from_drug.currentText,
            self.amount.text,
            lambda: self.amount.set_text(""),
            field="dose",
            confirm="press Enter in the amount",
        )
        self.kept_frequency = CarriedField(
            lambda: f"{self.to_drug.currentData() or ''} {self.to_route.currentData() or ''}",
            lambda: f"{self.to_drug.currentText()} {self.to_route.currentText()}".lower(),
            lambda: self.to_frequency.currentText().strip(),
            lambda: self.to_frequency.setCurrentText(""),
            field="frequency",
            confirm="press Enter in the To frequency",
        )
        line = self.to_frequency.lineEdit()
        assert line is not None  # an editable list
        line.textEdited.connect(self._frequency_confirmed)
        line.returnPressed.connect(self._frequency_confirmed)
        self.to_frequency.activated.connect(self._frequency_confirmed)
        for combo in (self.to_drug, self.to_route):
            combo.currentIndexChanged.connect(self._drug_changed)

    def _routes(self, drug_combo: QComboBox, route_combo: QComboBox) -> None:
        """The route list of the drug now chosen. Each route the list passes through while it
        is refilled is no choice: the drug's own change converts once the list is whole (it is
        connected after this; ``set_question`` converts after filling)."""
        tables = self._session.tables
        drug_id = drug_combo.currentData()
        if tables is None or drug_id is None:
            return
        current = route_combo.currentData()
        self._refilling = True
        try:
            route_combo.clear()
            for route in tables.drugs[drug_id].routes:
                route_combo.addItem(route, route)
            found = route_combo.findData(current)
            route_combo.setCurrentIndex(max(found, 0))
        finally:
            self._refilling = False

    def set_question(self, question: ConversionQuestion) -> None:
        """Fill the inputs (tests, and the planner's way back) and convert."""
        self._loading = True
        try:
            self._fill(question)
        finally:
            self._loading = False
        self.convert()

    def _fill(self, question: ConversionQuestion) -> None:
        for combo, value in (
            (self.from_drug, question.from_drug),
            (self.to_drug, question.to_drug),
        ):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self._routes(self.from_drug, self.from_route)
        self._routes(self.to_drug, self.to_route)
        self.from_route.setCurrentIndex(max(self.from_route.findData(question.from_route), 0))
        self.to_route.setCurrentIndex(max(self.to_route.findData(question.to_route), 0))
        self.amount.set_text(question.amount)
        self.from_frequency.setCurrentText(question.from_frequency)
        self.to_frequency.setCurrentText(question.to_frequency)
        self.kept_amount.confirm()  # a whole question: every field is its own
        self.kept_frequency.confirm()

    def current_question(self) -> ConversionQuestion:
        return ConversionQuestion(
            from_drug=str(self.from_drug.currentData() or ""),
            from_route=str(self.from_route.currentData() or ""),
            amount=self.amount.text(),
            from_frequency=self.from_frequency.currentText().strip(),
            to_drug=str(self.to_drug.currentData() or ""),
            to_route=str(self.to_route.currentData() or ""),
            to_frequency=self.to_frequency.currentText().strip(),
        )

    # --- converting ---------------------------------------------------------------------------
    @Slot()
    def convert(self) -> None:

        tables = self._session.tables
        if tables is None or self._loading or self._refilling:
            return
        self.question = self.current_question()
        self.plan, self.request = None, None
        problem = self.question.problem() or self.kept_dose()
        if problem is None:
            self.request = self.question.request(self.table.currentData(), self._session)
            refused_at: tuple[str | int, ...] = ()
            try:
                refuse_unread_patient(self._session.state)  # review 10 #1: never "not known"
                self.plan = plan_rotation(self.request, tables=tables)
            except MpsPainError as exc:
                problem, refused_at = _plain(exc), exc.location_path
            self.kept_frequency.answered(refused=refused_at == ("to", "frequency"))
        self._show(problem)
        QTimer.singleShot(0, self._answer_in_view)
        self.planChanged.emit()

    @Slot()
    def _answer_in_view(self) -> None:
        """The answer is scrolled into view, as long as the field being typed in stays there
        too (a short screen: scale 2 on 1280×720; review 5)."""
        self._page.ensureWidgetVisible(self.answer, 0, 0)
        focus = self.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            self._page.ensureWidgetVisible(focus, 0, 0)

    def _show(self, problem: str | None) -> None:
        enable_actions(self.open_button, self.save_button, self.plan, problem)
        if self.plan is None or self.question is None:
            self.result.set_line(problem or "")
            self.result.setToolTip("")
            self.alert.hide()
            self.notes.setText("")
            self.spread.setText("")
            self.spread_heading.hide()
            return
        shown = describe_plan(self.plan, self.question)
        self.result.set_line(shown.answer, shown.working_line)
        self.result.setToolTip(shown.working)
        self.alert.setText(shown.alert)
        self.alert.setVisible(bool(shown.alert))
        self.notes.setText(shown.notes)
        self.spread.setText(shown.spread)
        self.spread.setToolTip(shown.spread_sources)
        self.spread_heading.setVisible(bool(shown.spread))


def _plain(exc: Exception) -> str:
    """A planner refusal in words (the core's message, without its field path)."""
    return f"No conversion: {plain_error(exc, sides={'from': 'From', 'to': 'To'})}"


def _combo(parent: QWidget, name: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    combo.setToolTip(name)
    return combo
