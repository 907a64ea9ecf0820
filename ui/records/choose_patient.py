"""The patient chooser of save-to-record and Open patient: a small keyboard-first dialog (type to
filter, Enter to save; a failed save keeps it open with the reason). Moved out of
``save_to_record.py``, which keeps the saving itself.

Given a way to open the records instead of the records, it shows at once and reads them after
it is on screen (opening the database can take seconds after launch: clinician review 11, #1):
what is typed meanwhile is kept, and an Enter pressed before the list is read waits for it, then
counts once, on the whole list, with the usual rules (a new ID still needs a second Enter)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mps_pain.errors import MpsPainError
from ui.records.record_words import (
    damaged_patient_line,
    damaged_patient_tip,
    unavailable_words,
)
from ui.screen_fit import resize_to_fit
from ui.theme import ERROR_TEXT_STYLE
from ui.unchanged import restyle

if TYPE_CHECKING:
    from mps_pain.persistence.records import PatientInfo
    from mps_pain.services.patient_service import PatientService

__all__ = ["NEW_PATIENT_HINT", "READING", "ChoosePatientDialog"]

READING = "Reading the records…"

NEW_PATIENT_HINT = (
    " A new patient: type their ID (e.g. the hospital number) and press Enter twice to create "
    "the record."
)


class ChoosePatientDialog(QDialog):
    """Pick the patient; ``save`` is called on Enter and the dialog closes only if it worked.
    ``records`` is the records, or how to open them once the dialog is on screen."""

    def __init__(
        self,
        records: PatientService | Callable[[], PatientService],
        what: str,
        suggested: str | None,
        save: Any,
        parent: QWidget | None = None,
        *,
        opening: bool = False,
        create: Callable[[str], tuple[PatientInfo | None, str | None]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open patient" if opening else "Save to patient record")
        self._save = save
        self._verb = "open" if opening else "save to"
        self._create = create  # None: existing patients only (opening a record)
        self._new_identifier: str | None = None  # typed, matching no one, Enter pressed once
        self._matches: list[int] = []  # the rows what was typed matches
        self._partial: str | None = None  # the one patient a part of an id matches
        self._partial_named = False  # … and Enter has named them once (review 11, #3)
        self._suggested = suggested
        self.service: PatientService | None = None  # None until the records are read
        self._reader = records if callable(records) else None
        self._enter_waits = False  # Enter pressed while the records are read
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(
            "type to find the patient" if create is None else "find the patient, or a new ID"
        )
        self.filter.setAccessibleName("Find patient")
        if suggested and create is not None:  # the header's patient, typed in (review 17 #8)
            self.filter.setText(suggested)  # selected: a key typed replaces it
            self.filter.selectAll()
        self.filter.installEventFilter(self)  # Down: to the list
        self.patients = QListWidget(self)
        self.patients.setAccessibleName("Patients")
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Why it was not opened" if opening else "Why it was not saved")
        restyle(self.error, ERROR_TEXT_STYLE)
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
        if callable(records):
            self._say(READING, problem=False)
        else:
            self._fill(records)
        resize_to_fit(self, 520, 420, name="choose_patient")

    def _fill(self, service: PatientService) -> None:
        """List the patients; what was typed meanwhile chooses among them as if typed now."""
        self.service = service
        listing = service.patient_listing()  # a damaged record hides no one (review 5)
        for stored in listing.patients:
            info = stored.info
            shown = info.identifier + (f" — {info.display_name}" if info.display_name else "")
            item = QListWidgetItem(shown, self.patients)
            item.setData(Qt.ItemDataRole.UserRole, info.identifier)
            item.setData(Qt.ItemDataRole.UserRole + 1, info.display_name)
        for err in listing.damaged:  # named, never chosen
            item = QListWidgetItem(damaged_patient_line(err), self.patients)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            item.setToolTip(damaged_patient_tip(err))
        if self.filter.text().strip():
            self._filter(self.filter.text())
        else:
            self._select(self._suggested)

    @property
    def reading(self) -> bool:
        """True while the records it was given a way to open are being read."""
        return self.service is None and self._reader is not None

    def event(self, event: QEvent) -> bool:
        """Once on screen (its first paint; or soon after it is shown, if never painted), the
        dialog reads the records it was given a way to open."""
        if getattr(self, "_reader", None) is not None:  # (Qt sends events while __init__ runs)
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, self._read_records)
            elif event.type() == QEvent.Type.Show:
                QTimer.singleShot(250, self._read_records)
        return super().event(event)

    @Slot()
    def _read_records(self) -> None:
        reader, self._reader = self._reader, None
        if reader is None:
            return  # read already
        try:
            service = reader()
        except MpsPainError as exc:
            self._enter_waits = False
            self._say(unavailable_words(exc))  # the dialog stays open with what was typed
            return
        self._say("", problem=False)
        self._fill(service)
        if self._enter_waits:  # one Enter, on the whole list (review 11, #1)
            self._enter_waits = False
            self.try_save()

    def _select(self, identifier: str | None) -> None:
        for row in range(self.patients.count()):
            item = self.patients.item(row)
            named = (item.data(Qt.ItemDataRole.UserRole), item.data(Qt.ItemDataRole.UserRole + 1))
            if identifier is not None and identifier in named:  # by MRN or by name
                self.patients.setCurrentRow(row)
                return
        # no one is pre-selected when the header names no one: Enter must not file the work
        # under whoever sorts first (clinician review 5, defect 2)
        self._pick(-1)

    @Slot(str)
    def _filter(self, text: str) -> None:
        self._new_identifier = None
        self._partial, self._partial_named = None, False
        needle = text.strip().lower()
        matches: list[int] = []
        exact = None
        for row in range(self.patients.count()):
            item = self.patients.item(row)
            hidden = bool(needle) and needle not in item.text().lower()
            item.setHidden(hidden)
            choosable = bool(item.flags() & Qt.ItemFlag.ItemIsSelectable)
            if not hidden and choosable:
                matches.append(row)
                if item.data(Qt.ItemDataRole.UserRole) == text.strip():
                    exact = row
        self._matches = matches if needle else []
        # what was typed picks the patient whose whole identifier it is, or the one patient it
        # matches; several matches pick no one, so Enter cannot file the work under whoever
        # sorts first (clinician review 10, #2: "101" and Enter saved to "-1012"); an emptied
        # filter picks no one (review 5)
        if exact is None and len(self._matches) == 1:
            exact = self._matches[0]  # highlighted; Enter names them first (review 11, #3)
            self._partial = str(self.patients.item(exact).data(Qt.ItemDataRole.UserRole))
        self._pick(exact if exact is not None else -1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the find field goes to the list, on its first match (the way to choose one
        of several with the keyboard)."""
        if (
            watched is self.filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            shown = [
                r for r in range(self.patients.count()) if not self.patients.item(r).isHidden()
            ]
            if shown:
                selected = self.chosen() is not None
                self.patients.setFocus(Qt.FocusReason.TabFocusReason)
                if not selected:
                    self._pick(self._matches[0] if self._matches else shown[0])
                return True
        return super().eventFilter(watched, event)

    def _pick(self, row: int) -> None:
        self.patients.setCurrentRow(row)
        if row < 0:
            self.patients.clearSelection()

    def chosen(self) -> str | None:
        """The selected patient: never the row Qt makes current when the list takes focus."""
        selected = self.patients.selectedItems()
        item = selected[0] if selected else None
        if item is None or item.isHidden():
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))

    @Slot()
    def try_save(self) -> None:
        if self.service is None:
            if self._reader is not None:  # Enter waits for the whole list: it saves nothing yet
                self._enter_waits = True
                self._say(f"{READING} Your Enter takes effect when they are read.", problem=False)
            return  # the records could not be opened: the dialog says why
        identifier = self.chosen()
        typed = self.filter.text().strip()
        if identifier is None and len(self._matches) > 1:
            self._say(  # an instruction, not an error (review 10, #2)
                f"{len(self._matches)} patients match “{typed}” - choose one: ↓ then Enter, or "
                "type the whole identifier.",
                problem=False,
            )
            return
        if self._names_the_partial_match(identifier, typed):
            return
        if identifier is None and typed and self._create is not None:
            if self._new_identifier != typed:  # the first Enter asks, the second creates
                self._new_identifier = typed
                self._say(  # an instruction, not an error: said calmly (review 3)
                    f"No patient “{typed}” yet. Choose a patient above, or press Enter again to "
                    f"create a new patient record “{typed}” and save to it.",
                    problem=False,
                )
                return
            new, problem = self._create(typed)
            if new is None:
                self._say(problem or "")  # the dialog stays open with what was typed
                return
            self._finish(self._save(new.identifier, new))  # created only by the save
            return
        if identifier is None:
            # review 6, #14: Records… cannot open while this asks; typing an ID creates one
            self._say(
                "Choose a patient above, or type the patient's ID: a new ID is created with a "
                "second Enter."
                if self._create is not None
                else "Choose a patient above."
            )
            return
        self._finish(self._save(identifier))

    def _names_the_partial_match(self, identifier: str | None, typed: str) -> bool:
        """A part of an id that matches one patient ("1012": MRN-1012) is highlighted, and the
        first Enter in the find field names them instead of saving: a new patient's local number
        may be part of someone else's id (clinician review 11, #3). The match is taken only by
        Down then Enter; Enter again creates the ID typed, the dialog's own gesture for a new
        patient, so Enter-Enter never files to a patient whose whole ID was not typed
        (review 12, #6). True when it said so."""
        if (
            identifier is None
            or identifier != self._partial
            or self._partial_named
            or self.focusWidget() is self.patients  # chosen in the list: Down, then Enter
        ):
            return False
        self._partial_named = True
        self._new_identifier = typed if self._create is not None else None
        shown = self.patients.selectedItems()[0].text()
        again = (
            f"Enter again to create a new patient “{typed}” and save to it"
            if self._create is not None
            else "type the whole ID"
        )
        self._say(
            f"“{typed}” is part of one patient's ID: {shown}. To {self._verb} {identifier}: "
            f"↓ then Enter. Or {again}.",
            problem=False,
        )
        # Enter again creates the ID typed (review 12, #6), so no row looks chosen; ↓ selects
        # the match, a choice the next Enter honours (re-check 12b, #7a)
        self._pick(-1)
        return True

    def _finish(self, problem: str | None) -> None:
        if problem:
            self._say(problem)  # the dialog stays open; nothing is lost
            return
        self.accept()

    def _say(self, text: str, *, problem: bool = True) -> None:
        """A refusal in the error style; an instruction in the dialog's own colour."""
        restyle(self.error, ERROR_TEXT_STYLE if problem else "")
        self.error.setText(text)
