"""Clinician review 3, items 1 and 2: a patch rate typed for an oral drug is refused, naming the
field, in the editor's Daily total cell and in the quick converter's number box (real keys)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import cell_index, type_in_cell
from ui.models.regimen_table_model import ERROR_ROLE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _keys(*keys: Qt.Key | str, modifier: Qt.KeyboardModifier | None = None) -> None:
    for key in keys:
        target = QApplication.focusWidget()
        assert target is not None
        if isinstance(key, str):
            QTest.keyClicks(target, key)
        elif modifier is not None:
            QTest.keyClick(target, key, modifier)
        else:
            QTest.keyClick(target, key)
        QApplication.processEvents()


def test_the_daily_total_cell_refuses_mcg_per_hour_for_an_oral_drug(case_window) -> None:
    # row 0: oxycodone ER oral, daily total 60 mg/day
    type_in_cell(case_window, 0, "daily_dose", "25 mcg/h")
    message = cell_index(case_window, 0, "daily_dose").data(ERROR_ROLE)
    assert message is not None
    assert message.startswith("Daily total:") and "mcg/h" in message and "oral" in message
    assert cell_index(case_window, 0, "mme").data() != "0.9"
    # the only opioid row left out: words, never "0 MME/day (incomplete)" (re-check 18b #4)
    assert "row 1 is left out" in case_window.results_panel.total_label.text()


def test_the_converter_refuses_a_patch_rate_typed_for_an_oral_drug(make_window, tables) -> None:
    window = shown(make_window(tables))
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    panel = window.converter
    _keys(Qt.Key.Key_Tab, Qt.Key.Key_Tab, "25 mcg/h")
    _keys(Qt.Key.Key_O, modifier=Qt.KeyboardModifier.AltModifier)
    _keys(Qt.Key.Key_Tab, Qt.Key.Key_Tab, "q4", Qt.Key.Key_Tab)
    assert panel.from_route.currentData() == "oral"
    assert panel.plan is None
    text = panel.result.text()
    assert "Give" not in text and "0.112" not in text
    assert "mcg/h" in text and "daily total" in text.lower()


def _oxycodone_60_then_hydromorphone(window) -> None:
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    _keys(Qt.Key.Key_Tab, Qt.Key.Key_Tab, "60", Qt.Key.Key_Tab, Qt.Key.Key_Tab)
    _keys(Qt.Key.Key_Tab, "Fen", Qt.Key.Key_Tab, "t")
    assert window.converter.plan is not None  # oxycodone oral 60 mg/day → a patch
    _keys(Qt.Key.Key_M, modifier=Qt.KeyboardModifier.AltModifier)
    _keys("hyd", Qt.Key.Key_Tab)


def test_changing_the_drug_keeps_the_dose_but_withholds_the_advice(make_window, tables) -> None:
    """Clinician review 3, item 3: oxycodone 60 mg/day, then hydromorphone: 60 mg/day of
    hydromorphone is not what was typed; say so and give no advice until it is confirmed."""
    window = shown(make_window(tables))
    _oxycodone_60_then_hydromorphone(window)
    panel = window.converter
    assert panel.from_drug.currentData() == "hydromorphone"
    assert panel.amount.text() == "60 mg/day"  # nothing typed is lost
    assert panel.plan is None
    text = panel.result.text()
    assert "kept from Oxycodone" in text and "Hydromorphone dose" in text
    assert not panel.open_button.isEnabled()
    # Enter in the amount box confirms it: the advice comes back, for hydromorphone
    panel.amount.number.setFocus()
    _keys(Qt.Key.Key_Return)
    assert panel.plan is not None
    assert "kept from" not in panel.result.text()


def test_retyping_the_dose_after_a_drug_change_clears_the_notice(make_window, tables) -> None:
    window = shown(make_window(tables))
    _oxycodone_60_then_hydromorphone(window)
    panel = window.converter
    panel.amount.number.setFocus()
    _keys(Qt.Key.Key_Backspace, Qt.Key.Key_Backspace, "12")
    assert panel.amount.text() == "12 mg/day"
    assert panel.plan is not None
    assert "kept from" not in panel.result.text()


def test_going_back_to_the_drug_the_dose_was_typed_for_clears_the_notice(
    make_window, tables
) -> None:
    window = shown(make_window(tables))
    _oxycodone_60_then_hydromorphone(window)
    QTest.qWait(QApplication.keyboardInputInterval() + 100)  # a new search in the drug list
    _keys(Qt.Key.Key_M, modifier=Qt.KeyboardModifier.AltModifier)
    _keys("oxyc", Qt.Key.Key_Tab)
    assert window.converter.from_drug.currentData() == "oxycodone"
    assert window.converter.plan is not None


def test_open_in_planner_waits_for_a_valid_question(make_window, tables) -> None:
    """Clinician review 3, leftover 3: after the refused unit, "Open in planner" stayed
    enabled and carried the refused question across; it is disabled and says why."""
    window = shown(make_window(tables))
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    panel = window.converter
    _keys(Qt.Key.Key_Tab, Qt.Key.Key_Tab, "25 mcg/h")
    _keys(Qt.Key.Key_O, modifier=Qt.KeyboardModifier.AltModifier)
    _keys("fen", Qt.Key.Key_Tab, "t")
    assert panel.plan is None
    for button in (panel.open_button, panel.save_button):
        assert not button.isEnabled()
        assert "mcg/h" in button.toolTip() and "daily total" in button.toolTip().lower()
        assert button.accessibleDescription() == button.toolTip()
    panel.amount.number.setFocus()
    _keys(Qt.Key.Key_End, *[Qt.Key.Key_Backspace] * 8, "60")
    assert panel.amount.text() == "60 mg/day"
    assert panel.plan is not None
    assert panel.open_button.isEnabled()
    assert "Available once" not in panel.open_button.toolTip()
