"""Clinician review 18 #9 (shot-05): the Edit menu read "Undo Edit patient Patient". Every kind of
edit the window makes an undo step of (each patient field typed or chosen, the set, the
as-needed switch, a cell, a row added) is undone from the menu with words said once: no word
twice in a row, and no set or code by its id. Real window, the menu's own action."""

from __future__ import annotations

import re
from itertools import pairwise

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from tests.ui.conftest import shown
from tests.ui.keyboard import type_in_cell
from ui.widgets.patient_header import PATIENT_FIELDS

TYPED = {
    "identifier": "Mrs Ada Test",
    "age": "81",
    "weight": "52 kg",
    "egfr": "45 mL/min",
    "creatinine_clearance": "40 mL/min",
    "qtc": "470 ms",
}


def _undo_text(window) -> str:
    return window.menu_actions.by_name["undo"].text().replace("&", "")


def _reads_plainly(text: str, ids: set[str]) -> None:
    words = re.findall(r"[\w-]+", text.lower())
    twice = [a for a, b in pairwise(words) if a == b]
    assert not twice, (text, twice)
    assert not [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)], text


def test_every_edit_is_undone_in_plain_words(case_window, tables) -> None:
    window = shown(case_window)
    ids = set(tables.sets)
    seen = []
    header = window.patient_header
    for name in PATIENT_FIELDS:
        box = header.field_widget(name)
        if isinstance(box, QLineEdit):
            box.setFocus()
            box.selectAll()
            QTest.keyClicks(box, TYPED[name])
            box.editingFinished.emit()  # as leaving the field does
        else:
            assert isinstance(box, QComboBox)
            box.setCurrentIndex(box.count() - 1)
            box.activated.emit(box.count() - 1)  # as a person's choice does
        QApplication.processEvents()
        seen.append(_undo_text(window))
    panel = window.results_panel
    other = next(
        i
        for i in range(panel.set_selector.count())
        if panel.set_selector.itemData(i) != window.session.effective_table()
    )
    panel.set_selector.setCurrentIndex(other)
    panel.set_selector.activated.emit(other)
    seen.append(_undo_text(window))
    panel.prn_switch.click()
    seen.append(_undo_text(window))
    type_in_cell(window, 0, "daily_dose", "90")
    seen.append(_undo_text(window))
    window.editor.add_row()  # the Add row action (Ctrl+Return)
    seen.append(_undo_text(window))
    assert len(set(seen)) == len(seen), seen  # each edit said as itself
    for text in seen:
        assert text.startswith("Undo "), seen
        _reads_plainly(text, ids)


def test_a_later_edit_clears_the_word_on_the_last_undo(case_window) -> None:
    """Shot-14 to 21: "Undone on the regimen: Edit Form in row 3" stayed through five later
    edits. The next edit of the regimen or the patient clears it; the undo still says it."""
    window = shown(case_window)
    undo = window.menu_actions.by_name["undo"]
    redo = window.menu_actions.by_name["redo"]
    type_in_cell(window, 0, "daily_dose", "90")
    undo.trigger()
    assert window.statusBar().currentMessage().startswith("Undone on the regimen")
    type_in_cell(window, 0, "daily_dose", "120")
    assert window.statusBar().currentMessage() == "", window.statusBar().currentMessage()
    undo.trigger()
    redo.trigger()
    assert window.statusBar().currentMessage().startswith("Redone on the regimen")
    age = window.patient_header.field_widget("age")
    assert isinstance(age, QLineEdit)
    age.setFocus()
    age.selectAll()
    QTest.keyClicks(age, "70")
    age.editingFinished.emit()
    assert window.statusBar().currentMessage() == "", window.statusBar().currentMessage()
