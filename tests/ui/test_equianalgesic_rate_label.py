"""A rate is never labelled a daily dose (clinician review 6, #10): the plan of a switch to a
fentanyl patch read "Equianalgesic daily dose 37.5 mcg/h"."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import CASE_1_RAISED


def test_a_patch_plan_labels_its_equianalgesic_rate(make_window: Any, tables: Any) -> None:
    window = make_window(tables, CASE_1_RAISED)
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("fentanyl", "transdermal")
    assert window.planner.plan is not None
    text = window.planner.view.toPlainText()
    assert "Equianalgesic rate" in text and "mcg/h" in text
    assert "Equianalgesic daily dose" not in text


def test_an_oral_plan_keeps_its_daily_dose_label(make_window: Any, tables: Any) -> None:
    window = make_window(tables, CASE_1_RAISED)
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("morphine", "oral", frequency="q12h")
    assert window.planner.plan is not None
    assert "Equianalgesic daily dose" in window.planner.view.toPlainText()
