"""Clinician review 21, N5: in the planner, choosing another Drug put the Route back to oral and
unticked Continuous (morphine SC continuous refused at eGFR 25, then Oxycodone: "oral", "No
plan"). The route and the continuous choice are kept when the new drug is given by that route
(the catalogue's routes); a patch is always continuous, a route that takes no infusion never.
Real keys: Ctrl+2, the Drug by its Alt key and its list."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ALT = Qt.KeyboardModifier.AltModifier


def _key(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()  # the open list's view, once Alt+Down opened it
    assert target is not None
    QTest.keyClick(target, key, modifier)
    QApplication.processEvents()


def _choose_drug(planner: Any, drug: str) -> None:
    """Alt+G, Alt+Down, Down (or Up) to the drug, Return: as the reviewer chose it."""
    _key(Qt.Key.Key_G, ALT)
    assert QApplication.focusWidget() is planner.drug
    steps = planner.drug.findData(drug) - planner.drug.currentIndex()
    _key(Qt.Key.Key_Down, ALT)
    for _ in range(abs(steps)):
        _key(Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)
    _key(Qt.Key.Key_Return)
    assert planner.drug.currentData() == drug


@pytest.mark.parametrize(
    ("before", "after"), [("morphine", "oxycodone"), ("oxycodone", "hydromorphone")]
)
def test_a_new_drug_keeps_the_route_and_continuous(case_window, before: str, after: str) -> None:  # type: ignore[no-untyped-def]
    window = shown(case_window)
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    planner = window.planner
    planner.set_target(before, "sc", continuous=True)
    _choose_drug(planner, after)
    assert planner.route.currentData() == "sc"
    assert planner.continuous.isChecked()
    target = planner.build_request()
    assert target is not None and target.to.is_continuous, planner.error


def test_a_route_the_new_drug_lacks_falls_back_and_drops_continuous(case_window) -> None:  # type: ignore[no-untyped-def]
    window = shown(case_window)
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    planner = window.planner
    planner.set_target("fentanyl", "transdermal", continuous=True)
    assert planner.continuous.isChecked()
    _choose_drug(planner, "tapentadol")  # by mouth only
    assert planner.route.currentData() == "oral"
    assert not planner.continuous.isChecked()
