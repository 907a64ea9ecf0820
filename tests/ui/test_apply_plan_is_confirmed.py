"""Clinician review 15, #6: pressing Apply plan changed the regimen with nothing on the
screen saying so; the planner then showed "No plan" for the regimen it had just written. The
status bar says what was applied and how to undo it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import shown
from tests.ui.test_planner_and_check_panels import CURRENT


def test_alt_a_says_what_was_applied(make_window, rotation_tables) -> None:
    window = shown(make_window(rotation_tables))
    window.ensure_panels()
    window.session.replace_document(RegimenDocument.model_validate(CURRENT))
    window.show_tab(1)
    planner = window.planner
    planner.set_target("betadone", "oral", frequency="q12h", table="set-equi")
    assert planner.apply_button.isEnabled()
    QTest.mouseClick(planner.apply_button, Qt.MouseButton.LeftButton)
    said = window.statusBar().currentMessage()
    assert (
        said == "Plan applied: the regimen's opioid rows now give betadone oral (Ctrl+Z undoes it)."
    )
