"""Real keystrokes (QTest) into the app as a person types them: one copy of the helpers the UI
tests share, so each test reads as the keys it presses."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.records.choose_patient import ChoosePatientDialog

__all__ = [
    "add_patch_row",
    "add_row_of",
    "alt_click",
    "cell_index",
    "choose_patient_when_asked",
    "keyboard",
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
    return add_row_of(window, drug="fentanyl", route="transdermal")


def add_row_of(window: Any, **cells: str) -> int:
    """A new row below the last with ``cells`` set in order (drug, route, form…); its row."""
    model = window.editor.model
    row = model.rowCount()
    window.editor.select_row(row - 1)
    window.editor.add_row()
    for field, value in cells.items():
        model.setData(cell_index(window, row, field), value)
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


def keyboard(key: str | Qt.Key) -> None:
    """One key where a keyboard sends it: to the open list of suggestions if one is shown (it
    holds the keyboard), else to the focus widget."""
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    if isinstance(key, str):
        QTest.keyClicks(target, key)
    else:
        QTest.keyClick(target, key)
    QApplication.processEvents()


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


def alt_click(key: Qt.Key, clicked: Callable[[], bool]) -> None:
    """Alt+``key`` to the focus widget, as ``press`` sends it, for a button or a box: Qt clicks
    it after its pressed look (``animateClick``, ~100 ms). Waits until ``clicked()`` says the
    click was taken (instead of a fixed 200 ms; at most 5 s)."""
    press((key, Qt.KeyboardModifier.AltModifier))
    deadline = time.monotonic() + 5.0
    while not clicked():
        assert time.monotonic() < deadline, f"Alt+{key.name} clicked nothing"
        QTest.qWait(5)


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


def open_chooser() -> ChoosePatientDialog | None:
    """The visible patient chooser once it has read the records (it shows at once and reads
    them once on screen: clinician review 11, #1)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ChoosePatientDialog) and widget.isVisible() and not reading(widget):
            return widget
    return None


def reading(chooser: ChoosePatientDialog) -> bool:
    """True while the chooser reads the records (a chooser that reads them before it shows has
    no such state)."""
    return bool(getattr(chooser, "reading", False))


def when_chooser_open(then: Callable[[ChoosePatientDialog], None], tries: int = 250) -> None:
    """Run ``then`` on the patient chooser once it is open with the records read; after
    ``tries`` polls (5 s) a chooser still open is closed, so a failure never hangs the run."""

    def attempt(left: int) -> None:
        chooser = open_chooser()
        if chooser is not None:
            then(chooser)
        elif left:
            QTimer.singleShot(20, lambda: attempt(left - 1))
        else:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, ChoosePatientDialog) and widget.isVisible():
                    widget.reject()

    QTimer.singleShot(0, lambda: attempt(tries))


def choose_patient_when_asked(typed: str) -> None:
    """When the patient chooser opens (the next key press opens it), type ``typed`` in its
    filter and press Enter."""

    def choose(dialog: ChoosePatientDialog) -> None:
        QTest.keyClicks(dialog.filter, typed)
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)

    when_chooser_open(choose)
