"""Save to patient record: the regimen as a new version, plus the plan or check, in one go.

Reached from the main window (Patient → Save to patient record…, Ctrl+Shift+R) and from the
quick converter. The patient is chosen in a small keyboard-first dialog (type to filter, Enter to
save). A failed save keeps the dialog open with the reason, so nothing chosen is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import MpsPainError
from mps_pain.persistence.records import PatientInfo
from ui.editing import with_patient
from ui.records.opening import records_service
from ui.records.patient_identity import (
    ask_identity,
    identity_differences,
    record_identity,
    record_title,
)
from ui.screen_fit import resize_to_fit
from ui.theme import ERROR_TEXT_STYLE

if TYPE_CHECKING:
    from pydantic import BaseModel

    from mps_pain.domain.regimen import Patient
    from mps_pain.services.patient_service import PatientService
    from ui.workstation import Workstation

__all__ = ["ChoosePatientDialog", "open_patient", "save_current_work", "save_plan_to_record"]

NEW_PATIENT_HINT = (
    " A new patient: type their ID (e.g. the hospital number) and press Enter twice to create "
    "the record."
)


class ChoosePatientDialog(QDialog):
    """Pick the patient; ``save`` is called on Enter and the dialog closes only if it worked."""

    def __init__(
        self,
        service: PatientService,
        what: str,
        suggested: str | None,
        save: Any,
        parent: QWidget | None = None,
        *,
        opening: bool = False,
        create: Callable[[str], tuple[str | None, str | None]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open patient" if opening else "Save to patient record")
        self._save = save
        self._create = create  # None: existing patients only (opening a record)
        self._new_identifier: str | None = None  # typed, matching no one, Enter pressed once
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(
            "type to find the patient" if create is None else "find the patient, or a new ID"
        )
        self.filter.setAccessibleName("Find patient")
        self.patients = QListWidget(self)
        self.patients.setAccessibleName("Patients")
        for stored in service.list_patients():
            info = stored.info
            shown = info.identifier + (f" — {info.display_name}" if info.display_name else "")
            item = QListWidgetItem(shown, self.patients)
            item.setData(Qt.ItemDataRole.UserRole, info.identifier)
            item.setData(Qt.ItemDataRole.UserRole + 1, info.display_name)
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Why it was not opened" if opening else "Why it was not saved")
        self.error.setStyleSheet(ERROR_TEXT_STYLE)
        main = (
            QDialogButtonBox.StandardButton.Open
            if opening
            else QDialogButtonBox.StandardButton.Save
        )
        buttons = QDialogButtonBox(main | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(main).setText("&Open" if opening else "&Save")
        buttons.button(main).setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Cancel")
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        explained = QLabel(
            "Choose the patient: their latest regimen opens in the editor."
            if opening
            else f"Stores {what}." + (NEW_PATIENT_HINT if create is not None else "")
            if what
            else "Choose the patient.",
            self,
        )
        explained.setWordWrap(True)
        layout.addWidget(explained)
        layout.addWidget(self.filter)
        layout.addWidget(self.patients, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._filter)
        # Enter in the filter reaches the dialog's default button (Save): one try_save per Enter
        self.patients.itemActivated.connect(lambda _item: self.try_save())
        self._select(suggested)
        resize_to_fit(self, 520, 420, name="choose_patient")

    def _select(self, identifier: str | None) -> None:
        for row in range(self.patients.count()):
            item = self.patients.item(row)
            named = (item.data(Qt.ItemDataRole.UserRole), item.data(Qt.ItemDataRole.UserRole + 1))
            if identifier is not None and identifier in named:  # by MRN or by name
                self.patients.setCurrentRow(row)
                return
        if self.patients.count():
            self.patients.setCurrentRow(0)

    @Slot(str)
    def _filter(self, text: str) -> None:
        self._new_identifier = None
        needle = text.strip().lower()
        first_visible = None
        for row in range(self.patients.count()):
            item = self.patients.item(row)
            hidden = bool(needle) and needle not in item.text().lower()
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = row
        if first_visible is not None:
            self.patients.setCurrentRow(first_visible)

    def chosen(self) -> str | None:
        item = self.patients.currentItem()
        if item is None or item.isHidden():
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))

    @Slot()
    def try_save(self) -> None:
        identifier = self.chosen()
        typed = self.filter.text().strip()
        if identifier is None and typed and self._create is not None:
            if self._new_identifier != typed:  # the first Enter asks, the second creates
                self._new_identifier = typed
                self._say(  # an instruction, not an error: said calmly (review 3)
                    f"No patient “{typed}” yet. Choose a patient above, or press Enter again to "
                    f"create a new patient record “{typed}” and save to it.",
                    problem=False,
                )
                return
            identifier, problem = self._create(typed)
            if problem:
                self._say(problem)  # the dialog stays open with what was typed
                return
        if identifier is None:
            self._say("Choose a patient (Patient → Records… adds one).")
            return
        problem = self._save(identifier)
        if problem:
            self._say(problem)  # the dialog stays open; nothing is lost
            return
        self.accept()

    def _say(self, text: str, *, problem: bool = True) -> None:
        """A refusal in the error style; an instruction in the dialog's own colour."""
        self.error.setStyleSheet(ERROR_TEXT_STYLE if problem else "")
        self.error.setText(text)


