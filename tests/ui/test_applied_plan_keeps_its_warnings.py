"""Clinician re-check 17b, #3: the plan printed after Apply dropped every warning about the
switch (the eGFR-28 danger, the patch's onset cover, heat and fever), though it carried the
transition schedule and signature lines, and it printed two different "current" totals (the
regimen above, now the patch, at 30 OME/day; the applied plan's "Current total" at 60). The
page printed after Apply carries the plan's own warnings, as the page printed before it does,
and one current total: the plan's is the total before the switch. The reviewer's keys: Ctrl+2,
Drug (Alt+G) "Fentanyl", Apply (Alt+A), then the printed page."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import shown
from tests.ui.keyboard import alt_click, press

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
REGIMEN = {
    "table": "uk-palliative",
    "patient": {"identifier": "MRN-1802", "age": 81, "egfr": "28 mL/min"},
    "items": [
        {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg", "frequency": "q12h"}
    ],
}


def _plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _switch_warnings(printed: str) -> str:
    return printed.partition("About the switch")[2].partition("About the current regimen")[0]


def test_the_page_printed_after_apply_keeps_the_switch_warnings(make_window, tables) -> None:
    from ui.printing.plan_pdf import plan_html
    from ui.printing_actions import plan_content

    window = shown(make_window(tables))
    window.ensure_panels()
    window.session.replace_document(RegimenDocument.model_validate(REGIMEN))
    window.activateWindow()
    window.editor.view.setFocus()
    QApplication.processEvents()
    press((Qt.Key.Key_2, CTRL))
    press((Qt.Key.Key_G, ALT), "Fentanyl")
    planner = window.planner
    planner.replan()
    assert planner.plan is not None, planner.error_label.text()
    before = plan_content(window)
    assert before is not None
    printed_before = _plain(plan_html(before))
    warned = _switch_warnings(printed_before)
    assert "eGFR 28" in warned and "12–24 h" in warned, warned  # what the reviewer saw
    alt_click(Qt.Key.Key_A, lambda: planner.applied_plan() is not None)  # Apply plan
    planner.replan()
    assert planner.plan is None  # the plan is applied: the page prints the applied one
    after = plan_content(window)
    assert after is not None and after.applied is not None
    printed_after = _plain(plan_html(after))
    assert "Switching plan applied" in printed_after, printed_after
    assert _switch_warnings(printed_after) == warned, printed_after
    # one current total: the regimen above is the current one; the plan's is before the switch
    assert printed_after.count("Current total") == 0, printed_after
    assert "Total before the switch 60 OME/day" in printed_after, printed_after
