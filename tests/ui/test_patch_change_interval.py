"""Every patch plan says when the patch is changed (clinician review 8 #2, open since review 7:
"fentanyl transdermal patch 25 mcg/h (change as labelled)" while step 4 named Durogesic DTrans /
Matrifen 72-h patches). The interval is the cited one of the product the plan names, and the same
words are in the planner's heading, step 7, the transition table, the PDF, the quick converter's
answer and the records' saved-plan line."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mps_pain.presentation.rotation import change_words, plan_view
from mps_pain.services.patient_service import PatientService
from mps_pain.tables.index import TableIndex
from tests.ui.conftest import CASE_1_RAISED, ask_oxycodone_to_patch, shown
from tests.ui.keyboard import choose_patient_when_asked

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support")

_SETS = ["uk-palliative", "fpm-2021", "jspm-2010"]


def _words(text: str) -> str:
    return " ".join(text.split())


def _named_interval(tables: TableIndex, drug: str, steps: str) -> str:
    """The interval words of the one listed patch product the plan's steps name."""
    form = next(f for f in tables.resolve_drug(drug, location=None).forms if f.id == "patch")
    named = [i for i in form.change_intervals if i.product in steps]
    assert len(named) == 1, (named, steps)  # the plan names exactly one product
    return f"change every {named[0].hours:g} hours"


def _planner(make_window, tables: TableIndex, table: str):
    window = make_window(tables, CASE_1_RAISED)
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("fentanyl", "transdermal", continuous=True, table=table)
    return window


@pytest.mark.parametrize("table", _SETS)
def test_the_planner_states_the_named_products_interval(make_window, tables, table) -> None:
    window = _planner(make_window, tables, table)
    plan = window.planner.plan
    assert plan is not None and plan.regimen.patches
    view = plan_view(plan)
    steps = _words(" ".join(view.steps))
    wanted = _named_interval(tables, "fentanyl", steps)
    assert wanted == change_words(plan.regimen.patch_change)
    shown_text = _words(window.planner.view.toPlainText())
    assert "as labelled" not in shown_text
    assert f"New regimen: {_words(view.regimen)}" in shown_text and wanted in view.regimen
    apply = [e.value for e in view.schedule if e.value.startswith("Apply")]
    assert apply and all(wanted in value for value in apply), apply  # step 7 and its table
    assert wanted in steps.split("7. Schedule:")[1]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_the_pdf_states_it_in_the_heading_step_7_and_the_table(make_window, tables, tmp_path):
    from ui.printing.plan_pdf import write_plan_pdf
    from ui.printing_actions import plan_content

    window = _planner(make_window, tables, "uk-palliative")
    content = plan_content(window)
    assert content is not None and content.plan is not None
    write_plan_pdf(tmp_path / "plan.pdf", content)
    done = subprocess.run(
        ["pdftotext", str(tmp_path / "plan.pdf"), "-"], capture_output=True, text=True, check=True
    )
    text = _words(done.stdout)
    assert "as labelled" not in text
    wanted = _named_interval(tables, "fentanyl", text)
    assert text.count(wanted) >= 2, text  # New regimen and the transition schedule
    # step 7 points to the transition schedule, which prints each time point once
    assert text.count("Apply fentanyl") == 1, text
    table = text.split("Transition schedule")[1]
    assert f"Apply fentanyl transdermal patch 25 mcg/h ({wanted})" in table


@pytest.mark.parametrize("table", _SETS)
def test_the_converters_answer_states_it(make_window, tables, table) -> None:
    panel = ask_oxycodone_to_patch(shown(make_window(tables)), table)
    assert panel.plan is not None
    wanted = change_words(panel.plan.regimen.patch_change)
    assert wanted.startswith("change every ")
    patches = " + ".join(f"{p.value:g} {p.unit}" for p in panel.plan.regimen.patches)
    line = panel.result.text()
    assert line.startswith(f"Give fentanyl {patches} patch, {wanted};"), line


def test_the_saved_conversion_and_its_records_line_state_it(
    make_window, tables, records_service: PatientService
) -> None:
    window = shown(make_window(tables))
    panel = ask_oxycodone_to_patch(window, "uk-palliative")
    choose_patient_when_asked("MRN-0001")  # the whole ID (review 11, #3)
    QTest.keyClick(panel.save_button, Qt.Key.Key_Space)
    [plan] = records_service.plans("MRN-0001")
    assert plan.title.endswith("fentanyl 25 mcg/h patch, change every 72 hours"), plan.title


def test_a_patch_form_without_an_interval_for_a_listed_market_is_refused() -> None:
    from pydantic import ValidationError

    from mps_pain.tables.schema import Form

    cite = {"source": "a-source", "locator": "a locator"}
    strengths = [{"market": "UK", "unit": "mcg/h", "values": [25], "citation": cite}]
    base = {"id": "patch", "name": "Patch", "routes": ["transdermal"], "strengths": strengths}
    with pytest.raises(ValidationError, match="no patch change interval for the market"):
        Form.model_validate(base)
    interval = {"market": "UK", "product": "A product", "hours": 72, "citation": cite}
    assert Form.model_validate({**base, "change_intervals": [interval]}).change_intervals
