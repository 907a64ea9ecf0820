"""Clinician review 13, #8b (shot37): the quick converter's "Save plan to patient record…" stayed
enabled for a plan that gives NO DOSE (oxycodone 6000 mg/day → morphine by mouth q12h), while
"Apply plan" in the planner is disabled for the same plan. One rule for both: a plan that gives
no dose is neither applied nor saved as a plan; the disabled button says why on hover, and
Ctrl+Shift+R on the converter tab says so in the status bar instead of opening the chooser.
Real window, QTest keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import shown
from tests.ui.keyboard import press
from tests.ui.record_dialogs import CTRL_SHIFT

TAB = Qt.Key.Key_Tab


def test_a_no_dose_plan_cannot_be_saved_and_the_button_says_why(make_window, tables) -> None:
    window = shown(make_window(tables))
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    panel = window.converter
    press("Oxyc", TAB, TAB, "6000", TAB, TAB, TAB, "Morph", TAB, "o", TAB, "q12h", TAB)
    assert panel.plan is not None and panel.plan.regimen.no_dose is not None
    assert panel.open_button.isEnabled()  # the planner shows the same refusal, with its steps
    assert not panel.save_button.isEnabled()
    assert "no dose" in panel.save_button.toolTip().lower(), panel.save_button.toolTip()
    QTest.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)  # Patient → Save to patient record
    assert "no dose" in window.statusBar().currentMessage().lower()
    # a dose the plan gives: the button is back
    panel.amount.number.setFocus()
    press((Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier), "60", TAB)
    assert panel.plan is not None and panel.plan.regimen.no_dose is None
    assert panel.save_button.isEnabled()
