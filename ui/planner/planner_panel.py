"""Switching planner: pick the target, set, reduction and methadone options; read the plan.

The plan comes from ``mps_pain.services.rotation_service.plan_rotation``, recomputed on every
change. "Apply plan" replaces the current opioid rows with the planned ones in one undo step.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any, get_args

from pydantic import ValidationError
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mps_pain.domain.frequency import FREQUENCY_WORDS
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.requests import (
    CurrentRegimen,
    MethadoneSchedule,
    RotationRequest,
    TargetSpec,
)
from mps_pain.errors import MpsPainError
from mps_pain.presentation.applied_glance import staged_status
from mps_pain.presentation.no_dose import proposes_no_dose
from mps_pain.presentation.rotation import reduction_guidance, reduction_label
from mps_pain.presentation.target_choice import kept_continuous
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.units import format_number
from mps_pain.validation import field_names, input_error, validate_model
from ui.error_words import plain_error
from ui.patient_editing import refuse_unread
from ui.planner.applied import ERROR_STYLE, AppliedPlan, applied_now, no_plan_html
from ui.planner.apply import apply_plan, opioid_rows
from ui.planner.combos import name_default_method, named_combo, refill_keeping, wider_for_choices
from ui.planner.plan_view import plan_least_width, plan_to_html
from ui.screen_fit import elide_combo, scrolling, share_width
from ui.unchanged import restyle
from ui.widgets.set_choice import fill_equianalgesic_sets, set_choice
from ui.widgets.wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from ui.session import EditorSession

__all__ = ["REDUCTION_STEPS_PER_PERCENT", "PlannerPanel"]

REDUCTION_STEPS_PER_PERCENT = 2  # the slider moves in half percents

_NOT_STATED: Any = None


class PlannerPanel(QWidget):
    planChanged = Signal()
    applied = Signal(str)  # the drug and route the regimen's opioid rows now give

    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.plan: RotationPlan | None = None
        self.request: RotationRequest | None = None
        self.error: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.replan)

        self.drug = named_combo(self, "Target drug")
        self.route = named_combo(self, "Target route")
        self.form = named_combo(self, "Target form")
        self.frequency = named_combo(self, "Target frequency")
        self.frequency.setEditable(True)
        self.continuous = QCheckBox("Cont&inuous (infusion or patch)", self)
        self.continuous.setAccessibleName("Continuous")
        self.table = set_choice(self)
        self.use_default_reduction = QCheckBox("Use the sourced default", self)
        self.use_default_reduction.setChecked(True)
        self.reduction = QSlider(Qt.Orientation.Horizontal, self)
        self.reduction.setAccessibleName("Cross-tolerance reduction, percent")
        # half-percent steps: a sourced default of 27.5% sits on the slider as 27.5%, never 28%
        self.reduction.setRange(0, 100 * REDUCTION_STEPS_PER_PERCENT)
        self.reduction.setSingleStep(5 * REDUCTION_STEPS_PER_PERCENT)
        self.reduction.setPageStep(10 * REDUCTION_STEPS_PER_PERCENT)
        self.reduction.setTickInterval(10 * REDUCTION_STEPS_PER_PERCENT)
        self.reduction.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.reduction_value = QLabel("", self)
        self.reduction_value.setMinimumWidth(48)
        # the choices scroll on a small screen: a wrapped text keeps the height of its lines
        # there, never squeezed and cut (after Apply plan the guidance was: session 15)
        self.guidance = WrappedLabel("", self)
        self.guidance.setObjectName("reduction_guidance")
        self.guidance.setAccessibleName("Reduction guidance")
        self.pain = named_combo(self, "Pain controlled on the current opioid")
        for text, value in (("not stated", _NOT_STATED), ("yes", True), ("no", False)):
            self.pain.addItem(text, value)
        self.method = named_combo(self, "Methadone method")
        self.schedule = named_combo(self, "Methadone schedule")
        self.error_label = WrappedLabel("", self)
        self._applied: AppliedPlan | None = None  # the plan Apply wrote (``applied_plan``)
        self.apply_button = QPushButton("&Apply plan to the regimen", self)
        self.apply_button.setToolTip(
            "Replaces the opioid rows with the planned regimen (Ctrl+Z undoes it)"
        )
        self.apply_button.clicked.connect(self.apply)

        controls = QWidget(self)
        form = QFormLayout(controls)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: label above
        # Alt letters not taken by the menus and tabs (review M6: Frequency had none)
        form.addRow("Dru&g", self.drug)
        form.addRow("R&oute", self.route)
        form.addRow("For&m", self.form)
        form.addRow("Fre&quency", self.frequency)
        form.addRow("", self.continuous)
        slider_row = QHBoxLayout()
        slider_row.addWidget(self.reduction, 1)
        slider_row.addWidget(self.reduction_value)
        form.addRow("Reduction", self.use_default_reduction)
        form.addRow("", slider_row)
        form.addRow("", self.guidance)
        form.addRow("Pain controlled?", self.pain)
        form.addRow("Metha&done method", self.method)
        form.addRow("Methadone sched&ule", self.schedule)
        form.addRow(self.error_label)
        form.addRow(self.apply_button)
        for combo in (self.drug, self.route, self.form, self.table, self.pain):
            elide_combo(combo)
        elide_combo(self.method)
        elide_combo(self.schedule)

        self.view = QTextBrowser(self)
        self.view.setObjectName("plan_view")
        self.view.setAccessibleName("Switching plan")
        self.view.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(scrolling(controls, self))  # scrolls on a small screen (issue 10 §3)
        split.addWidget(self.view)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        note = QLabel(
            "Plans a switch with an equianalgesic set. Every step shows its arithmetic and "
            "source; the result is an estimate to check, not an order.",
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        # the set across the whole page, above the choices that scroll: never clipped at
        # 1280×720, never below the fold at scale 2 (review 5; issue 10 §3 "always visible")
        set_row = QFormLayout()
        set_row.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        set_row.addRow("Reference &set", self.table)
        layout.addLayout(set_row)
        layout.addWidget(split, 1)

        self._populate()
        # the controls as wide as their longest choice where there is room (1280×720: the
        # default methadone method read "Japanese label (Methapai…"; review L1)
        wanted = controls.sizeHint().width() + 16 + wider_for_choices(self.method)
        share_width(split, lambda: wanted, plan_least_width(self.view))
        self._set_tab_order()
        for combo in (self.drug, self.route, self.form, self.table, self.pain, self.method):
            combo.activated.connect(self._on_changed)
        self.schedule.activated.connect(self._on_changed)
        self.drug.activated.connect(self._on_drug_changed)
        self.route.activated.connect(self._on_route_changed)
        self.frequency.currentTextChanged.connect(self._on_changed)
        self.continuous.toggled.connect(self._on_changed)
        self.use_default_reduction.toggled.connect(self._on_changed)
        self.reduction.valueChanged.connect(self._on_slider)
        session.resultChanged.connect(self._follow_regimen_set)
        session.resultChanged.connect(self._on_changed)

    def _set_tab_order(self) -> None:
        """Top to bottom, then the plan (review M6: the order must not depend on the run)."""
        chain = [
            self.table, self.drug, self.route, self.form, self.frequency, self.continuous,
            self.use_default_reduction, self.reduction, self.pain, self.method, self.schedule,
            self.apply_button, self.view,
        ]  # fmt: skip
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _populate(self) -> None:
        tables = self._session.tables
        assert tables is not None
        for drug in tables.tables.drugs:
            if drug.is_opioid:
                self.drug.addItem(drug.name, drug.id)
        fill_equianalgesic_sets(self.table, tables)
        self.frequency.addItem("", None)
        self.frequency.addItems(list(FREQUENCY_WORDS))
        self.method.addItem("the default", None)  # then named by the set (_name_default_method)
        self.schedule.addItem("as the method sets it", None)
        for schedule in get_args(MethadoneSchedule):
            self.schedule.addItem(schedule, schedule)
        self._followed_set: str | None = None
        self.table.currentIndexChanged.connect(self._name_default_method)
        self._follow_regimen_set()
        self._name_default_method()
        self._on_drug_changed()

    @Slot()
    def _name_default_method(self) -> None:
        name_default_method(self.method, self._session.tables, self.table.currentData())

    @Slot()
    def _follow_regimen_set(self) -> None:
        """The planner starts on the regimen's own set (when it is an equianalgesic one) and
        follows it when the regimen's set changes; a set chosen here stays until then."""
        wanted = self._session.effective_table()
        if wanted == self._followed_set:
            return
        self._followed_set = wanted
        index = self.table.findData(wanted)
        if index >= 0:
            self.table.setCurrentIndex(index)

    def set_target(
        self,
        drug: str,
        route: str,
        *,
        form: str | None = None,
        frequency: str | None = None,
        continuous: bool = False,
        table: str | None = None,
    ) -> None:
        """Choose the target programmatically (tests, and the check panel's shortcut)."""
        self.drug.setCurrentIndex(max(self.drug.findData(drug), 0))
        self._on_drug_changed()
        self.route.setCurrentIndex(max(self.route.findData(route), 0))
        self._on_route_changed()
        self.form.setCurrentIndex(max(self.form.findData(form), 0))
        self.frequency.setCurrentText(frequency or "")
        self.continuous.setChecked(continuous)
        if table is not None:
            self.table.setCurrentIndex(max(self.table.findData(table), 0))
        self.replan()

    @Slot()
    def _on_drug_changed(self) -> None:
        tables = self._session.tables
        drug_id = self.drug.currentData()
        if tables is None or drug_id is None:
            return
        drug = tables.drugs[drug_id]
        refill_keeping(self.route, drug.routes)  # the route kept if the drug has it (review 21)
        self._on_route_changed()
        rotation = tables.tables.rotation
        is_methadone = rotation is not None and rotation.methadone.drug == drug_id
        self.method.setEnabled(is_methadone)
        self.schedule.setEnabled(is_methadone)

    @Slot()
    def _on_route_changed(self) -> None:
        tables = self._session.tables
        drug_id, route = self.drug.currentData(), self.route.currentData()
        if tables is None or drug_id is None:
            return
        self.form.clear()
        self.form.addItem("any", None)
        for form in tables.drugs[drug_id].forms:
            if route in form.routes:
                self.form.addItem(form.name, form.id)
        self.continuous.setChecked(kept_continuous(route, ticked=self.continuous.isChecked()))
        self._on_changed()

    def reduction_fraction(self) -> float:
        """The slider's reduction as a fraction (0.275 for 27.5%)."""
        return self.reduction.value() / (100 * REDUCTION_STEPS_PER_PERCENT)

    def reduction_percent_text(self) -> str:
        """The slider's value as the plan writes it: ``27.5%``, ``30%``."""
        return f"{format_number(self.reduction.value() / REDUCTION_STEPS_PER_PERCENT)}%"

    @Slot()
    def _on_slider(self, value: int) -> None:
        self.reduction_value.setText(self.reduction_percent_text())
        if not self.use_default_reduction.isChecked():
            self._on_changed()

    @Slot()
    def _on_changed(self) -> None:
        self._timer.start()

    # --- planning -----------------------------------------------------------------------------
    def _target(self) -> TargetSpec:
        """The target as chosen; the typed frequency is read by the domain's field."""
        frequency = self.frequency.currentText().strip()
        continuous = self.continuous.isChecked()
        fields = {
            "drug": self.drug.currentData(),
            "route": self.route.currentData(),
            "form": self.form.currentData(),
            "continuous": continuous,
            "frequency": frequency if frequency and not continuous else None,
        }
        return validate_model(TargetSpec, fields, known_keys=set(fields), prefix="to")

    def build_request(self) -> RotationRequest | None:
        """The request, typed: the document's validated items and patient go in as they are.

        Raises ``InputError`` (naming ``to.frequency``, ``from.items``…) for a choice the domain
        refuses.
        """
        state = self._session.state
        if state is None:
            return None
        document = state.document
        slider = None if self.use_default_reduction.isChecked() else self.reduction_fraction()
        try:
            current = CurrentRegimen(items=document.items, prn=self._session.effective_prn())
        except ValidationError as exc:  # an empty regimen: named as the current regimen
            raise input_error(exc, known_keys=field_names(CurrentRegimen), prefix="from") from None
        try:
            return RotationRequest(
                from_=current,
                to=self._target(),
                table=self.table.currentData(),
                reduction=slider,
                pain_controlled=self.pain.currentData(),
                market=self._session.effective_market(),  # its words (review 21 N3)
                methadone_method=self.method.currentData() if self.method.isEnabled() else None,
                methadone_schedule=(
                    self.schedule.currentData() if self.schedule.isEnabled() else None
                ),
                patient=document.patient,
            )
        except ValidationError as exc:
            raise input_error(exc, known_keys=field_names(RotationRequest)) from None

    @Slot()
    def replan(self) -> None:
        self.plan, self.request, self.error = None, None, None
        if self._session.tables is None:
            return
        try:
            refuse_unread(self._session.state, "from")
            self.request = self.build_request()
            if self.request is not None:
                self.plan = plan_rotation(self.request, tables=self._session.tables)
        except MpsPainError as exc:
            self.error = plain_error(exc)
        self.guidance.setText(reduction_guidance(self.plan))  # this plan's, or none
        if self.use_default_reduction.isChecked():
            self._show_default_reduction()
        if self.plan is not None:
            rows = self._session.state.row_of_item if self._session.state else None
            asked = self.method.currentData() is not None  # else the set's own (review 18 #8)
            self.view.setHtml(plan_to_html(self.plan, rows, asked_method=asked))
        else:  # after Apply, what was applied (clinician review 17 #11), else what to correct
            self.view.setHtml(no_plan_html(self.applied_plan()))
        restyle(self.error_label, "" if self.applied_plan() else ERROR_STYLE)
        self.reduction.setEnabled(not self.use_default_reduction.isChecked())
        self.error_label.setText(self.error or "")
        self.apply_button.setEnabled(self.plan is not None and not proposes_no_dose(self.plan))
        self.planChanged.emit()

    def _show_default_reduction(self) -> None:
        """This plan's sourced reduction (with a band's cut), "—" without a plan (clinician
        review 10 #9: it kept the previous drug's 75% while the new target had no plan)."""
        plan = self.plan
        steps = 0 if plan is None else round(plan.reduction * 100 * REDUCTION_STEPS_PER_PERCENT)
        blocked = self.reduction.blockSignals(True)
        self.reduction.setValue(steps)
        self.reduction.blockSignals(blocked)
        self.reduction_value.setText("—" if plan is None else reduction_label(plan))

    @Slot()
    def apply(self) -> None:
        state = self._session.state
        if state is None:
            return
        if self.request is None or self.request.from_.items != state.document.items:
            self.replan()  # the regimen changed since the last plan: never apply a stale one
        if self.plan is None or self.plan.regimen.no_dose:
            return
        given = f"{self.plan.regimen.drug} {self.plan.regimen.route}"
        written = apply_plan(state, self.plan, opioid_rows(state, self.plan))
        self._applied = AppliedPlan(self.plan, self.request, tuple(written.document.items))
        self._session.push(written, f"Apply switching plan to {given}")
        self.applied.emit(staged_status(self.plan))  # its first part (review 19, M2)

    def applied_plan(self) -> AppliedPlan | None:
        """The plan last applied, while the regimen is still the one Apply wrote."""
        return applied_now(self._applied, self._session.state)
