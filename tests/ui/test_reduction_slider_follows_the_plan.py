"""The reduction slider shows the current plan's reduction at once (clinician review 10 #9:
after switching Drug from methadone to morphine, with "Use the sourced default" ticked, the
slider still read methadone's 75% until Continuous was ticked). With no plan it shows none."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import CASE_1_RAISED, shown


def _keys(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClicks(widget, text)  # type-ahead, as a person picks from the list
    QApplication.processEvents()


def test_the_slider_never_shows_the_previous_drugs_reduction(make_window, tables, qtbot) -> None:
    window = shown(make_window(tables, CASE_1_RAISED))
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # the planner
    planner = window.planner
    assert planner is not None
    planner.set_target("methadone", "oral", table="uk-palliative")
    planner.method.setCurrentIndex(planner.method.findData("msd-quill"))
    planner.replan()
    assert planner.plan is not None and planner.plan.reduction == 0.75
    assert planner.reduction_value.text() == "75%"
    _keys(planner.drug, "mor")
    _keys(planner.route, "sc")
    qtbot.waitUntil(lambda: planner.drug.currentData() == "morphine" and planner.error is not None)
    assert planner.plan is None  # no frequency and not continuous: no plan yet
    assert "75" not in planner.reduction_value.text()
    assert planner.reduction.value() == 0
    _keys(planner.continuous, " ")  # tick Continuous: a plan, and its own reduction
    qtbot.waitUntil(lambda: planner.plan is not None)
    shown_percent = planner.reduction_value.text()
    assert shown_percent.startswith(f"{planner.plan.reduction * 100:g}%"), shown_percent
