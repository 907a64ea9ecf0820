"""First-time clinician review 16, #1 (high): after Apply plan to a fentanyl patch, the planner
re-planned the regimen it had just written (the patch plus its morphine rescue line) as a
"switch to a patch by the band table" to 12.5 mcg/h, halving the applied patch, and "Export plan
as PDF" printed that halved patch with signature lines. The patch beside its rescue is already
the target: a dose change, refused as the planner refuses the same patch alone."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import CASE_1_RAISED


def _plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_apply_plan_to_a_patch_then_no_halved_patch_is_planned_or_printed(
    make_window, tables, fresh_settings
) -> None:
    from ui.printing.plan_pdf import plan_html
    from ui.printing_actions import plan_content

    window = make_window(tables, CASE_1_RAISED, settings=fresh_settings)
    window.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    planner = window.planner
    assert planner is not None
    planner.drug.setCurrentIndex(planner.drug.findText("Fentanyl"))
    planner.drug.activated.emit(planner.drug.currentIndex())
    planner.replan()
    assert planner.plan is not None, planner.error_label.text()
    assert planner.plan.switch_kind == "to_patch_bands", planner.plan.switch
    rate = planner.plan.regimen.rate
    assert rate is not None and (rate.value, rate.unit) == (25, "mcg/h"), rate
    assert planner.apply_button.isEnabled(), planner.error_label.text()
    QTest.mouseClick(planner.apply_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    rows = [row.raw for row in window.session.state.rows]
    assert any(r.get("drug") == "fentanyl" and not r.get("prn") for r in rows), rows
    assert any(r.get("prn") for r in rows), rows  # the plan's rescue line beside the patch
    assert planner.plan is None, planner.plan.regimen
    said = planner.error_label.text()
    assert "dose change, not a switch" in said and "rescue" in said, said
    content = plan_content(window)
    assert content is not None and content.plan is None
    printed = _plain(plan_html(content))
    assert "12.5 mcg/h" not in printed, printed
