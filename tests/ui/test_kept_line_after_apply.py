"""Clinician review 21, N1: a plan from an SC infusion to a fentanyl patch keeps the infusion
"going for the first 12 h after the patch goes on", then stops it (NHS Lanarkshire). After Apply
the regimen held the patch alone (the step only in the patch row's Note), so the Regimen tab, the
check of the applied regimen and the signed page gave no infusion: a nurse working from them
would stop the driver at once. Apply now keeps the infusion's row with its typed stop
(``stops_after``); its Rate cell, the check's pane and PDF and the signed page say when it stops,
and the total counts the patch alone, as the plan does. Real keys: Ctrl+2, Alt+G, Alt+O, Alt+A,
Ctrl+1, Alt+U."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.presentation.orders import CURRENT_ORDERS
from tests.presentation.test_kept_line_on_signed_page import PATCHES, _applied
from tests.ui.conftest import shown
from tests.ui.keyboard import alt_click, press
from tests.ui.test_check_of_an_applied_staged_regimen import _start_from_current
from tests.ui.test_check_orders_agree import _pdf_lines
from ui.check.check_pdf import check_html
from ui.check_print_actions import check_content
from ui.editing import state_from_document, with_amount_confirmed, with_cell
from ui.models.regimen_columns import COLUMNS

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
RATE = next(c for c, spec in enumerate(COLUMNS) if spec[0] == "rate")
DRIVER = {"drug": "oxycodone", "route": "sc", "rate": "40 mg/24 h"}
RESCUE = {"drug": "oxycodone", "route": "sc", "prn": True, "dose": "6.5 mg", "doses_per_day": 0}
KEPT = "for the first 12 h after the patch goes on, then stop it"


def _plan_patch_and_apply(window):  # type: ignore[no-untyped-def]
    window.ensure_panels()
    document = {"table": "uk-palliative", "items": [DRIVER, RESCUE]}
    window.session.replace_document(RegimenDocument.model_validate(document))
    window.activateWindow()
    window.editor.view.setFocus()
    QApplication.processEvents()
    press((Qt.Key.Key_2, CTRL))
    planner = window.planner
    press((Qt.Key.Key_G, ALT))
    press("Fentanyl")
    press((Qt.Key.Key_O, ALT))
    press("transdermal")
    if not planner.continuous.isChecked():
        alt_click(Qt.Key.Key_I, planner.continuous.isChecked)
    planner.replan()
    plan = planner.plan
    assert plan is not None, planner.error_label.text()
    alt_click(Qt.Key.Key_A, lambda: planner.applied_plan() is not None)  # Apply plan
    press((Qt.Key.Key_1, CTRL))
    QApplication.processEvents()
    return plan


def test_apply_keeps_the_infusion_with_its_stop_everywhere(make_window, tables) -> None:
    window = shown(make_window(tables))
    plan = _plan_patch_and_apply(window)
    kept = [step.keeps for step in plan.schedule if step.keeps is not None]
    assert [k.hours for k in kept] == [12]
    items = window.session.state.document.items
    driver = [item for item in items if item.route == "sc" and not item.prn]
    assert len(driver) == 1 and driver[0].stops_after is not None
    assert driver[0].stops_after.hours == 12
    assert driver[0].first_part is None
    # the Rate cell of the Regimen tab says when it stops
    state = window.session.state
    row = state.row_of_item(items.index(driver[0]))
    cell = str(window.editor.view.model().index(row, RATE).data(Qt.ItemDataRole.DisplayRole))
    assert cell.endswith(KEPT), cell
    # the total is the patch's, as the plan counts it (the infusion is not added to it)
    result = window.session.result
    assert result is not None
    lines = {line.index: line for line in result.items}
    assert not lines[items.index(driver[0])].counted
    patch = [line for line in result.items if line.route == "transdermal"]
    assert result.total_mme_per_day == pytest.approx(sum(p.mme_per_day or 0 for p in patch))
    assert result.total_mme_per_day == pytest.approx(60)  # 25 mcg/h × 2.4, the plan's own
    # the check of the applied regimen and its PDF give the infusion with its stop
    check = _start_from_current(window)
    pane = check.orders.text()
    assert "oxycodone sc 40 mg over 24 h by syringe driver (1.66 mg/h) " + KEPT in pane, pane
    content = check_content(window)
    assert content is not None
    lines = _pdf_lines(check_html(content), CURRENT_ORDERS)
    assert any("oxycodone sc" in line and KEPT in line for line in lines), lines


def test_an_edited_kept_row_is_an_ordinary_counted_row_and_another_drug_drops_its_stop() -> None:
    """Typing a new rate over the kept row makes it a new order: its stop goes and the row is
    counted (clinician re-check 21b, D1: kept at 400 mg/24 h, typed over the plan's 40, it stayed
    out of the total, hidden from every rule; the lead's decision reverses the earlier "keeps its
    stop", README). The same rate typed again is no change and keeps it. Another drug typed over
    it is another order, not the plan's kept line."""
    _, applied = _applied([DRIVER, RESCUE], PATCHES[0])
    state = state_from_document(applied)
    index = next(k for k, item in enumerate(applied.items) if item.stops_after is not None)
    row = state.row_of_item(index)
    assert row is not None
    same = with_cell(state, row, "rate", state.rows[row].raw["rate"])
    item = same.rows[row].item
    assert item is not None and item.stops_after is not None and item.stops_after.hours == 12
    edited = with_cell(state, row, "rate", "30 mg/24 h")
    assert edited.rows[row].raw["stops_after"] == ""
    item = edited.rows[row].item
    assert item is not None and item.stops_after is None
    assert item.rate is not None and item.rate.to("mg/day") == 30
    other = with_cell(state, row, "drug", "morphine")
    assert other.rows[row].raw["stops_after"] == ""
    item = with_amount_confirmed(other, row).rows[row].item  # the rate confirmed as morphine's
    assert item is not None and item.stops_after is None
