"""Keys in the editor (clinician review 4, D13): Ctrl+Return from a patient field adds a row, a
refused rate reopens exactly as typed, and the Edit menu's items and the PDF exports have
mnemonics; real widgets and QTest keystrokes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.keyboard import add_patch_row, cell_index, select_cell, type_keys
from ui.delegates.quantity_delegate import QuantityEditor


def test_ctrl_return_in_the_age_field_adds_a_row(case_window) -> None:
    window = case_window
    window.show()
    window.activateWindow()
    rows = window.editor.model.rowCount()
    age = window.patient_header._edits["age"]
    age.setFocus()
    QApplication.processEvents()
    QTest.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    QApplication.processEvents()
    assert window.editor.model.rowCount() == rows + 1
    assert window.tabs.currentIndex() == 0


def test_a_refused_negative_rate_reopens_exactly_as_typed(case_window) -> None:
    """ "-5" typed with the list at mcg/h reopens (F2) as "-5" and mcg/h, never "-5 mcg/h" in
    the number box; committing again appends nothing."""
    row = add_patch_row(case_window)
    view = select_cell(case_window, row, "rate")
    type_keys(view, "-5")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    stored = cell_index(case_window, row, "rate").data(Qt.ItemDataRole.EditRole)
    assert stored == "-5 mcg/h"
    # shown as typed, the unit list's unit not added (review 5: test_refused_cell_as_typed.py)
    assert cell_index(case_window, row, "rate").data() == "-5"
    for _ in range(2):
        QTest.keyClick(view, Qt.Key.Key_F2)
        editor = view.findChildren(QuantityEditor)[-1]
        assert (editor.number.text(), editor.unit.currentText()) == ("-5", "mcg/h")
        QTest.keyClick(editor.number, Qt.Key.Key_Return)
        assert cell_index(case_window, row, "rate").data(Qt.ItemDataRole.EditRole) == stored


def test_edit_menu_items_and_pdf_exports_have_mnemonics(case_window) -> None:
    menus = {a.text(): a.menu() for a in case_window.menuBar().actions() if a.menu()}
    edit = [a.text() for a in menus["&Edit"].actions() if not a.isSeparator()]
    assert all("&" in text for text in edit), edit
    letters = [text[text.index("&") + 1].lower() for text in edit]
    assert len(letters) == len(set(letters)), edit
    exports = [
        a.text()
        for menu in menus.values()
        for a in menu.actions()
        if "as PDF" in a.text().replace("&", "")
    ]
    assert exports and all("&" in text for text in exports), exports
