"""Clinician review 12, #1: the quick converter proposed "Give morphine sc injection 16 mg q12h"
with no caution. The converter asks the planner, whose one interval rule
(``form_inference.check_interval``) refuses an injected bolus at a modified-release interval:
keys only, no conversion is shown, and the refusal offers the syringe driver or q4h."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import shown
from tests.ui.keyboard import press as _type

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_morphine_sc_q12h_is_refused_in_the_converter(make_window, tables) -> None:
    window = shown(make_window(tables))
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    _type("Oxyc", Qt.Key.Key_Tab, Qt.Key.Key_Tab, "60 mg/day")
    panel = window.converter
    panel.to_drug.setFocus()
    _type("Morph", Qt.Key.Key_Tab, "s")
    assert panel.to_route.currentData() == "sc"
    panel.to_frequency.setFocus()
    _type("q12h", Qt.Key.Key_Tab)
    assert panel.plan is None
    line = panel.result.text()
    assert "q12h" in line and "syringe driver" in line and "q4h" in line
    assert "16 mg" not in line and not panel.save_button.isEnabled()
