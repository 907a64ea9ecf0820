"""Data entry by keyboard that cannot garble a dose (issue 10 §1), with real QTest keystrokes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox

from tests.ui.keyboard import add_patch_row, cell_index, select_cell, type_keys
from ui.delegates.quantity_delegate import QuantityEditor
from ui.models.regimen_table_model import ERROR_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier


def _quantity_editor(window) -> QuantityEditor:
    editors = window.editor.view.findChildren(QuantityEditor)
    assert editors, "no quantity editor open"
    return editors[-1]


def test_first_keystroke_is_kept_and_typing_replaces_the_cell(case_window) -> None:
    view = select_cell(case_window, 0, "daily_dose")  # "60 mg/day"
    type_keys(view, "80")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    item = case_window.session.state.document.items[0]
    assert (item.daily_dose.value, item.daily_dose.unit) == (80.0, "mg/day")


def test_f2_edits_the_text_in_place(case_window) -> None:
    view = select_cell(case_window, 0, "daily_dose")
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = _quantity_editor(case_window)
    assert editor.number.text() == "60"
    QTest.keyClick(editor.number, Qt.Key.Key_End)
    QTest.keyClicks(editor.number, "0")
    QTest.keyClick(editor.number, Qt.Key.Key_Return)
    assert case_window.session.state.document.items[0].daily_dose.value == 600.0


def test_number_and_unit_typed_in_the_number_box_are_understood_exactly(case_window) -> None:
    row = add_patch_row(case_window)
    view = select_cell(case_window, row, "rate")
    type_keys(view, "25 mcg/h")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    item = case_window.session.state.document.items[-1]
    assert (item.rate.value, item.rate.unit) == (25.0, "mcg/h")


def test_patch_rate_defaults_to_mcg_per_hour(case_window) -> None:
    row = add_patch_row(case_window)
    view = select_cell(case_window, row, "rate")
    type_keys(view, "25")
    assert _quantity_editor(case_window).unit.currentText() == "mcg/h"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    item = case_window.session.state.document.items[-1]
    assert (item.rate.value, item.rate.unit) == (25.0, "mcg/h")


def test_reopening_a_refused_cell_shows_what_was_typed_without_a_second_unit(case_window) -> None:
    view = select_cell(case_window, 0, "daily_dose")
    type_keys(view, "abc")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert cell_index(case_window, 0, "daily_dose").data() == "abc"
    for _ in range(2):  # open and commit twice: nothing is appended
        QTest.keyClick(view, Qt.Key.Key_F2)
        editor = _quantity_editor(case_window)
        assert editor.number.text() == "abc"
        QTest.keyClick(editor.number, Qt.Key.Key_Return)
        assert cell_index(case_window, 0, "daily_dose").data() == "abc"
    assert cell_index(case_window, 0, "daily_dose").data(ERROR_ROLE)


def test_reopening_a_refused_rate_keeps_its_own_unit(case_window) -> None:
    model = case_window.editor.model
    model.setData(cell_index(case_window, 0, "daily_dose"), "")
    model.setData(cell_index(case_window, 0, "rate"), "25 mcg/h mg/h")  # an old garbled value
    view = select_cell(case_window, 0, "rate")
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = _quantity_editor(case_window)
    QTest.keyClick(editor.number, Qt.Key.Key_Return)
    assert cell_index(case_window, 0, "rate").data() == "25 mcg/h mg/h"


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "grabbing the keyboard")
def test_alt_down_opens_the_list_and_does_not_move_the_row(case_window) -> None:
    first_drug = cell_index(case_window, 0, "drug").data()
    view = select_cell(case_window, 0, "route")
    QTest.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    QApplication.processEvents()
    combos = view.findChildren(QComboBox)
    assert combos and combos[-1].view().isVisible()
    combos[-1].hidePopup()
    QTest.keyClick(combos[-1], Qt.Key.Key_Escape)
    assert cell_index(case_window, 0, "drug").data() == first_drug
    # moving rows has its own keys
    move_down = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(view, Qt.Key.Key_Down, move_down)
    assert cell_index(case_window, 1, "drug").data() == first_drug


def test_ctrl_tab_and_ctrl_shift_tab_leave_the_table(case_window) -> None:
    """Tab moves between cells (clinician review 12, #2); Ctrl+Tab leaves, as Qt's item views."""
    view = select_cell(case_window, 0, "drug")
    QTest.keyClick(view, Qt.Key.Key_Tab, CTRL)
    assert not view.hasFocus()
    assert view.currentIndex().column() == cell_index(case_window, 0, "drug").column()
    view.setFocus()
    QApplication.processEvents()
    QTest.keyClick(view, Qt.Key.Key_Backtab, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert not view.hasFocus()


def test_tab_from_the_unit_commits_and_goes_to_the_next_cell(case_window) -> None:
    view = select_cell(case_window, 0, "daily_dose")
    type_keys(view, "70")
    editor = _quantity_editor(case_window)
    QTest.keyClick(editor.number, Qt.Key.Key_Tab)
    assert editor.unit.hasFocus()
    QTest.keyClick(editor.unit, Qt.Key.Key_Tab)
    assert case_window.session.state.document.items[0].daily_dose.value == 70.0
    assert view.hasFocus() or view.isAncestorOf(QApplication.focusWidget())
    assert view.currentIndex() == cell_index(case_window, 0, "prn")  # the next cell of the row


def test_ctrl_tab_from_the_unit_commits_and_leaves_the_table(case_window) -> None:
    view = select_cell(case_window, 0, "daily_dose")
    type_keys(view, "70")
    editor = _quantity_editor(case_window)
    QTest.keyClick(editor.number, Qt.Key.Key_Tab)
    assert editor.unit.hasFocus()
    QTest.keyClick(editor.unit, Qt.Key.Key_Tab, CTRL)
    assert case_window.session.state.document.items[0].daily_dose.value == 70.0
    assert not view.hasFocus() and not view.isAncestorOf(QApplication.focusWidget())


def test_a_typed_unit_skips_the_greyed_unit_list(case_window) -> None:
    row = add_patch_row(case_window)
    view = select_cell(case_window, row, "rate")
    type_keys(view, "25 mcg/h")
    editor = _quantity_editor(case_window)
    QTest.keyClick(editor.number, Qt.Key.Key_Tab)
    item = case_window.session.state.document.items[-1]
    assert (item.rate.value, item.rate.unit) == (25.0, "mcg/h")
    assert view.currentIndex() == cell_index(case_window, row, "daily_dose")


def test_an_empty_daily_total_names_daily_total_by_keyboard(case_window) -> None:
    view = select_cell(case_window, 0, "daily_dose")
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = _quantity_editor(case_window)
    editor.number.selectAll()
    QTest.keyClick(editor.number, Qt.Key.Key_Delete)
    QTest.keyClick(editor.number, Qt.Key.Key_Return)
    assert "Daily total" in cell_index(case_window, 0, "daily_dose").data(ERROR_ROLE)


def test_the_unit_list_is_the_cores_list_for_the_field(case_window) -> None:
    from mps_pain.unit_kinds import allowed_units, daily_total_kind

    view = select_cell(case_window, 0, "daily_dose")  # an oral row: the core's rule by route
    QTest.keyClick(view, Qt.Key.Key_F2)
    unit = _quantity_editor(case_window).unit
    shown = tuple(unit.itemText(i) for i in range(unit.count()))
    assert shown == allowed_units(daily_total_kind("oral"))
    assert unit.currentText() == "mg/day"
