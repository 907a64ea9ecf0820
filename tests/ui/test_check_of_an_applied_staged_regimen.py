"""Clinician re-check 20c, M1: Apply the syringe-driver plan from a fentanyl patch and
oxycodone, then Pharmacist check → Start from the current regimen (Alt+U): the pane's "Proposed
order:" and the printed check (current regimen, proposed order and the order beside the
signatures) gave the full 24-h amount alone, not the plan's first part until 17 h after the
patch is removed. They give it now, read from the rows' typed ``first_part`` field; once the
proposed rate is typed over, the row is another order and the first part goes (its plan was
for the dose it applied). Real keys: the planner's, Alt+U, the Rate typed over and Return."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mps_pain.presentation.applied_glance import full_from
from mps_pain.presentation.orders import CURRENT_ORDERS, PROPOSED_ORDERS
from tests.ui.conftest import shown
from tests.ui.keyboard import press, type_keys
from tests.ui.test_applied_rows_say_when_they_start import OXY_ER, OXY_PRN, PATCH, _plan_and_apply
from tests.ui.test_check_orders_agree import _pdf_lines
from ui.check.check_pdf import check_html
from ui.check_print_actions import check_content
from ui.models.regimen_columns import COLUMNS

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ALT = Qt.KeyboardModifier.AltModifier
RATE = next(c for c, spec in enumerate(COLUMNS) if spec[0] == "rate")


def _start_from_current(window):  # type: ignore[no-untyped-def]
    press((Qt.Key.Key_U, ALT))  # Start from the current regimen, from any tab
    check = window.check
    deadline = 200
    while check.result is None and deadline:
        QTest.qWait(10)
        deadline -= 1
    assert check.result is not None, check.error
    return check


def test_the_check_of_the_applied_regimen_gives_the_first_17_h(make_window, tables) -> None:
    window = shown(make_window(tables))
    plan = _plan_and_apply(window, "sc", [PATCH, OXY_ER, OXY_PRN])
    when = full_from(plan)
    assert when is not None and plan.first_part is not None
    check = _start_from_current(window)
    first = plan.first_part.daily_dose
    staged = f"{first.value:g} mg over 24 h by syringe driver"
    until = f"until {when} after the patch is removed, then hydromorphone sc injection"
    pane = check.orders.text()
    assert pane.startswith(f"{PROPOSED_ORDERS}: hydromorphone sc injection {staged}"), pane
    assert until in pane, pane
    content = check_content(window)
    assert content is not None
    html = check_html(content)
    for heading in (CURRENT_ORDERS, PROPOSED_ORDERS):
        line = _pdf_lines(html, heading)[0]
        assert staged in line and until in line, (heading, line)
    signed = html[html.rindex("Proposed order:</b>") :]
    assert staged in signed.split("<br/>")[0] and until in signed.split("<br/>")[0], signed


def test_a_proposed_rate_typed_over_is_another_order_without_the_plans_first_part(
    make_window, tables
) -> None:
    window = shown(make_window(tables))
    _plan_and_apply(window, "sc", [PATCH, OXY_ER, OXY_PRN])
    check = _start_from_current(window)
    assert "after the patch is removed" in check.orders.text()
    rows = check.proposal.state.rows
    row = next(r for r, entry in enumerate(rows) if entry.raw.get("first_part"))
    check.proposed_editor.select_row(row, RATE)
    check.proposed_editor.view.setFocus()
    QApplication.processEvents()
    type_keys(check.proposed_editor.view, "40 mg/24h")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    press((Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier))  # check
    item = check.proposal.state.document.items[0]
    assert item.first_part is None and item.rate is not None and item.rate.to("mg/day") == 40
    pane = check.orders.text()
    assert "hydromorphone sc injection 40 mg over 24 h" in pane, pane
    assert "after the patch is removed" not in pane.split(";")[0], pane
    # the current regimen, untouched, still gives it
    assert window.session.state.document.items[0].first_part is not None
