"""Real keystrokes (QTest) into the app as a person types them: one copy of the helpers the UI
tests share, so each test reads as the keys it presses."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.records.choose_patient import ChoosePatientDialog

__all__ = [
    "add_patch_row",
    "cell_index",
    "choose_patient_when_asked",
    "press",
    "select_cell",
    "type_in_cell",
    "type_keys",
]


def cell_index(window: Any, row: int, field: str) -> QModelIndex:
    model = window.editor.model
    return model.index(row, model.column_of(field))


def add_patch_row(window: Any) -> int:
    """A new row below the last, set to a fentanyl patch (drug and route); returns its row."""
    model = window.editor.model
    row = model.rowCount()
    window.editor.select_row(row - 1)
    window.editor.add_row()
    model.setData(cell_index(window, row, "drug"), "fentanyl")
    model.setData(cell_index(window, row, "route"), "transdermal")
    return row


def select_cell(window: Any, row: int, field: str) -> Any:
    """Show the window, select the cell and give the table the focus; returns the table view."""
    view = window.editor.view
    window.show()
    window.activateWindow()
    window.editor.select_row(row, cell_index(window, row, field).column())
    view.setFocus()
    QApplication.processEvents()
    return view


def press(*keys: Qt.Key | str | tuple[Qt.Key, Qt.KeyboardModifier]) -> None:
    """Each key (a text, a key, or a key with its modifier) to whatever has the focus now."""
    for key in keys:
        target = QApplication.focusWidget()
        assert target is not None
        if isinstance(key, str):
            QTest.keyClicks(target, key)
        elif isinstance(key, tuple):
            QTest.keyClick(target, key[0], key[1])
        else:
            QTest.keyClick(target, key)
        QApplication.processEvents()


def type_keys(view: Any, text: str) -> None:
    """Each key to whatever has the focus, as a keyboard sends it (the first one: the view)."""
    for char in text:
        QTest.keyClicks(QApplication.focusWidget() or view, char)
        QApplication.processEvents()


def type_in_cell(window: Any, row: int, field: str, text: str) -> None:
    """Select the cell, type over it and commit with Enter (the editor's own keys)."""
    type_keys(select_cell(window, row, field), text)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()


def choose_patient_when_asked(typed: str) -> None:
    """When the patient chooser opens (it is modal: the next key press opens it), type ``typed``
    in its filter and press Enter."""

    def choose() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, ChoosePatientDialog) and w.isVisible()
        )
        QTest.keyClicks(dialog.filter, typed)
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose)
