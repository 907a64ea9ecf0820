"""Small entry dialogs: new patient, clinical event, regimen version. They collect text; the
service validates it (and its messages are shown as they are)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, Qt, Slot
from PySide6.QtGui import QCloseEvent, QIntValidator, QKeyEvent
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
from ui.discard_typed import may_discard_typed
from ui.error_words import plain_error
from ui.records.record_words import NRS_LABEL, event_title, kind_choice
from ui.screen_fit import resize_to_fit
from ui.session import EditorSession
from ui.theme import ERROR_BORDER_STYLE, ERROR_TEXT_STYLE
from ui.unchanged import restyle
from ui.widgets.regimen_editor import RegimenEditor

if TYPE_CHECKING:
    from mps_pain.tables.index import TableIndex

__all__ = ["EventDialog", "NewPatientDialog", "RegimenVersionDialog", "WhenEdit"]

REASON_MISSING = "Give the reason for the change."


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
    """A clinical event. The kind list reads in words; a pain score starts empty and is
    required (OK stays disabled until 0–10 is typed, and the dialog says so): the defaults never
    record "NRS 0" (clinician review 4, D4)."""

    def __init__(self, time_basis: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add clinical event")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of event")
        for kind in EVENT_KINDS:
            self.kind.addItem(kind_choice(kind), kind)
        self.when = WhenEdit(time_basis)
        self.has_end = QCheckBox("Lasts until")
        self.until = WhenEdit(time_basis)
        self.until.setEnabled(False)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.nrs = QLineEdit()
        self.nrs.setObjectName("pain_score")
        self.nrs.setAccessibleName(NRS_LABEL)
        self.nrs.setPlaceholderText("0–10, required")
        self.nrs.setValidator(QIntValidator(0, 10, self.nrs))
        self.nrs.setMaxLength(2)
        self.missing = QLabel("")
        self.missing.setObjectName("missing")
        self.missing.setWordWrap(True)
        restyle(self.missing, ERROR_TEXT_STYLE)
        self.missing.setAccessibleName("What is missing")
        self.detail = QPlainTextEdit()
        self.detail.setMaximumHeight(80)
        self.buttons = _buttons(self)
        form = QFormLayout(self)
        form.addRow("&Kind", self.kind)
        form.addRow("When", self.when)
        form.addRow(self.has_end, self.until)
        form.addRow("&Title", self.title_edit)
        form.addRow(NRS_LABEL, self.nrs)
        form.addRow(self.missing)
        form.addRow("Detail", self.detail)
        form.addRow(self.buttons)
        self.has_end.toggled.connect(self.until.setEnabled)
        self.kind.currentIndexChanged.connect(lambda _index: self._refresh())
        self.nrs.textChanged.connect(lambda _text: self._refresh())
        self._refresh()

    def kind_code(self) -> str:
        return str(self.kind.currentData())

    def score(self) -> int | None:
        """The pain score typed, or None (empty or not yet a whole number 0–10)."""
        return int(self.nrs.text()) if self.nrs.hasAcceptableInput() else None

    def missing_text(self) -> str:
        if self.kind_code() == "nrs" and self.score() is None:
            return "Give the pain score (NRS 0–10): a whole number from 0 to 10."
        return ""

    def _refresh(self) -> None:
        is_score = self.kind_code() == "nrs"
        self.nrs.setEnabled(is_score)
        missing = self.missing_text()
        self.missing.setText(missing)
        restyle(self.nrs, ERROR_BORDER_STYLE if missing else "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not missing)
        ok.setToolTip(missing)

    def accept(self) -> None:
        if self.missing_text():  # OK is disabled then; Enter must not get past it either
            self.nrs.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().accept()

    def values(self) -> dict[str, Any]:
        kind = self.kind_code()
        score = self.score() if kind == "nrs" else None
        return {
            "kind": kind,
            "occurred_at": self.when.value(),
            "ends_at": self.until.value() if self.has_end.isChecked() else None,
            "title": self.title_edit.text().strip() or event_title(kind, score),
            "nrs": score,
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
        *,
        total_in: str | None = None,
    ) -> None:
        """``total_in``: the set the timeline draws the totals in (None: the regimen's own)."""
        super().__init__(parent)
        self.setWindowTitle("Record a regimen change")
        self.when = WhenEdit(time_basis)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for the change")
        self.reason.setPlaceholderText("why the regimen changed, e.g. 'pain uncontrolled'")
        self.session = EditorSession(self)
        self.session.load_core(tables)
        self.session.replace_document(regimen)
        self.editor = RegimenEditor(self.session, self)
        # the total of the regimen being recorded, as the timeline will draw it (review 5)
        self._tables, self._total_in = tables, total_in
        self.total = QLabel("")
        self.total.setWordWrap(True)
        self.total.setAccessibleName("Total per day of this regimen")
        bold = self.total.font()
        bold.setBold(True)
        self.total.setFont(bold)
        self.session.resultChanged.connect(self._show_total)
        self._show_total()
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        restyle(self.problem, ERROR_TEXT_STYLE)
        self.problem.setAccessibleName("What to fix before saving")
        form = QFormLayout(self)
        form.addRow("Effective from", self.when)
        form.addRow("&Reason", self.reason)
        # the regimen under its title, the dialog's whole width: its dose and unit columns
        # show at scale 2 (review 5: "80 r", "4 g/" in the Daily total column)
        form.addRow(QLabel("Regimen"))
        form.addRow(self.editor)
        form.addRow(self.total)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.problem)
        buttons = _buttons(self)
        buttons.rejected.disconnect()
        buttons.rejected.connect(self.cancel)  # Cancel asks, as Escape does (review 14 #8b)
        form.addRow(buttons)
        # as wide as every column of the regimen needs (review 5: at 1280×720 the Note column
        # was behind a sideways scroll bar in a 900 px dialog), or the screen allows
        margins = form.contentsMargins()
        wanted = self.editor.table_width() + margins.left() + margins.right()
        resize_to_fit(self, max(900, wanted), 520, name="regimen_change")

        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reason.textChanged.connect(self._reason_typed)

    def _show_total(self) -> None:
        """The core's total of the valid rows, under the timeline's set; "INCOMPLETE" when a
        row is left out (refused, or not covered by the set)."""
        # start-up seam: the MME service loads with the records, after the first paint
        from mps_pain.errors import MpsPainError
        from mps_pain.presentation.mme import total_line
        from mps_pain.presentation.ranged_words import ranged_total_words
        from mps_pain.services.mme_service import calculate_mme

        state = self.session.state
        if state is None:
            return
        table = self._total_in or self.session.effective_table()
        try:
            result = calculate_mme(
                state.document, tables=self._tables, table_id=table, on_item_error="exclude"
            )
        except MpsPainError as exc:
            self.total.setText(f"Total not known: {plain_error(exc)}")
            return
        total = total_line(result, unreadable=state.unreadable_rows(result))
        # the span over a cited factor range, as the Regimen tab says it (review 21, N2)
        self.total.setText(" ".join(filter(None, (total, ranged_total_words(result)))))

    def _reason_typed(self, text: str) -> None:
        """Once a reason is typed, its red border and sentence go (review 4: they stayed)."""
        if text.strip() and REASON_MISSING in self.problem.text():
            restyle(self.reason, "")
            self.problem.setText(self.problem.text().replace(REASON_MISSING, "").strip())

    def typed_work(self) -> bool:
        """A reason typed or a row changed since the dialog opened."""
        return bool(self.reason.text().strip()) or not self.session.undo_stack.isClean()

    @Slot()
    def cancel(self) -> None:
        """Escape, Cancel or the window's close: typed work goes only once the person says so
        (clinician review 14, #8b: a second Escape dropped the reason and rows unasked)."""
        if not self.typed_work() or may_discard_typed(
            self, "Discard the regimen change?", "the reason and the rows typed"
        ):
            self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            event.accept()
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()  # closed by ``cancel`` (after the question), never unasked
        self.cancel()

    def regimen(self) -> RegimenDocument:
        state = self.session.state
        assert state is not None
        return state.document

    def accept(self) -> None:
        state = self.session.state
        problems = []
        if not self.reason.text().strip():
            problems.append(REASON_MISSING)
            restyle(self.reason, ERROR_BORDER_STYLE)
        else:
            restyle(self.reason, "")
        invalid = state.invalid_rows() if state is not None else []
        if invalid:
            rows = ", ".join(str(row + 1) for row, _ in invalid)
            problems.append(f"Correct row(s) {rows} (marked in red) or remove them.")
            self.editor.select_row(invalid[0][0])
        if problems:
            self.problem.setText(" ".join(problems))
            return  # the dialog stays open with everything typed
        super().accept()
