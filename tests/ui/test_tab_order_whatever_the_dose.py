"""Clinician review 13, #6: in the regimen grid, after an unreadable dose ("ten mg") Tab stopped on
the Dose cell's unit list, which a readable "30 mg" skips, and the next typed text ("bd") went
into that list and was lost; "q4h" typed there after a bare number vanished too. The unit list is
a stop only while it is used (the box holds a bare number or nothing): text the box takes as
typed greys it, as a typed unit does. Text typed on the list that starts no unit goes back into
the box, visible, and is marked red when refused, never dropped. Real window, QTest keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import keyboard

TAB = Qt.Key.Key_Tab


def _type_row(window, keys: tuple[str | Qt.Key, ...]) -> tuple[str, str]:
    """A new row typed by keyboard; its Dose and Frequency as the table holds them."""
    editor = window.editor
    editor.add_row()
    row = editor.current_row()
    editor.view.setFocus()
    QApplication.processEvents()
    for key in keys:
        for one in list(key) if isinstance(key, str) else [key]:
            keyboard(one)
    keyboard(Qt.Key.Key_Escape)  # the next cell's editor, opened by the last Tab, closed
    raw = window.session.state.rows[row].raw
    return str(raw.get("dose") or ""), str(raw.get("frequency") or "")


def test_an_unreadable_dose_tabs_on_as_a_readable_one_does(case_window) -> None:
    window = shown(case_window)
    start = ("oxycodone", TAB, "oral", TAB, "MR", TAB)
    assert _type_row(window, (*start, "30 mg", TAB, "bd", TAB)) == ("30 mg", "bd")
    assert _type_row(window, (*start, "ten mg", TAB, "bd", TAB)) == ("ten mg", "bd")


def test_text_typed_on_the_unit_list_goes_back_into_the_box(case_window) -> None:
    window = shown(case_window)
    typed = _type_row(window, ("oxycodone", TAB, "oral", TAB, "IR", TAB, "5", TAB, "q4h", TAB))
    assert typed[0] == "5 q4h", typed  # as typed, never dropped
    row = window.editor.current_row()
    assert window.session.state.rows[row].item is None  # refused: marked red
