"""Clinician review 18, #4 (medium): what a save to the patient record stores.

4a: MRN-1801 opened, oxycodone ER changed from 20 to 30 mg, Ctrl+Shift+R from the Regimen tab:
the status read "Saved … and the plan 'Switch to morphine sc injection 70 mg over 24 h…'", a
plan recomputed for the edited regimen and never on screen. 4b: planner → hydromorphone →
Apply → Ctrl+Shift+R: the regimen was stored, the plan applied was not (the record kept an
older plan for a patch beside an IV hydromorphone regimen). The rule: a plan is stored only as
last shown, never when the regimen changed since; after Apply the plan applied is stored with
the regimen; the chooser and the status bar say what is not stored. Real window, QTest keys,
the real save chooser (tests/ui/record_dialogs.py), a real SQLite records file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.services.patient_service import PatientService
from tests.ui.conftest import shown
from tests.ui.keyboard import alt_click, press, type_in_cell
from tests.ui.record_dialogs import answer_modals, press_save_to_record, type_in_chooser

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "bid"}
NOT_SAVED = "the switching plan is not saved: it was not shown for this regimen"


def _save(window, seen: list[str]) -> str:
    """Ctrl+Shift+R, the chooser read, MRN-0001 typed and Enter; the status line after."""

    def step(dialog: QWidget) -> None:
        seen.extend(
            label.text() for label in dialog.findChildren(QLabel) if "Stores" in label.text()
        )
        type_in_chooser("MRN-0001")(dialog)

    answer_modals([step], [])
    press_save_to_record(window)
    return window.statusBar().currentMessage()


def _planner_to_fentanyl(window) -> None:
    window.session.replace_document(RegimenDocument.model_validate({"items": [OXY]}))
    window.activateWindow()
    window.editor.view.setFocus()
    QApplication.processEvents()
    press((Qt.Key.Key_2, CTRL))
    press((Qt.Key.Key_G, ALT), "Fentanyl")
    window.planner.replan()
    assert window.planner.plan is not None, window.planner.error_label.text()


def test_4a_a_plan_for_an_edited_regimen_is_not_stored(
    make_window, tables, records_service: PatientService
) -> None:
    window = shown(make_window(tables))
    window.ensure_panels()
    _planner_to_fentanyl(window)  # shown for oxycodone ER 20 mg bid
    press((Qt.Key.Key_1, CTRL))
    type_in_cell(window, 0, "dose", "30 mg")  # the regimen changes: the planner replans unseen
    assert window.planner.plan is not None  # a plan for 30 mg exists, never shown
    seen: list[str] = []
    said = _save(window, seen)
    assert records_service.plans("MRN-0001") == []  # was: the unseen plan, stored
    assert len(records_service.regimen_versions("MRN-0001")) == 1
    assert any(NOT_SAVED in text for text in seen), seen
    assert NOT_SAVED in said and "the plan '" not in said, said


def test_4a_the_plan_shown_is_stored_from_another_tab(
    make_window, tables, records_service: PatientService
) -> None:
    """The regimen unchanged since the plan was shown: the plan is stored, named."""
    window = shown(make_window(tables))
    window.ensure_panels()
    _planner_to_fentanyl(window)
    press((Qt.Key.Key_1, CTRL))
    seen: list[str] = []
    said = _save(window, seen)
    (plan,) = records_service.plans("MRN-0001")
    assert plan.title.startswith("Switch to fentanyl"), plan.title
    assert f"the plan '{plan.title}'" in said and NOT_SAVED not in said, said


def test_4b_after_apply_the_plan_applied_is_stored(
    make_window, tables, records_service: PatientService
) -> None:
    window = shown(make_window(tables))
    window.ensure_panels()
    _planner_to_fentanyl(window)
    shown_title = window.planner.plan and window.planner.plan.regimen.drug
    planner = window.planner
    alt_click(Qt.Key.Key_A, lambda: planner.applied_plan() is not None)  # Apply plan
    seen: list[str] = []
    said = _save(window, seen)
    (plan,) = records_service.plans("MRN-0001")  # was: none
    assert plan.title.startswith("Switch to fentanyl") and plan.title.endswith("(applied)")
    assert shown_title == "fentanyl"
    assert plan.outputs.get("transition") or plan.outputs.get("schedule"), list(plan.outputs)
    # the regimen the plan was made from, then the regimen applied (clinician review 19, L5)
    (before, version) = sorted(
        records_service.regimen_versions("MRN-0001"), key=lambda v: v.id or 0
    )
    assert {item.drug for item in before.regimen.items} == {"oxycodone"}
    drugs = {item.drug for item in version.regimen.items}
    assert "fentanyl" in drugs and "oxycodone" not in drugs, drugs  # the regimen applied
    assert any(f"and the plan '{plan.title}'" in text for text in seen), seen
    assert f"the plan '{plan.title}'" in said, said
