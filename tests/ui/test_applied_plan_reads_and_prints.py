"""Clinician review 17, #11 and #6: after a successful Apply plan the planner's pane read "No
plan: correct the choice on the left or the regimen" under a red dose-change text, as if Apply
had failed; and File → Export plan as PDF then printed an "Opioid plan" with signature lines but
no switching plan, so the signed page lacked the transition (when the last dose of the old opioid
is given, when the new one starts) that prevents a gap or an overlap. While the regimen is the
one Apply wrote, the pane says the plan was applied and what the regimen now is, and the printed
page carries the applied switching plan, headed as applied. The reviewer's keys: Ctrl+2, Drug,
Alt+A."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import shown
from tests.ui.keyboard import alt_click, press, type_in_cell

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
REGIMEN = {
    "table": "uk-palliative",
    "patient": {"identifier": "MRN-1702"},
    "items": [
        {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg", "frequency": "q12h"}
    ],
}


def _plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _plan_to_fentanyl_and_apply(window) -> str:
    window.session.replace_document(RegimenDocument.model_validate(REGIMEN))
    window.activateWindow()
    window.editor.view.setFocus()
    QApplication.processEvents()
    press((Qt.Key.Key_2, CTRL))
    planner = window.planner
    press((Qt.Key.Key_G, ALT), "Fentanyl")
    planner.replan()
    assert planner.plan is not None, planner.error_label.text()
    regimen = planner.plan.regimen
    assert regimen.rate is not None and regimen.rate.unit == "mcg/h", regimen
    alt_click(Qt.Key.Key_A, lambda: planner.applied_plan() is not None)  # Apply plan
    planner.replan()
    return f"{regimen.rate.value:g} mcg/h"


def test_after_apply_the_planner_says_the_plan_was_applied(make_window, tables) -> None:
    window = shown(make_window(tables))
    window.ensure_panels()
    patch = _plan_to_fentanyl_and_apply(window)
    planner = window.planner
    said = " ".join(planner.view.toPlainText().split())
    assert "No plan" not in said and "correct the choice" not in said, said
    assert said.startswith("Plan applied."), said
    assert f"fentanyl transdermal patch {patch}" in said, said
    assert "red" not in planner.error_label.styleSheet() and "190, 30, 30" not in (
        planner.error_label.styleSheet()
    )
    # an edit of the regimen after Apply: the plan applied is no longer what the regimen holds
    type_in_cell(window, 0, "rate", "50")
    planner.replan()
    said = " ".join(planner.view.toPlainText().split())
    assert "Plan applied" not in said, said


def test_after_apply_the_printed_page_carries_the_applied_plan(make_window, tables) -> None:
    from ui.printing.plan_pdf import plan_html
    from ui.printing_actions import plan_content

    window = shown(make_window(tables))
    window.ensure_panels()
    patch = _plan_to_fentanyl_and_apply(window)
    content = plan_content(window)
    assert content is not None
    printed = _plain(plan_html(content))
    assert "Switching plan applied" in printed, printed
    assert "Transition schedule" in printed, printed
    assert f"fentanyl transdermal patch {patch}" in printed, printed
    # the regimen the plan switched from, and when its last dose is given
    assert "last dose, morphine oral ER 30 mg" in printed.partition("Switching plan applied")[2]
