"""Patient records: the patient list, the OME timeline with events, regimen versions with a diff,
saved plans (re-openable), and the audit trail.

``RecordsWindow(service)`` needs only a ``PatientService``. Every change goes through the service
with the record version this window last read, so a save that another instance overtook is
refused and reported instead of overwriting (the window then reloads).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import MpsPainError, StaleRecordError
from mps_pain.persistence.records import PatientInfo, SavedPlan
from mps_pain.services.patient_service import PatientService
from mps_pain.services.timeline import Timeline
from ui.error_words import plain_error
from ui.records.dialogs import EventDialog, NewPatientDialog, RegimenVersionDialog
from ui.records.patient_list import fill_patient_list
from ui.records.plans_view import PlanDialog, PlansView
from ui.records.record_banners import RecordBanners
from ui.records.record_files import export_record_file, import_record_file
from ui.records.record_words import (
    AUDIT_HEADERS,
    audit_rows,
    damaged_patients_status,
    event_rows,
    saves_words,
)
from ui.records.records_keys import install_records_keys
from ui.records.rows_model import RowsModel
from ui.records.timeline_chart import TimelineChart
from ui.records.versions_diff import VersionsDiffView, make_table_view
from ui.screen_fit import resize_to_fit, scrolling
from ui.unchanged import restyle
from ui.widgets.view_tabs import ViewTabs

__all__ = ["RecordsWindow", "records_file_name"]


def records_file_name(location: str) -> str:
    """A records database as its file name (``records.sqlite``); a server's records by their
    location as it is (no password is ever in it)."""
    if location.startswith("sqlite") or "://" not in location:
        return location.replace("\\", "/").rsplit("/", 1)[-1] or location
    return location


class RecordsWindow(QWidget):
    """The records window (a top-level window even when given a parent)."""

    patientChanged = Signal(str)

    def __init__(self, service: PatientService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        location = service.location()
        self.setWindowTitle(f"Patient records — {records_file_name(location)}")
        resize_to_fit(self, 1100, 760, name="records")
        self.service = service
        self.timeline: Timeline | None = None
        self._identifier: str | None = None

        self.patients = QListWidget()
        self.patients.setObjectName("patients")
        self.new_button = QPushButton("New patient…")
        self.examples_button = QPushButton("Import example cases")
        self.import_button = QPushButton("Import JSON…")
        self.export_button = QPushButton("Export JSON…")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        self.patients_label = QLabel("Patients")
        self.patients_label.setToolTip(f"Records: {location}")  # the whole path, on hover
        left_layout.addWidget(self.patients_label)
        left_layout.addWidget(self.patients)
        for button in (
            self.new_button,
            self.examples_button,
            self.import_button,
            self.export_button,
        ):
            left_layout.addWidget(button)

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        # a record changed outside mps-pain; look-alikes, imported history (in words)
        self.banners = RecordBanners()
        self.integrity, self.notices = self.banners.integrity, self.banners.notices
        self.chart = TimelineChart()
        self.add_version_button = QPushButton("Record regimen change…")
        self.add_event_button = QPushButton("Add event…")
        actions = QHBoxLayout()
        actions.addWidget(self.add_version_button)
        actions.addWidget(self.add_event_button)
        actions.addStretch(1)
        self.versions = VersionsDiffView(service)
        self.events_model = RowsModel(["When", "Kind", "NRS", "Until", "Title"], self)
        self.events = make_table_view(self.events_model)
        self.plans = PlansView()
        self.audit_model = RowsModel(AUDIT_HEADERS, self)
        self.audit = make_table_view(self.audit_model)
        self._audit_loaded = False
        # whole titles, short ones on a narrow window: never scroll arrows (ui-fix3 #1)
        self.tabs = ViewTabs()
        self.tabs.add_view(self.versions, "Regimen versions", "Versions")
        self.tabs.add_view(self.events, "Events", "Events")
        self.tabs.add_view(self.plans, "Saved plans", "Plans")
        self.tabs.add_view(self.audit, "Audit trail", "Audit")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        vertical = self._chart_split = QSplitter(Qt.Orientation.Vertical)
        vertical.addWidget(self.chart)
        vertical.addWidget(self.tabs)
        vertical.setChildrenCollapsible(False)  # dragged, never to nothing (review 5)
        vertical.setSizes([400, 320])
        # no preferred height of its own: it fills the window instead of making the page
        # taller than the screen (the page scrolls only below its minimum; issue 10 §3)
        vertical.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        vertical.setMinimumHeight(vertical.minimumSizeHint().height())  # Ignored drops it
        right_layout.addWidget(vertical)

        self.status = QLabel()
        self.status.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([230, 870])
        content = QWidget()
        layout = QVBoxLayout(content)
        # the patient's header spans the window, outside the splitter (a splitter ignores
        # a wrapped label's height): on a narrow window it wraps and the page scrolls
        layout.addWidget(self.header)
        layout.addWidget(self.banners)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(content, self))  # a small screen scrolls (issue 10 §3)

        self.patients.currentTextChanged.connect(self._patient_selected)
        self.new_button.clicked.connect(self._new_patient)
        self.examples_button.clicked.connect(self._import_examples)
        self.import_button.clicked.connect(self._import_file)
        self.export_button.clicked.connect(self._export_file)
        self.add_version_button.clicked.connect(self._add_version)
        self.add_event_button.clicked.connect(self._add_event)
        self.plans.planOpened.connect(self._open_plan)
        self.chart.planActivated.connect(self._open_plan)
        self.tabs.currentChanged.connect(lambda _index: self._load_audit_if_shown())
        self._set_patient_actions(False)
        install_records_keys(self, self.tabs)
        self.reload_patients()

    # --- public --------------------------------------------------------------------------------
    @property
    def current_identifier(self) -> str | None:
        return self._identifier

    def reload_patients(self, select: str | None = None) -> None:
        try:
            listing = self.service.patient_listing()
        except MpsPainError as err:
            self.show_error(err)
            return
        keep = select or self._identifier
        fill_patient_list(self.patients, listing)
        if listing.damaged:
            self.show_error_text(damaged_patients_status(listing.damaged))
        matches = self.patients.findItems(keep or "", Qt.MatchFlag.MatchExactly) if keep else []
        if matches:
            # highlights it in the list without the list's signal (which loaded it a second time)
            self.select_patient(keep)
        elif not listing.patients and not listing.damaged:
            self.chart.set_timeline(None, "No patients yet: create one or import the examples.")

    def _highlight_in_list(self, identifier: str | None) -> None:
        """Keep the list's highlight on the patient shown, however the patient was chosen."""
        matches = (
            self.patients.findItems(identifier, Qt.MatchFlag.MatchExactly) if identifier else []
        )
        self.patients.blockSignals(True)
        if matches:
            self.patients.setCurrentItem(matches[0])
        else:
            self.patients.setCurrentRow(-1)
        self.patients.blockSignals(False)

    def select_patient(self, identifier: str | None) -> None:
        """Load one patient's timeline, versions, events, plans and audit trail."""
        self._identifier = identifier
        self._highlight_in_list(identifier)
        self.banners.clear()
        if identifier is None:
            self.timeline = None
            self.chart.set_timeline(None)
            self._set_patient_actions(False)
            return
        try:  # the banners first: a damaged record is still said to be one
            self.banners.show_for(self.service, identifier)
            timeline = self.service.timeline(identifier)
            plans = self.service.plans(identifier)
        except MpsPainError as err:
            self.show_error(err)
            return
        self.timeline = timeline
        info = timeline.patient.info
        name = f" — {info.display_name}" if info.display_name else ""
        title = f"{info.identifier}{name}   ({saves_words(timeline.patient)})"
        self.header.setText(f"{title}\n{info.note}" if info.note else title)
        self.chart.set_timeline(timeline, plans=plans)
        split = self._chart_split  # the chart's minimum follows its event labels' lanes
        split.setMinimumHeight(split.minimumSizeHint().height())
        self.versions.set_timeline(identifier, timeline)
        self.events_model.set_rows(event_rows(timeline))
        self.plans.set_plans(plans)
        self._audit_loaded = False
        self._load_audit_if_shown()
        self._set_patient_actions(True)
        self.status_ok(f"Records in {self.service.location()}")
        self.patientChanged.emit(identifier)

    def create_patient(self, info: PatientInfo) -> bool:
        if not self._run("New patient", lambda: self.service.create_patient(info)):
            return False
        self.reload_patients(select=info.identifier)
        return True

    def record_regimen_change(
        self, regimen: dict[str, Any] | RegimenDocument, *, effective_from: datetime, reason: str
    ) -> bool:
        """Save a new regimen version for the current patient, against the record version this
        window shows (refused if another instance saved since)."""
        if self._identifier is None or self.timeline is None:
            return False
        identifier, version = self._identifier, self.timeline.patient.version
        saved = self._run(
            "Regimen change",
            lambda: self.service.add_regimen_version(
                identifier,
                regimen,
                effective_from=effective_from,
                reason=reason or "not given",
                expected_version=version,
            ),
        )
        if saved:
            self.select_patient(identifier)
            # the workstation's editor may hold the older regimen: it says so (review 5)
            refresh = getattr(self.parent(), "refresh_record_banner", None)
            if refresh is not None:
                refresh()
        return saved

    def record_event(self, **values: Any) -> bool:
        """Save a clinical event (kind, occurred_at, title, nrs, ends_at, detail)."""
        if self._identifier is None or self.timeline is None:
            return False
        identifier, version = self._identifier, self.timeline.patient.version
        saved = self._run(
            "Event",
            lambda: self.service.add_event(identifier, expected_version=version, **values),
        )
        if saved:
            self.select_patient(identifier)
        return saved

    def load_audit(self) -> None:
        """Fill the audit tab (on demand: a long history is not read until it is looked at)."""
        if self._identifier is None:
            return
        try:
            audit = self.service.audit_trail(self._identifier)
            imported = self.service.imported_history(self._identifier)
            future = self.service.future_dated_history(self._identifier)
        except MpsPainError as err:
            self.show_error(err)
            return
        self.audit_model.set_rows(audit_rows(audit, imported, future))
        self._audit_loaded = True

    def _load_audit_if_shown(self) -> None:
        if self.tabs.currentWidget() is self.audit and not self._audit_loaded:
            self.load_audit()

    def show_error(self, err: Exception) -> None:
        self.show_error_text(f"⚠ {plain_error(err)}")

    def show_error_text(self, text: str) -> None:
        self.status.setText(text)
        restyle(self.status, "color: #b22;")

    # --- slots ---------------------------------------------------------------------------------
    def _set_patient_actions(self, enabled: bool) -> None:
        for button in (self.add_version_button, self.add_event_button, self.export_button):
            button.setEnabled(enabled)

    def status_ok(self, message: str) -> None:
        restyle(self.status, "")
        self.status.setText(message)

    @Slot(str)
    def _patient_selected(self, identifier: str) -> None:
        self.select_patient(identifier or None)

    def _run(self, action: str, change: Callable[[], object]) -> bool:
        """Call a service change; on refusal show why (and reload when it was stale)."""
        try:
            change()
        except StaleRecordError as err:
            self.show_error(err)
            self.select_patient(self._identifier)
            self.show_error(err)
            return False
        except MpsPainError as err:
            self.show_error(err)
            return False
        self.status_ok(f"{action}: saved.")
        return True

    @Slot()
    def _new_patient(self) -> None:
        dialog = NewPatientDialog(self)
        if not dialog.exec():
            return
        values = dialog.values()
        try:
            info = PatientInfo.model_validate(values)
        except ValueError as err:
            self.show_error(err)
            return
        self.create_patient(info)

    @Slot()
    def _import_examples(self) -> None:
        if self._run("Example cases", self.service.import_examples):
            self.reload_patients(select="takamatsu-2018-case-1")

    @Slot()
    def _import_file(self) -> None:
        import_record_file(self, self)

    @Slot()
    def _export_file(self) -> None:
        export_record_file(self, self)

    @Slot()
    def _add_version(self) -> None:
        if self._identifier is None or self.timeline is None:
            return
        latest = RegimenDocument()
        if self.timeline.points:
            latest = self.service.regimen_version(
                self._identifier, self.timeline.points[-1].version_id
            ).regimen
        dialog = RegimenVersionDialog(
            self.timeline.time_basis,
            latest,
            self.service.tables,
            self,
            total_in=self.timeline.table.id,  # the total as the timeline draws it
        )
        if not dialog.exec():
            return
        self.record_regimen_change(
            dialog.regimen(),
            effective_from=dialog.when.value(),
            reason=dialog.reason.text().strip(),
        )

    @Slot()
    def _add_event(self) -> None:
        if self._identifier is None or self.timeline is None:
            return
        dialog = EventDialog(self.timeline.time_basis, self)
        if dialog.exec():
            self.record_event(**dialog.values())

    @Slot(object)
    def _open_plan(self, plan: SavedPlan) -> None:
        dialog = PlanDialog(plan, self.service.tables.sha256, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
