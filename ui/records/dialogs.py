"""Small entry dialogs: new patient, clinical event, regimen version. They collect text; the
service validates it (and its messages are shown as they are)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.persistence.records import EVENT_KINDS
from mps_pain.services.timeline import RELATIVE_DAY_ZERO
from ui.screen_fit import resize_to_fit
from ui.session import EditorSession
from ui.theme import ERROR_BORDER_STYLE, ERROR_TEXT_STYLE
from ui.widgets.regimen_editor import RegimenEditor

if TYPE_CHECKING:
    from mps_pain.tables.index import TableIndex

__all__ = ["EventDialog", "NewPatientDialog", "RegimenVersionDialog", "WhenEdit"]


class WhenEdit(QWidget):
    """A moment: a calendar date-time, or a day number on a relative timeline."""

    def __init__(self, time_basis: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.relative = time_basis == "relative-days"
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.day = QSpinBox()
        self.day.setRange(-10000, 100000)
        self.day.setPrefix("day ")
        self.moment = QDateTimeEdit(QDateTime.currentDateTime())  # local time; stored as UTC
        self.moment.setCalendarPopup(True)
        self.moment.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.moment.setAccessibleName("Date and time (local)")
        self.moment.setToolTip("Local time; stored in UTC")
        layout.addRow(self.day if self.relative else self.moment)

    def value(self) -> datetime:
        if self.relative:
            return RELATIVE_DAY_ZERO + timedelta(days=self.day.value())
        seconds = self.moment.dateTime().toSecsSinceEpoch()
        return datetime.fromtimestamp(seconds, tz=UTC)


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NewPatientDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New patient")
        self.identifier = QLineEdit()
        self.display_name = QLineEdit()
        self.sex = QComboBox()
        self.sex.addItems(["", "female", "male", "other", "unknown"])
        self.birth_year = QSpinBox()
        self.birth_year.setRange(0, 2200)
        self.birth_year.setSpecialValueText("not given")
        self.relative = QCheckBox("No dates: record day offsets (day 0, day 14, …)")
        form = QFormLayout(self)
        form.addRow("Identifier", self.identifier)
        form.addRow("Name", self.display_name)
        form.addRow("Sex", self.sex)
        form.addRow("Birth year", self.birth_year)
        form.addRow(self.relative)
        form.addRow(_buttons(self))

    def values(self) -> dict[str, Any]:
        return {
            "identifier": self.identifier.text().strip(),
            "display_name": self.display_name.text().strip() or None,
            "sex": self.sex.currentText() or None,
            "birth_year": self.birth_year.value() or None,
            "time_basis": "relative-days" if self.relative.isChecked() else "calendar",
        }


class EventDialog(QDialog):
    def __init__(self, time_basis: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add clinical event")
        self.kind = QComboBox()
        self.kind.addItems(list(EVENT_KINDS))
        self.when = WhenEdit(time_basis)
        self.has_end = QCheckBox("Lasts until")
        self.until = WhenEdit(time_basis)
        self.until.setEnabled(False)
        self.title_edit = QLineEdit()
        self.nrs = QSpinBox()
        self.nrs.setRange(0, 10)
        self.detail = QPlainTextEdit()
        self.detail.setMaximumHeight(80)
        form = QFormLayout(self)
        form.addRow("Kind", self.kind)
        form.addRow("When", self.when)
        form.addRow(self.has_end, self.until)
        form.addRow("Title", self.title_edit)
        form.addRow("Pain score (NRS 0-10)", self.nrs)
        form.addRow("Detail", self.detail)
        form.addRow(_buttons(self))
        self.has_end.toggled.connect(self.until.setEnabled)
        self.kind.currentTextChanged.connect(lambda kind: self.nrs.setEnabled(kind == "nrs"))
        self.nrs.setEnabled(self.kind.currentText() == "nrs")

    def values(self) -> dict[str, Any]:
        kind = self.kind.currentText()
        return {
            "kind": kind,
            "occurred_at": self.when.value(),
            "ends_at": self.until.value() if self.has_end.isChecked() else None,
            "title": self.title_edit.text().strip() or kind,
            "nrs": self.nrs.value() if kind == "nrs" else None,
            "detail": self.detail.toPlainText().strip() or None,
        }


class RegimenVersionDialog(QDialog):
    """A new regimen version: from when, why, and the regimen, edited in the workstation's own
    regimen editor (prefilled with the latest version, so a change is an edit, never JSON).

    OK with a missing reason or a refused row keeps the dialog open and marks what to fix:
    nothing typed is lost.
    """

    def __init__(
        self,
        time_basis: str,
        regimen: RegimenDocument,
        tables: TableIndex,
        parent: QWidget | None = None,
    ) -> None:

        super().__init__(parent)
        self.setWindowTitle("Record a regimen change")
        resize_to_fit(self, 900, 520, name="regimen_change")
        self.when = WhenEdit(time_basis)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for the change")
        self.reason.setPlaceholderText("why the regimen changed, e.g. 'pain uncontrolled'")
        self.session = EditorSession(self)
        self.session.load_core(tables)
        self.session.replace_document(regimen)
        self.editor = RegimenEditor(self.session, self)
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_TEXT_STYLE)
        self.problem.setAccessibleName("What to fix before saving")
        form = QFormLayout(self)
        form.addRow("Effective from", self.when)
        form.addRow("&Reason", self.reason)
        form.addRow("Regimen", self.editor)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.problem)
        form.addRow(_buttons(self))
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def regimen(self) -> RegimenDocument:
        state = self.session.state
        assert state is not None
        return state.document

    def accept(self) -> None:
        state = self.session.state
        problems = []
        if not self.reason.text().strip():
            problems.append("Give the reason for the change.")
            self.reason.setStyleSheet(ERROR_BORDER_STYLE)
        else:
            self.reason.setStyleSheet("")
        invalid = state.invalid_rows() if state is not None else []
        if invalid:
            rows = ", ".join(str(row + 1) for row, _ in invalid)
            problems.append(f"Correct row(s) {rows} (marked in red) or remove them.")
            self.editor.select_row(invalid[0][0])
        if problems:
            self.problem.setText(" ".join(problems))
            return  # the dialog stays open with everything typed
        super().accept()
