"""Clinician re-check 21b, D1 (HIGH): after a plan from an SC oxycodone driver to a fentanyl patch
is applied, the driver is kept "for the first 12 h after the patch goes on" and left out of the
total. Its Rate typed over at 400 mg/24 h (the plan's was 40) kept the stop, so the row stayed out
of the total and the check signed WITHIN: 1200 OME a day on top of the new patch. Typing a new
amount over a kept row now makes it an ordinary row (its stop dropped, as a typed amount drops a
staged first part): counted on the Regimen tab, and judged in the check. Real keys: the
planner's, Ctrl+1, the Rate cell typed over and Return, Alt+U, the proposed Rate typed over."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import press, type_keys
from tests.ui.test_check_of_an_applied_staged_regimen import _start_from_current
from tests.ui.test_kept_line_after_apply import RATE, _plan_patch_and_apply

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _type_rate(editor, row: int, text: str) -> None:  # type: ignore[no-untyped-def]
    editor.select_row(row, RATE)
    editor.view.setFocus()
    QApplication.processEvents()
    type_keys(editor.view, text)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()


def _kept_row(state) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    items = state.document.items
    index = next(k for k, item in enumerate(items) if item.stops_after is not None)
    row = state.row_of_item(index)
    assert row is not None
    return index, row


def test_the_kept_row_typed_over_is_counted_on_the_regimen_tab(make_window, tables) -> None:
    window = shown(make_window(tables))
    _plan_patch_and_apply(window)
    index, row = _kept_row(window.session.state)
    _type_rate(window.editor, row, "400 mg/24h")
    item = window.session.state.document.items[index]
    assert item.stops_after is None and item.rate is not None and item.rate.to("mg/day") == 400
    cell = str(window.editor.view.model().index(row, RATE).data(Qt.ItemDataRole.DisplayRole))
    assert "then stop it" not in cell, cell
    result = window.session.result
    assert result is not None
    line = next(x for x in result.items if x.index == index)
    assert line.counted and line.mme_per_day is not None and line.mme_per_day >= 800
    assert result.total_mme_per_day == pytest.approx(60 + line.mme_per_day)


def test_the_kept_row_typed_over_in_the_check_is_never_within(make_window, tables) -> None:
    window = shown(make_window(tables))
    _plan_patch_and_apply(window)
    check = _start_from_current(window)
    assert check.result is not None and check.result.verdict == "within"
    index, row = _kept_row(check.proposal.state)
    _type_rate(check.proposed_editor, row, "400 mg/24h")
    press((Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier))  # check
    item = check.proposal.state.document.items[index]
    assert item.stops_after is None
    text = check.verdict.text()
    assert "Within the expected range" not in text.split("The amount:")[0], text
    assert "DANGER" in text, text
    assert check.result is not None and check.result.verdict != "within"
