"""A refused amount looks refused and reads exactly as typed (clinician review 5, item 13: "-5"
in a Rate cell came back as "-5 mcg/h", the unit appended, as if accepted). Real keystrokes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.keyboard import add_patch_row, cell_index, select_cell, type_keys
from tests.ui.vocabulary import developer_words
from ui.models.regimen_table_model import ERROR_ROLE

_R = Qt.ItemDataRole


def _type_rate(window, row: int, text: str):
    view = select_cell(window, row, "rate")
    type_keys(view, text)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    return cell_index(window, row, "rate")


def test_a_refused_rate_shows_what_was_typed_marked_with_the_reason(case_window) -> None:
    row = add_patch_row(case_window)
    cell = _type_rate(case_window, row, "-5")
    assert cell.data(_R.DisplayRole) == "-5"  # was "-5 mcg/h": read as an accepted rate
    reason = cell.data(ERROR_ROLE)
    assert reason and "more than zero" in reason
    assert cell.data(_R.ToolTipRole) == reason
    assert developer_words([reason]) == []
    assert cell.data(_R.DecorationRole) is not None  # a mark, not colour alone
    assert "Error" in cell.data(_R.AccessibleTextRole)
    # corrected: the cell reads as accepted, with its unit, and unmarked
    cell = _type_rate(case_window, row, "25")
    assert cell.data(_R.DisplayRole) == "25 mcg/h"
    assert cell.data(ERROR_ROLE) is None and cell.data(_R.DecorationRole) is None


def test_a_refused_amount_typed_with_its_unit_keeps_the_unit_typed(case_window) -> None:
    row = add_patch_row(case_window)
    cell = _type_rate(case_window, row, "-5 mcg/h")
    assert cell.data(_R.DisplayRole) == "-5 mcg/h"  # exactly as typed: the unit was typed
    assert cell.data(ERROR_ROLE)
    cell = _type_rate(case_window, row, "abc")
    assert cell.data(_R.DisplayRole) == "abc"
    assert cell.data(_R.DecorationRole) is not None


def test_undo_brings_back_the_refused_cell_as_typed(case_window) -> None:
    row = add_patch_row(case_window)
    _type_rate(case_window, row, "-5")
    _type_rate(case_window, row, "25")
    case_window.session.undo_stack.undo()
    assert cell_index(case_window, row, "rate").data(_R.DisplayRole) == "-5"
