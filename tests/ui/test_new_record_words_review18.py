"""Clinician review 18 #9 (shot-69): "Saved to new patient Mrs Ada Test MRN-1801 (no name)" when
the header's one Patient box ("name or ID") held the name and the ID. "(no name)" is said only
beside a bare ID (review 11 #2 still holds: a new record takes no name, and MRN-2004 says so).
Real widgets offscreen, QTest keystrokes, a real SQLite records file."""

from __future__ import annotations

import pytest

from mps_pain.services.patient_service import PatientService
from tests.ui.conftest import ask_oxycodone_to_patch, shown
from tests.ui.record_dialogs import answer_modals, press_save_to_record
from tests.ui.test_save_chooser_review11 import _new_patient_twice
from ui.records.patient_identity import new_record_words


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("MRN-2004", "new patient MRN-2004 (no name)"),
        ("1801", "new patient 1801 (no name)"),
        ("Mrs Ada Test MRN-1801", "new patient Mrs Ada Test MRN-1801"),
        ("Ada  Test", "new patient Ada  Test"),
    ],
)
def test_no_name_is_said_only_beside_a_bare_id(typed: str, said: str) -> None:
    assert new_record_words(typed) == said


def test_review18_9_a_name_and_id_typed_together_is_not_said_to_have_no_name(
    make_window, tables, records_service: PatientService
) -> None:
    window = shown(make_window(tables))
    panel = ask_oxycodone_to_patch(window)
    panel.convert()
    seen: list[str] = []
    answer_modals([_new_patient_twice("Mrs Ada Test MRN-1801")], seen)
    press_save_to_record(window)
    assert len(records_service.plans("Mrs Ada Test MRN-1801")) == 1, seen
    message = window.statusBar().currentMessage()
    assert "Saved to new patient Mrs Ada Test MRN-1801:" in message, message
    assert "(no name)" not in message, message
