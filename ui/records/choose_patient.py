"""The keyboard-first patient chooser of Save to patient record and Open patient.

Type to filter, Enter to save (or open). Saving to an identifier that is not on the list offers
to create that patient right there: the name field appears with the focus, Enter creates the
record (the same validation as the records window's New patient) and saves, in one step. A
refusal keeps the dialog open with the reason; nothing typed is lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Slot
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
from ui.error_words import plain_error
from ui.screen_fit import resize_to_fit

if TYPE_CHECKING:
    from mps_pain.services.patient_service import PatientService

__all__ = ["ChoosePatientDialog"]


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
        can_create: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open patient" if opening else "Save to patient record")
        self._save = save
        self._service = service
        self._can_create = can_create
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText("name of the new patient")
        self.new_name.setAccessibleName("Name of the new patient")
        self.new_name.setVisible(False)
        self.new_name.returnPressed.connect(self.create_and_save)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("type to find the patient")
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
        self.error.setStyleSheet("color: rgb(190, 30, 30); font-weight: bold;")
        main = (
            QDialogButtonBox.StandardButton.Open
            if opening
            else QDialogButtonBox.StandardButton.Save
        )
        buttons = QDialogButtonBox(main | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(main).setText("&Open" if opening else "&Save")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Cancel")
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        explained = QLabel(
            "Choose the patient: their latest regimen opens in the editor."
            if opening
            else f"Stores {what}."
            if what
            else "Choose the patient.",
            self,
        )
        explained.setWordWrap(True)
        layout.addWidget(explained)
        layout.addWidget(self.filter)
        layout.addWidget(self.patients, 1)
        layout.addWidget(self.new_name)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self.try_save)
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
        if identifier is None and self._can_create and self.filter.text().strip():
            self._offer_new_patient()
            return
        if identifier is None:
            self.error.setText("Choose a patient (Patient → Records… adds one).")
            return
        problem = self._save(identifier)
        if problem:
            self.error.setText(problem)  # the dialog stays open; nothing is lost
            return
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter is handled once, by the field it is typed in (the filter saves, the new name
        creates); not a second time by the dialog's default button."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _offer_new_patient(self) -> None:
        typed = self.filter.text().strip()
        self.error.setText(
            f"No patient “{typed}” yet. To create this new patient and save, type the name "
            "below and press Enter (or Cancel)."
        )
        self.new_name.setVisible(True)
        self.new_name.setFocus()

    @Slot()
    def create_and_save(self) -> None:
        """Create the patient typed in the filter with the name typed, then save to them."""
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from mps_pain.persistence.records import PatientInfo

        name = self.new_name.text().strip()
        if not name:
            self.error.setText("Type the new patient's name (the record needs one), then Enter.")
            return
        try:
            info = PatientInfo.model_validate(
                {"identifier": self.filter.text().strip(), "display_name": name}
            )
            self._service.create_patient(info)
        except (ValueError, MpsPainError) as err:
            self.error.setText(f"Patient not created: {plain_error(err)}")
            return
        item = QListWidgetItem(f"{info.identifier} — {info.display_name}", self.patients)
        item.setData(Qt.ItemDataRole.UserRole, info.identifier)
        item.setData(Qt.ItemDataRole.UserRole + 1, info.display_name)
        self.patients.setCurrentItem(item)
        self.new_name.setVisible(False)
        self.try_save()
