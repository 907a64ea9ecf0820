"""Clinician review 10, #2 (HIGH): in "Save plan to patient record", a partial ID ("101") matching
three patients highlighted the first and one Enter saved the plan to it ("-1012"). Enter now
saves only on the whole identifier or when what was typed matches one patient; with several it
saves nothing and says how many match (↓ then chooses one). Real widgets offscreen, QTest
keystrokes, a real SQLite records file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from mps_pain.services.patient_service import PatientService
from tests.ui.record_dialogs import (
    answer_modals,
    close_chooser,
    converter_with_plan,
    press_save_to_record,
)
from ui.records.choose_patient import ChoosePatientDialog

_PATIENTS = ("-1012", "MRN-1010", "MRN-1011")


def _converter_with_plan(make_window, tables, service: PatientService, *more: str):
    return converter_with_plan(make_window, tables, service, (*_PATIENTS, *more))


def _saved_to(service: PatientService, *identifiers: str) -> dict[str, int]:
    return {i: len(service.plans(i)) for i in identifiers}


def test_review10_2_enter_on_a_part_matching_several_patients_saves_nothing(
    make_window, tables, records_service: PatientService
) -> None:
    window = _converter_with_plan(make_window, tables, records_service)
    seen: list[str] = []

    def type_part(dialog: QWidget) -> None:
        assert isinstance(dialog, ChoosePatientDialog)
        QTest.keyClicks(dialog.filter, "101")
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)
        seen.append(f"chosen: {dialog.chosen()}")
        seen.append("said: " + dialog.error.text())

    answer_modals([type_part, close_chooser(seen)], seen)
    press_save_to_record(window)
    assert _saved_to(records_service, *_PATIENTS) == dict.fromkeys(_PATIENTS, 0), seen
    assert seen[0] == "chosen: None"  # no patient highlighted for Enter to take
    assert "3 patients match “101”" in seen[1] and "choose one" in seen[1], seen


def test_review10_2_down_then_enter_saves_to_the_patient_chosen(
    make_window, tables, records_service: PatientService
) -> None:
    window = _converter_with_plan(make_window, tables, records_service)
    chosen: list[str | None] = []

    def type_part_then_choose(dialog: QWidget) -> None:
        assert isinstance(dialog, ChoosePatientDialog)
        QTest.keyClicks(dialog.filter, "101")
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)  # says how many match
        QTest.keyClick(dialog.filter, Qt.Key.Key_Down)  # the list, its first match
        focus = dialog.focusWidget()
        chosen.append(dialog.chosen())
        QTest.keyClick(dialog.patients, Qt.Key.Key_Down)
        chosen.append(dialog.chosen())
        chosen.append("list" if focus is dialog.patients else repr(focus))
        QTest.keyClick(dialog.patients, Qt.Key.Key_Return)
        if dialog.isVisible():  # never left open: the test fails, not hangs
            chosen.append("still open: " + dialog.error.text())
            dialog.reject()

    answer_modals([type_part_then_choose], [])
    press_save_to_record(window)
    assert chosen[2] == "list", chosen
    assert chosen[0] in _PATIENTS and chosen[1] in _PATIENTS and chosen[0] != chosen[1], chosen
    assert len(chosen) == 3, chosen
    saved = _saved_to(records_service, *_PATIENTS)
    assert saved == {i: int(i == chosen[1]) for i in _PATIENTS}


def test_review10_2_the_whole_identifier_saves_on_enter_among_several_matches(
    make_window, tables, records_service: PatientService
) -> None:
    window = _converter_with_plan(make_window, tables, records_service, "MRN-101")
    seen: list[str] = []

    def type_whole(dialog: QWidget) -> None:  # MRN-101 also matches MRN-1010 and MRN-1011
        assert isinstance(dialog, ChoosePatientDialog)
        QTest.keyClicks(dialog.filter, "MRN-101")
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)
        if dialog.isVisible():  # never left open: the test fails, not hangs
            seen.append("still open: " + dialog.error.text())
            dialog.reject()

    answer_modals([type_whole], seen)
    press_save_to_record(window)
    assert seen == []
    assert _saved_to(records_service, "MRN-101", *_PATIENTS) == {
        "MRN-101": 1,
        **dict.fromkeys(_PATIENTS, 0),
    }
