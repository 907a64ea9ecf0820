"""The editor and the record it came from (clinician review 5, defects 1, 2 and 7): a stale editor
says so and Enter does not undo the recorded change, a change by another program shows on
return, an empty header pre-selects no one and Enter saves nothing, a new patient from a named
header keeps its name and age. Real widgets offscreen, QTest keystrokes, a real SQLite records
file (tests/ui/conftest.py)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from tests.ui.record_dialogs import (
    CTRL_SHIFT,
    Step,
    answer_modals,
    close_chooser,
    press_button,
    press_save_to_record,
    type_in_chooser,
)
from tests.ui.test_save_identity import KODAMA

OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "80 mg/day"}


PATCH = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}


NAPROXEN = {"drug": "naproxen", "route": "oral", "daily_dose": "300 mg/day"}


def _regimen(*items: dict, name: str | None = None) -> RegimenDocument:
    return RegimenDocument.model_validate(
        {"table": "uk-palliative", "patient": {"identifier": name}, "items": list(items)}
    )


def _press(key: Qt.Key) -> Step:
    def step(dialog: QWidget) -> None:
        target = getattr(dialog, "filter", dialog)
        QTest.keyClick(target, key)

    return step


def _has_patch(document: RegimenDocument) -> bool:
    return any(item.drug == "fentanyl" for item in document.items)


def _latest(service: PatientService, identifier: str) -> RegimenDocument:
    versions = service.regimen_versions(identifier)
    return max(versions, key=lambda v: (v.effective_from, v.id or 0)).regimen


def test_a_stale_editor_says_so_and_enter_does_not_undo_the_recorded_change(
    make_window, tables, records_service
) -> None:
    """Defect 1: the editor saved with the patch; the records window then records the patch
    stopped. The editor says the record moved on, and Ctrl+Shift+R, Enter, Enter stores nothing."""
    from ui.records.records_window import RecordsWindow

    window = make_window(tables)
    window.session.replace_document(_regimen(OXY, PATCH, NAPROXEN, name="A Patient"))
    seen: list[str] = []
    answer_modals([type_in_chooser("MRN-0001")], seen)
    press_save_to_record(window)
    assert len(records_service.regimen_versions("MRN-0001")) == 1
    assert window.record_banner.isHidden()
    records = RecordsWindow(records_service, window)
    window.records_window = records
    records.select_patient("MRN-0001")
    assert records.record_regimen_change(
        _regimen(OXY, NAPROXEN, name="A Patient"),
        effective_from=datetime.now(UTC),
        reason="patch stopped",
    )
    assert not window.record_banner.isHidden()
    assert "patch stopped" in window.record_banner.text()
    assert "older regimen" in window.record_banner.text()
    window.record_banner.grab().save("/tmp/review5-stale-banner.png")
    # Ctrl+Shift+R, Enter (the record is pre-selected), Enter at the question: Cancel
    seen.clear()
    answer_modals([_press(Qt.Key.Key_Return), _press(Qt.Key.Key_Return), close_chooser(seen)], seen)
    press_save_to_record(window)
    assert seen and "older regimen" in seen[0] and "patch stopped" in seen[0], seen
    assert "not saved" in seen[1].lower(), seen
    assert len(records_service.regimen_versions("MRN-0001")) == 2
    assert not _has_patch(_latest(records_service, "MRN-0001"))
    # choosing explicitly stores it
    seen.clear()
    answer_modals([_press(Qt.Key.Key_Return), press_button("older regimen anyway")], seen)
    press_save_to_record(window)
    assert len(records_service.regimen_versions("MRN-0001")) == 3
    assert _has_patch(_latest(records_service, "MRN-0001"))
    assert window.record_banner.isHidden()


def test_a_change_by_another_program_shows_on_return_and_opening_clears_it(
    make_window, tables, records_service, monkeypatch
) -> None:
    window = make_window(tables)
    window.session.replace_document(_regimen(OXY, PATCH, name="A Patient"))
    answer_modals([type_in_chooser("MRN-0001")], [])
    press_save_to_record(window)
    other = PatientService(Database.open(os.environ["MPS_PAIN_DATABASE_URL"]))
    other.add_regimen_version(
        "MRN-0001",
        _regimen(OXY, name="A Patient"),
        effective_from=datetime.now(UTC),
        reason="patch stopped on the ward",
        expected_version=other.get_patient("MRN-0001").version,
    )
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert "patch stopped on the ward" in window.record_banner.text()
    assert not window.record_banner.isHidden()
    opened: list[str] = []
    answer_modals([type_in_chooser("MRN-0001")], opened)
    window.activateWindow()
    QApplication.processEvents()
    QTest.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)
    QApplication.processEvents()
    assert not _has_patch(window.session.state.document)
    assert window.record_banner.isHidden()


def test_an_empty_header_pre_selects_no_one_and_enter_saves_nothing(
    make_window, tables, records_service
) -> None:
    """Defect 2: Ctrl+Shift+R then Enter filed the work under whoever sorted first."""
    window = make_window(tables)
    window.session.replace_document(_regimen(OXY))
    seen: list[str] = []

    def enter_then_look(dialog: QWidget) -> None:
        seen.append(f"current: {dialog.chosen()}")
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)

    answer_modals([enter_then_look, close_chooser(seen)], seen)
    press_save_to_record(window)
    assert seen[0] == "current: None", seen
    assert "choose a patient" in seen[1].lower(), seen
    assert records_service.regimen_versions("MRN-0001") == []
    assert not window.session.state.document.patient.identifier


def test_a_new_patient_from_a_named_header_takes_neither_its_age_nor_its_name(
    make_window, tables, records_service
) -> None:
    """Defect 7: no needless question. A header naming someone else (here an example's title)
    is that patient's: the new record takes neither its name (clinician review 11, #2) nor its
    age (clinician re-check 14b, #1: MRN-9402 took the Takamatsu example's age 31). A header
    naming no one keeps its age (tests/ui/test_new_patient_takes_no_other_patients_factors.py)."""
    window = make_window(tables, KODAMA)
    header = window.session.state.document.patient
    assert header.identifier and header.age is not None
    seen: list[str] = []

    def new_id(dialog: QWidget) -> None:
        QTest.keyClicks(dialog.filter, "KD-0001")
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)

    answer_modals([new_id], seen)
    press_save_to_record(window)
    assert seen == []  # no "different patient" question
    stored = records_service.get_patient("KD-0001").info
    assert stored.display_name is None
    assert header.age is not None and stored.context.age is None
    (version,) = records_service.regimen_versions("KD-0001")
    assert version.regimen.patient.age is None
    assert version.regimen.patient.identifier == "KD-0001"