def save_plan_to_record(
    window: Workstation,
    *,
    regimen_items: list[dict[str, Any]] | None,
    kind: str,
    title: str,
    inputs: dict[str, Any] | BaseModel,
    outputs: BaseModel | None,
) -> bool:
    """Ask for the patient, then store the regimen version and the plan or check."""

    state = window.session.state
    if state is None:
        return False
    document = state.document
    if regimen_items is None and (refused := refused_rows_text(state)):
        QMessageBox.warning(
            window,
            "Not saved",
            f"Not saved: {refused}. Correct or delete it first: the record would otherwise "
            "leave it out silently. Nothing you typed has been changed.",
        )
        return False
    if regimen_items is not None:
        raw = {**document.model_dump(mode="json", exclude_none=True), "items": regimen_items}
        document = RegimenDocument.model_validate(raw)
    service = records_service(window)
    if service is None:
        return False
    saved: list[str] = []
    relabelled: list[RegimenDocument] = []

    def save(identifier: str) -> str | None:
        try:
            info = service.get_patient(identifier).info
        except MpsPainError as exc:
            return f"Not saved: {exc.message}"
        stored_document = document
        if identity_differences(document.patient, info):
            if not ask_identity(window, document.patient, info):
                return (
                    f"Not saved: the patient in the header is not {identifier}'s. Choose the "
                    "right patient, or Cancel and check the header."
                )
            stored_document = document.model_copy(
                update={"patient": record_identity(info), "title": record_title(info)}
            )
            relabelled.append(stored_document)
        elif not document.patient.identifier:  # the header names no one: the record's name
            named = document.patient.model_copy(
                update={"identifier": record_identity(info).identifier}
            )
            stored_document = document.model_copy(
                update={"patient": named, "title": document.title or record_title(info)}
            )
            relabelled.append(stored_document)  # review 3: the Patient field stayed empty
        try:
            stored = service.add_regimen_version(
                identifier,
                stored_document,
                effective_from=datetime.now(UTC),
                reason=f"Saved from the workstation with the {kind}",
            )
            if outputs is not None:
                service.save_plan(
                    identifier,
                    kind=kind,
                    title=title[:200],
                    inputs=inputs,
                    outputs=outputs,
                    expected_version=stored.version,
                )
        except MpsPainError as exc:
            return f"Not saved: {exc.message}"
        saved.append(identifier)
        return None

    def create(typed: str) -> tuple[str | None, str | None]:
        try:
            stored = service.create_patient(PatientInfo(identifier=typed))
        except (MpsPainError, ValueError) as exc:
            reason = exc.message if isinstance(exc, MpsPainError) else "not a usable identifier"
            return None, f"Not created: {reason}"
        return stored.info.identifier, None

    what = "the regimen as a new version" + (f" and this {kind}" if outputs is not None else "")
    dialog = ChoosePatientDialog(
        service, what, document.patient.identifier, save, window, create=create
    )
    dialog.exec()
    if not saved:
        return False
    if relabelled:
        _show_record_identity(window, relabelled[0])
    window.saved_to_record(saved[0], editor_regimen=regimen_items is None)
    window.statusBar().showMessage(
        f"Saved to {saved[0]}'s record: {what} (tables v{window.session.tables.version})"
        if window.session.tables is not None
        else f"Saved to {saved[0]}'s record",
        10000,
    )
    return True


