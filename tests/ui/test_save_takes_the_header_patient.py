"""Clinician review 17, #8: with "MRN-1701" typed in the header's Patient field, Save to patient
record (Ctrl+Shift+R) opened the chooser empty ("find the patient, or a new ID"), so the ID was
typed again and a typo filed the work under a second, new patient; and a saved plan was titled
"Switch to morphine sc", without the dose it gives, while a check is titled by its order. The
chooser now starts with the header's patient typed in its box (selected: typing replaces it), so
Enter saves to that patient; a saved plan is titled by its new regimen. Real widgets, QTest
keys, a real SQLite records file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.presentation.rotation import regimen_sentence
from tests.ui.conftest import shown
from tests.ui.record_dialogs import answer_modals, press_save_to_record, type_in_chooser
from ui.records.choose_patient import ChoosePatientDialog

MORPHINE = {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg", "frequency": "q12h"}


def _document(identifier: str) -> RegimenDocument:
    return RegimenDocument.model_validate(
        {"table": "uk-palliative", "patient": {"identifier": identifier}, "items": [MORPHINE]}
    )


def _read_box_then_enter(box: list[str], seen: list[str]):
    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, ChoosePatientDialog)
        box.append(dialog.filter.text())
        box.append(dialog.filter.selectedText())
        seen.extend(
            label.text() for label in dialog.findChildren(QLabel) if "Stores" in label.text()
        )
        if not dialog.filter.text():  # nothing to save to: closed, and the test fails below
            QTest.keyClick(dialog.filter, Qt.Key.Key_Escape)
            return
        type_in_chooser("")(dialog)  # Enter: a new patient is named …
        type_in_chooser("")(dialog)  # … and Enter once more creates the record

    return step


def test_the_chooser_starts_with_the_header_patient_and_the_plan_has_its_dose(
    make_window, tables, records_service
) -> None:
    window = shown(make_window(tables))
    window.ensure_panels()
    window.session.replace_document(_document("MRN-1701"))
    window.planner.set_target("morphine", "sc", continuous=True, table="uk-palliative")
    plan = window.planner.plan
    assert plan is not None
    window.show_tab(1)
    box: list[str] = []
    seen: list[str] = []
    answer_modals([_read_box_then_enter(box, seen)], [])
    press_save_to_record(window)
    assert box[:2] == ["MRN-1701", "MRN-1701"], box  # typed in, selected
    title = f"Switch to {regimen_sentence(plan.regimen)}"
    assert "30 mg over 24 h" in title or "mg over 24 h" in title, title
    assert any(f"the plan '{title}'" in text for text in seen), seen
    plans = records_service.plans("MRN-1701")
    assert [p.title for p in plans] == [title], plans


def test_an_existing_patient_in_the_header_is_saved_to_with_one_enter(
    make_window, tables, records_service
) -> None:
    window = shown(make_window(tables))
    window.ensure_panels()
    window.session.replace_document(_document("MRN-0001"))
    box: list[str] = []

    def enter_once(dialog: QWidget) -> None:
        assert isinstance(dialog, ChoosePatientDialog)
        box.append(dialog.filter.text())
        type_in_chooser("")(dialog)
        if dialog.isVisible():  # Enter saved nothing: closed, and the test fails below
            QTest.keyClick(dialog.filter, Qt.Key.Key_Escape)

    answer_modals([enter_once], [])
    press_save_to_record(window)
    assert box == ["MRN-0001"], box
    assert records_service.regimen_versions("MRN-0001"), "not saved to the header's patient"
