"""Clinician re-check 12b, #7a (cosmetic): in "Save plan to patient record", "4002" then Enter
said Enter again would create a new patient "4002" while the list row MRN-4002 stayed
highlighted, as if chosen. When Enter would create, no row is current or selected; Down then
selects the match, and Enter in the list saves to it. Real widgets offscreen, QTest keystrokes, a
real SQLite records file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from mps_pain.services.patient_service import PatientService
from tests.ui.record_dialogs import answer_modals, converter_with_plan, press_save_to_record
from ui.records.choose_patient import ChoosePatientDialog

_PATIENTS = ("MRN-4001", "MRN-4002")


def _shown_rows(dialog: ChoosePatientDialog) -> str:
    selected = [item.text() for item in dialog.patients.selectedItems()]
    return f"current {dialog.patients.currentRow()}, selected {selected}"


def test_no_row_is_shown_chosen_while_enter_would_create(
    make_window, tables, records_service: PatientService
) -> None:
    window = converter_with_plan(make_window, tables, records_service, _PATIENTS)
    seen: list[str] = []

    def type_part_enter_then_down(dialog: QWidget) -> None:
        assert isinstance(dialog, ChoosePatientDialog)
        QTest.keyClicks(dialog.filter, "4002")
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)
        seen.append("said: " + dialog.error.text())
        seen.append(_shown_rows(dialog))
        seen.append(f"chosen: {dialog.chosen()}")
        QTest.keyClick(dialog.filter, Qt.Key.Key_Down)  # ↓ selects the match
        seen.append(f"after down: {dialog.chosen()}")
        QTest.keyClick(dialog.patients, Qt.Key.Key_Return)  # and Enter saves to it
        if dialog.isVisible():  # never left open: the test fails, not hangs
            seen.append("still open: " + dialog.error.text())
            dialog.reject()

    answer_modals([type_part_enter_then_down], seen)
    press_save_to_record(window)
    assert "Enter again to create a new patient “4002”" in seen[0], seen
    assert seen[1] == "current -1, selected []", seen  # nothing looks chosen
    assert seen[2] == "chosen: None", seen
    assert seen[3] == "after down: MRN-4002", seen
    assert len(seen) == 4, seen
    assert len(records_service.plans("MRN-4002")) == 1  # saved to the match chosen with ↓
    assert records_service.plans("MRN-4001") == []
    listed = {p.info.identifier for p in records_service.patient_listing().patients}
    assert "4002" not in listed and set(_PATIENTS) <= listed  # no new patient "4002"