def _show_record_identity(window: Workstation, stored: RegimenDocument) -> None:
    """The editor now shows the patient the regimen was saved under (one undoable step)."""
    state = window.session.state
    if state is not None:
        after = with_patient(state, stored.patient, title=stored.title)
        window.session.push(after, "Patient from the record")


def refused_rows_text(state: Any) -> str:
    """The rows the domain refused, named as a clinician reads them ("" when there are none).

    The same rule as the planner and the check: nothing is dropped silently from what is stored.
    """
    named = []
    for row, error in state.invalid_rows():
        drug = str(state.rows[row].raw.get("drug") or "").strip()
        named.append(
            f"row {row + 1}" + (f" ({drug})" if drug else "") + f": {error.message.rstrip('. ')}"
        )
    if not named:
        return ""
    return (
        "the regimen has a row that could not be read, "
        if len(named) == 1
        else "the regimen has rows that could not be read, "
    ) + "; ".join(named)


def reopened_patient(saved: Patient, info: PatientInfo) -> Patient:
    """The patient as the saved regimen had it (age, cancer or palliative care, kidneys… feed
    the warnings), with what the record states now on top, shown by name (else as saved, else by
    the record's identifier)."""
    stated = info.context.model_dump(exclude_none=True, exclude={"identifier"})
    name = info.display_name or saved.identifier or info.identifier
    return saved.model_copy(update={**stated, "identifier": name})


def _stored(request: BaseModel | None) -> dict[str, Any]:
    """A typed request as the record stores it (JSON, the document's own keys: ``from``)."""
    if request is None:
        return {}
    stored: dict[str, Any] = request.model_dump(mode="json", by_alias=True, exclude_none=True)
    return stored


def save_current_work(window: Workstation) -> bool:
    """Patient → Save to patient record: the regimen, plus the plan (planner tab) or the check
    (check tab) shown now; the plan when another tab is shown and a plan exists."""
    planner, check = window.planner, window.check
    shown = window.tabs.currentWidget()
    check_result = check.result if check is not None else None
    plan = planner.plan if planner is not None else None
    if check is not None and shown is check and check_result is not None:
        return save_plan_to_record(
            window,
            regimen_items=None,
            kind="check",
            title="Pharmacist check",  # the verdict is read from the result (saved_heading)
            inputs=_stored(check.build_request()),
            outputs=check_result,
        )
    if planner is not None and plan is not None:
        return save_plan_to_record(
            window,
            regimen_items=None,
            kind="plan",
            title=f"Switch to {plan.regimen.drug} {plan.regimen.route}",
            inputs=_stored(planner.request),
            outputs=plan,
        )
    return save_plan_to_record(
        window, regimen_items=None, kind="regimen", title="", inputs={}, outputs=None
    )


def open_patient(window: Workstation) -> bool:
    """Patient → Open patient…: the chosen patient's latest regimen version in the editor."""

    if not window.confirm_discard():
        return False
    service = records_service(window)
    if service is None:
        return False
    opened: list[str] = []

    def load(identifier: str) -> str | None:
        try:
            versions = service.regimen_versions(identifier)
            stored = service.get_patient(identifier)
        except MpsPainError as exc:
            return f"Not opened: {exc.message}"
        if not versions:
            return f"{identifier} has no regimen recorded yet."
        latest = max(versions, key=lambda v: (v.effective_from, v.id or 0))
        document = latest.regimen.model_copy(
            update={
                "patient": reopened_patient(latest.regimen.patient, stored.info),
                "title": record_title(stored.info),
            }
        )
        window.session.replace_document(document)
        opened.append(identifier)
        return None

    dialog = ChoosePatientDialog(service, "", None, load, window, opening=True)
    dialog.exec()
    if opened:
        window.statusBar().showMessage(f"Opened {opened[0]}: latest regimen version", 8000)
        window.tabs.setCurrentIndex(0)
    return bool(opened)
