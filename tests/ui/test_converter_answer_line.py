"""The quick converter's answer (second clinician review, H4): its line leads with the dose to give,
and a saved conversion's title is whole and short. Each test failed on main before its fix."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mps_pain.services.patient_service import PatientService
from tests.ui.conftest import ask_oxycodone_to_patch, shown
from tests.ui.keyboard import choose_patient_when_asked
from ui.converter.describe import conversion_title

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _oxycodone_to_patch(window, table: str = "uk-palliative"):
    panel = ask_oxycodone_to_patch(window, table)
    assert panel.plan is not None
    return panel


@pytest.mark.parametrize("table", ["uk-palliative", "fpm-2021", "jspm-2010"])
def test_h4_the_converter_line_leads_with_the_dose_to_give(make_window, tables, table) -> None:
    """Before: "oxycodone oral 60 mg/day → equianalgesic 37.5 mcg/h (range 36–50); … give
    fentanyl transdermal 25 mcg/h; …" — the number read first was not the dose to give."""
    panel = _oxycodone_to_patch(shown(make_window(tables)), table)
    plan = panel.plan
    line = panel.result.text()
    patches = " + ".join(f"{p.value:g} {p.unit}" for p in plan.regimen.patches)
    assert line.startswith(f"Give fentanyl {patches} patch"), line
    assert "equianalgesic" in line
    give, rest = line.index("Give"), line.index("equianalgesic")
    assert give < line.index("reakthrough") < rest


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support")
def test_h4_the_saved_conversion_title_is_whole_and_short(
    make_window, tables, records_service: PatientService
) -> None:
    """Before: "Quick conversion: <the whole line>"[:200], cut mid-sentence in the records."""
    window = shown(make_window(tables))
    panel = _oxycodone_to_patch(window)
    choose_patient_when_asked("MRN-0001")  # the whole ID (review 11, #3)
    QTest.keyClick(panel.save_button, Qt.Key.Key_Space)
    [plan] = records_service.plans("MRN-0001")
    assert plan.title == "oxycodone oral 60 mg/day → fentanyl 25 mcg/h patch, change every 72 hours"
    assert plan.title == conversion_title(panel.question, panel.plan)
