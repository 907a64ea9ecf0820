"""Clinician re-check 19b, R10: after Apply, the plan PDF printed the new regimen and "Total
before the switch 142.5 OME/day" but neither the regimen it switched from nor the arithmetic from
that total to the new dose, so the checking pharmacist who signs the page could not verify
142.5 → 50 mg/24 h from it. The page printed after Apply carries the "from" rows (each with its
OME) and the one-line arithmetic (total → equianalgesic → reduced → rounded) in the applied
plan's section and again beside the signature lines, read from the plan's view record; still not
the whole plan again (no steps, no spread). The reviewer's keys: Ctrl+2, the target, Alt+A."""

from __future__ import annotations

import re
from html import unescape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.presentation.applied_plan import applied_plan_view
from tests.ui.conftest import shown
from tests.ui.keyboard import alt_click, press

CTRL = Qt.KeyboardModifier.ControlModifier
WARD = {
    "table": "uk-palliative",
    "patient": {"identifier": "Mr Ward Test MRN-19B1", "age": 70, "egfr": "50 mL/min"},
    "items": [
        {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"},
        {"drug": "oxycodone", "route": "oral", "form": "MR", "dose": "20 mg", "frequency": "bid"},
        {
            "drug": "oxycodone",
            "route": "oral",
            "form": "IR",
            "dose": "5 mg",
            "prn": True,
            "doses_per_day": 3,
        },
        {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "tid"},
    ],
}


def _plain(html: str) -> str:
    # the text a reader sees: tags out, entities decoded (an apostrophe is &#x27; in the HTML)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _apply(window, drug: str, route: str, *, continuous: bool = False):
    window.session.replace_document(RegimenDocument.model_validate(WARD))
    window.activateWindow()
    window.editor.view.setFocus()
    QApplication.processEvents()
    press((Qt.Key.Key_2, CTRL))
    planner = window.planner
    planner.set_target(drug, route, continuous=continuous, table="uk-palliative")
    plan = planner.plan
    assert plan is not None, planner.error_label.text()
    alt_click(Qt.Key.Key_A, lambda: planner.applied_plan() is not None)  # Apply plan
    planner.replan()
    return plan


def _printed(window) -> str:
    from ui.printing.plan_pdf import plan_html
    from ui.printing_actions import plan_content

    content = plan_content(window)
    assert content is not None and content.applied is not None
    return _plain(plan_html(content))


def _numbers_in_order(text: str, numbers: list[str]) -> bool:
    at = 0
    for figure in numbers:
        found = re.search(rf"(?<![\d.]){re.escape(figure)}(?![\d])", text[at:])
        if found is None:
            return False
        at += found.end()
    return True


def test_the_signed_page_after_apply_to_a_syringe_driver_can_be_checked(
    make_window, tables
) -> None:
    window = shown(make_window(tables))
    window.ensure_panels()
    plan = _apply(window, "morphine", "sc", continuous=True)
    printed = _printed(window)
    applied = printed.partition("Switching plan applied")[2]
    signed = printed.rpartition("Signatures")[2]
    view = applied_plan_view(plan)
    # the regimen before the switch, every line of it with its OME, in both places
    assert [line.partition(":")[0] for line in view.switched_from] == [
        "fentanyl transdermal patch",
        f"oxycodone oral {view.switched_from[1].split(':')[0].split()[-1]}",
        "oxycodone oral IR (as needed)",
        "ketamine oral",
    ]
    for line in view.switched_from:
        assert line in applied.partition("Transition schedule")[0], line
        assert line in signed, line
    assert "60 OME/day" in signed and "22.5 OME/day" in signed, signed
    # the one line of arithmetic: 142.5 OME/day → 71.25 mg/day → 27.1% less → 51.9 → 50
    for where in (applied, signed):
        assert _numbers_in_order(where, ["142.5", "71.2", "27.1", "51.9", "50"]), where
    assert view.arithmetic in applied and view.arithmetic in signed
    # not the whole plan again: the steps and the spread stay on the plan printed before Apply
    assert "Steps (each with its arithmetic" not in printed
    assert "Across equianalgesic sets" not in printed


def test_the_signed_page_after_apply_to_a_patch_names_the_band_table(make_window, tables) -> None:
    window = shown(make_window(tables))
    window.ensure_panels()
    plan = _apply(window, "fentanyl", "transdermal")
    signed = _printed(window).rpartition("Signatures")[2]
    view = applied_plan_view(plan)
    assert view.arithmetic in signed, signed
    # 142.5 OME/day → equianalgesic 59.4 mcg/h → the band table's 50 mcg/h → 50 mcg/h
    assert _numbers_in_order(view.arithmetic, ["142.5", "59.4", "50"]), view.arithmetic
    assert "band table" in view.arithmetic, view.arithmetic
    assert "fentanyl transdermal patch" in signed and "25 mcg/h" in signed, signed
