"""Clinician review 15, #4: Save to patient record from the Regimen tab filed the planner's last
trial plan (methadone oral solution 1 mg q8h) with the regimen, while the dialog said only "…
and this plan", with no plan on screen. The dialog and the status bar name the plan or check
they store, by its title, so a what-if is never filed unseen. Real widgets, QTest keys."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import shown
from tests.ui.record_dialogs import answer_modals, press_save_to_record, type_in_chooser

OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}


def _read_sentence(seen: list[str]):
    def step(dialog: QWidget) -> None:
        texts = [label.text() for label in dialog.findChildren(QLabel)]
        seen.extend(text for text in texts if "Stores" in text)
        type_in_chooser("MRN-0001")(dialog)  # a new patient: Enter once names it …
        type_in_chooser("")(dialog)  # … and once more creates the record

    return step


def test_the_dialog_and_status_bar_name_the_plan(make_window, tables, records_service) -> None:
    window = shown(make_window(tables))
    window.ensure_panels()
    window.session.replace_document(RegimenDocument.model_validate({"items": [OXY]}))
    window.planner.set_target("fentanyl", "transdermal")
    assert window.planner.plan is not None
    window.show_tab(1)  # the plan on screen: a plan is stored only as shown (review 18 #4)
    window.show_tab(0)  # the Regimen tab: no plan on screen
    seen: list[str] = []
    answer_modals([_read_sentence(seen)], [])
    press_save_to_record(window)
    # titled by its new regimen since clinician review 17 #8 ("Switch to fentanyl transdermal"
    # gave no dose)
    title = "Switch to fentanyl transdermal patch 25 mcg/h (change every 72 hours)"
    assert any(f"and the plan '{title}'" in text for text in seen), seen
    said = window.statusBar().currentMessage()
    assert f"the plan '{title}'" in said, said


def test_a_saved_check_is_named_by_the_order_it_checked(
    make_window, tables, records_service
) -> None:
    """Clinician review 16, #11: every saved check was titled "Pharmacist check" in the dialog,
    the status bar and the record (`patients show`: "#1 check: Pharmacist check"); its title
    now names the proposed order, as the records' list of saved work does."""
    window = shown(make_window(tables))
    window.ensure_panels()
    window.session.replace_document(RegimenDocument.model_validate({"items": [OXY]}))
    morphine = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg",
                "frequency": "q12h"}  # fmt: skip
    window.check.proposal.replace_document(RegimenDocument.model_validate({"items": [morphine]}))
    window.show_tab(2)
    window.check.run_check()
    assert window.check.result is not None, window.check.error
    seen: list[str] = []
    answer_modals([_read_sentence(seen)], [])
    press_save_to_record(window)
    (saved,) = records_service.plans("MRN-0001")
    assert saved.kind == "check"
    assert saved.title == "Check of morphine oral ER 30 mg q12h", saved.title
    assert any("Check of morphine oral ER 30 mg q12h" in text for text in seen), seen
