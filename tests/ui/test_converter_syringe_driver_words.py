"""Clinician review 12, #3: the quick converter headed a syringe driver as a bare hourly rate
("Give morphine sc injection 1.354 mg/h") while the planner and the PDF say "32.5 mg over 24 h by
syringe driver (1.354 mg/h)": the converter now uses the planner's one wording. A frequency box
with "continuous", "CSCI" or "syringe driver" is refused saying how to ask for one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mps_pain.domain.rotation.shape import infusion_words
from tests.ui.conftest import shown
from ui.converter.describe import ConversionQuestion

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TO_SC_MORPHINE = ConversionQuestion("oxycodone", "oral", "60 mg/day", "", "morphine", "sc", "")


def test_a_syringe_driver_is_headed_as_the_planner_words_it(make_window, tables) -> None:
    window = shown(make_window(tables))
    window.tabs.setCurrentIndex(3)
    panel = window.converter
    panel.set_question(
        ConversionQuestion("oxycodone", "oral", "60 mg/day", "", "morphine", "sc", "")
    )
    plan = panel.plan
    assert plan is not None and plan.regimen.rate is not None
    words = infusion_words("sc", plan.regimen.rate, plan.regimen.detail.daily_dose)
    assert "over 24 h by syringe driver (" in words
    line = panel.result.text()
    assert f"Give morphine sc injection {words};" in line, line


@pytest.mark.parametrize("typed", ["continuous", "CSCI", "syringe driver"])
def test_continuous_in_a_frequency_box_says_how_to_ask_for_a_syringe_driver(
    make_window, tables, typed: str
) -> None:
    window = shown(make_window(tables))
    window.tabs.setCurrentIndex(3)
    panel = window.converter
    panel.set_question(
        ConversionQuestion("oxycodone", "oral", "60 mg/day", "", "morphine", "sc", "")
    )
    panel.to_frequency.setFocus()
    QApplication.processEvents()
    QTest.keyClicks(QApplication.focusWidget(), typed)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert panel.plan is None
    line = panel.result.text().lower()
    assert "leave the frequency empty" in line and "syringe driver" in line, line
