"""Entering a regimen by keyboard (first-time-clinician review, /work/review/clinician/FINDINGS.md:
D3, items 5, 7 and 10): typing over a choice cell replaces it and Enter commits, suggestions put
prefix matches first, a refused unit does not stick, Delete clears a cell, Ctrl+number puts the
focus in the tab and Tab reaches the check's proposed orders; a row refused as typed makes the
check's current total read incomplete. Real QTest keystrokes; each failed before its fix."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.keyboard import add_patch_row, select_cell, type_keys


# --- 2. typing replaces a choice cell, Enter commits, prefix matches first ----------------------
def _raw(window, row: int, field: str):
    return window.session.state.rows[row].raw[field]


def _add_patch_row(window, rate_typed: str) -> int:
    """A fentanyl patch row typed in by keyboard, its Rate as given."""
    row = add_patch_row(window)
    view = select_cell(window, row, "rate")
    type_keys(view, rate_typed)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    return row


@pytest.mark.parametrize(
    ("row", "field", "typed"),
    [(0, "drug", "morphine"), (1, "form", "er")],  # over "oxycodone", over an editable "ir"
)
def test_typing_over_a_choice_cell_replaces_it_and_enter_commits(
    case_window, row: int, field: str, typed: str
) -> None:
    view = select_cell(case_window, row, field)
    type_keys(view, typed)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert _raw(case_window, row, field) == typed
    assert QApplication.focusWidget() is view  # the first Enter committed and closed the editor


def test_enter_then_right_arrow_moves_to_the_route_cell(case_window) -> None:
    window = case_window
    model = window.editor.model
    row = model.rowCount()
    window.editor.select_row(row - 1)
    window.editor.add_row()
    view = select_cell(window, row, "drug")
    type_keys(view, "fentanyl")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    QApplication.processEvents()
    type_keys(view, "trans")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert _raw(window, row, "drug") == "fentanyl"
    assert _raw(window, row, "route") == "transdermal"


def test_drug_suggestions_put_prefix_matches_first(case_window) -> None:
    from PySide6.QtWidgets import QComboBox

    view = select_cell(case_window, 0, "drug")
    type_keys(view, "morph")
    combo = QApplication.focusWidget()
    while combo is not None and not isinstance(combo, QComboBox):
        combo = combo.parentWidget()
    assert combo is not None
    completer = combo.completer()
    shown = [
        completer.completionModel().index(i, 0).data()
        for i in range(completer.completionModel().rowCount())
    ]
    assert shown and shown[0] == "morphine", shown
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


# --- 7. a refused unit does not stick -----------------------------------------------------------
def test_after_a_refused_unit_a_bare_number_takes_the_default_unit(case_window) -> None:
    window = case_window
    row = _add_patch_row(window, "25 mcg")  # refused: a patch rate is per hour
    assert window.session.state.rows[row].item is None
    view = select_cell(window, row, "rate")
    type_keys(view, "25")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    item = window.session.state.rows[row].item
    assert item is not None, window.session.state.rows[row].raw
    assert (item.rate.value, item.rate.unit) == (25.0, "mcg/h")


def test_delete_clears_the_selected_cell(case_window) -> None:
    view = select_cell(case_window, 0, "note")
    assert _raw(case_window, 0, "note")
    QTest.keyClick(view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert _raw(case_window, 0, "note") == ""
    case_window.session.undo_stack.undo()  # one undoable step
    assert _raw(case_window, 0, "note")


# --- 10. keyboard gaps ---------------------------------------------------------------------------
@pytest.mark.parametrize("number", [1, 2, 3])
def test_ctrl_number_moves_the_focus_into_the_tab(case_window, number) -> None:
    window = case_window
    window.show()
    window.activateWindow()
    window.patient_header.field_widget("identifier").setFocus()
    QApplication.processEvents()
    QTest.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    page = window.tabs.currentWidget()
    assert window.tabs.currentIndex() == number - 1
    focus = QApplication.focusWidget()
    assert focus is not None and page.isAncestorOf(focus), focus


def test_tab_reaches_the_checks_proposed_order_table(case_window) -> None:
    window = case_window
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.check
    check = window.check
    QApplication.processEvents()
    check.copy_button.setFocus()
    QApplication.processEvents()
    assert QApplication.focusWidget() is check.copy_button
    QTest.keyClick(check.copy_button, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert QApplication.focusWidget() is check.proposed_editor.view


# --- 5. the check's current total reads "incomplete" with a refused row -------------------------
def test_check_current_total_reads_incomplete_with_a_refused_row(case_window) -> None:
    window = case_window
    _add_patch_row(window, "50 mcg")
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    shown = window.check.current_total.text()
    assert "incomplete" in shown.lower(), shown
    assert window.session.result.table.id not in shown  # the set's name, not its id
    assert window.session.result.table_name in shown
