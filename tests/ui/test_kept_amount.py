"""Clinician review 3, leftovers 1 and 2 (the regimen editor), with real QTest keystrokes.

1. Changing a row's drug kept its amount silently: a fentanyl patch rate stayed on the row when
   the drug became morphine, and was counted. The converter withholds its advice until the kept
   dose is confirmed; the editor now does the same: the row "needs confirming" (not counted, the
   total says incomplete) until the amount is re-entered or confirmed with Enter, and says so.
2. The Daily total's unit list offered mcg/h on an oral row: it comes from the core's rule
   ``daily_total_kind(route)``; and offers only the column's own dimension on any row
   (``listed_units``; clinician review 15, #10: mcg/h on a patch row).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.keyboard import add_patch_row, cell_index, select_cell, type_in_cell, type_keys
from tests.ui.vocabulary import developer_words, shown_texts
from ui.delegates.quantity_delegate import QuantityEditor
from ui.models.regimen_table_model import ERROR_ROLE


def _quantity_editor(window) -> QuantityEditor:
    editors = window.editor.view.findChildren(QuantityEditor)
    assert editors, "no quantity editor open"
    return editors[-1]


def _row_warnings(window, row: int) -> list[tuple[str, str]]:
    return [(w.severity, w.message) for w in window.warnings_panel.model.warnings() if w.row == row]


def test_a_new_drug_on_a_row_waits_for_its_dose_to_be_confirmed(case_window) -> None:
    case_window.ensure_panels()  # every tab built, as once a person has opened them
    # row 1: oxycodone ER oral, Daily total 60 mg/day (90 MME/day under CDC 2022)
    assert case_window.results_panel.total_label.text() == "90 MME/day"
    type_in_cell(case_window, 0, "drug", "hydromorphone")
    assert cell_index(case_window, 0, "drug").data() == "hydromorphone"
    assert cell_index(case_window, 0, "daily_dose").data() == "60 mg/day"  # nothing typed lost
    message = cell_index(case_window, 0, "daily_dose").data(ERROR_ROLE)
    assert message is not None
    assert "kept from oxycodone" in message and "hydromorphone daily total" in message
    assert "press Enter" in message and "Not counted" in message
    assert cell_index(case_window, 0, "mme").data() == "confirm dose"
    items = case_window.session.state.document.items  # not counted, planned or saved
    assert "hydromorphone" not in [item.drug for item in items]
    # the only opioid row left out: words, never "0 MME/day (incomplete)" (re-check 18b #4)
    assert "row 1 is left out" in case_window.results_panel.total_label.text()
    assert _row_warnings(case_window, 0) == [("caution", f"Row 1 is not counted: {message}")]
    assert not developer_words(shown_texts(case_window))
    # Enter on the kept amount confirms it as the hydromorphone daily total
    view = select_cell(case_window, 0, "daily_dose")
    QTest.keyClick(view, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert cell_index(case_window, 0, "daily_dose").data(ERROR_ROLE) is None
    item = case_window.session.state.document.items[0]
    assert (item.drug, str(item.daily_dose)) == ("hydromorphone", "60 mg/day")
    assert "incomplete" not in case_window.results_panel.total_label.text()
    # one undo step takes the confirmation back
    case_window.session.undo_stack.undo()
    assert cell_index(case_window, 0, "mme").data() == "confirm dose"


def test_typing_the_new_dose_counts_the_row(case_window) -> None:
    type_in_cell(case_window, 0, "drug", "hydromorphone")
    type_in_cell(case_window, 0, "daily_dose", "12")
    assert cell_index(case_window, 0, "daily_dose").data(ERROR_ROLE) is None
    item = case_window.session.state.document.items[0]
    assert (item.drug, str(item.daily_dose)) == ("hydromorphone", "12 mg/day")


def test_going_back_to_the_drug_the_dose_was_typed_for_needs_no_confirming(case_window) -> None:
    type_in_cell(case_window, 0, "drug", "hydromorphone")
    type_in_cell(case_window, 0, "drug", "oxycodone")
    assert cell_index(case_window, 0, "daily_dose").data(ERROR_ROLE) is None
    assert case_window.results_panel.total_label.text() == "90 MME/day"


def test_a_patch_rate_is_not_carried_to_oral_morphine(case_window) -> None:
    """The review's case: a fentanyl patch row, its drug changed to morphine."""
    row = add_patch_row(case_window)
    type_in_cell(case_window, row, "rate", "25 mcg/h")
    counted = len(case_window.session.state.document.items)
    assert case_window.session.state.document.items[-1].drug == "fentanyl"
    type_in_cell(case_window, row, "drug", "morphine")
    model = case_window.editor.model
    model.setData(cell_index(case_window, row, "route"), "sc")  # a route morphine has
    message = cell_index(case_window, row, "rate").data(ERROR_ROLE)
    assert message is not None and message.startswith("Rate kept from fentanyl")
    assert "morphine rate" in message
    items = case_window.session.state.document.items
    assert len(items) == counted - 1 and "morphine" not in [i.drug for i in items]
    assert "incomplete" in case_window.results_panel.total_label.text()
    # the planner refuses while a row waits (nothing is planned from a guessed amount)
    case_window.tabs.setCurrentIndex(1)
    case_window.planner.set_target("oxycodone", "oral", frequency="q12h")
    assert case_window.planner.plan is None
    assert f"row {row + 1}" in (case_window.planner.error or "")


def test_a_duplicated_waiting_row_waits_too(case_window) -> None:
    type_in_cell(case_window, 0, "drug", "hydromorphone")
    case_window.editor.select_row(0)
    case_window.editor.duplicate_row()
    assert cell_index(case_window, 1, "mme").data() == "confirm dose"


# --- 2: the Daily total's units follow the route ------------------------------------------------
def test_an_oral_daily_total_offers_no_unit_per_hour(case_window) -> None:
    view = select_cell(case_window, 0, "daily_dose")  # oxycodone oral
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = _quantity_editor(case_window)
    units = [editor.unit.itemText(i) for i in range(editor.unit.count())]
    assert "mg/day" in units and "mg" in units
    assert not [u for u in units if u.endswith(("/h", "/min"))], units
    QTest.keyClick(editor.number, Qt.Key.Key_Escape)


def test_a_patch_daily_total_offers_amounts_per_day_and_reads_a_typed_rate(case_window) -> None:
    """Clinician review 15, #10: the list offered mcg/h, a rate, in the Daily total column (it
    had been kept on purpose since review 3: a chart's "25 mcg/h" daily total on a continuous
    route). The list now offers the column's own dimension (``unit_kinds.listed_units``); the
    rate typed in the number box is still read, as the core accepts it there."""
    row = add_patch_row(case_window)
    view = select_cell(case_window, row, "daily_dose")
    type_keys(view, "1")
    unit = _quantity_editor(case_window).unit
    units = [unit.itemText(i) for i in range(unit.count())]
    assert "mg/day" in units and "mcg" in units
    assert unit.currentText() == "mcg/day"  # the list starts in its own dimension
    assert not [u for u in units if u.endswith(("/h", "/min"))], units
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    type_in_cell(case_window, row, "daily_dose", "25 mcg/h")
    assert cell_index(case_window, row, "daily_dose").data() == "25 mcg/h"
    assert cell_index(case_window, row, "daily_dose").data(ERROR_ROLE) is None
