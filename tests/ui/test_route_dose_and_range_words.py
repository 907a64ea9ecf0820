"""Route, dose and range wording (clinician review 3, leftover wording, item 5): each class fixed
where it is made, so every output that uses it (the CLI, the app, the PDF) reads the same.

- a route said twice by its form ("morphine oral oral solution"): ``product_label``;
- set ids instead of their titles ("jspm-2010 … fpm-2021") in the converter's hover and the
  planner's refusal, and table row paths ("row factors[8]") and internal sections
  ("clinical-sources §3(d)") in the converter's hover: the converter reads the planner's view;
- "0.112 mg/day" said of one dose (the plausibility rule);
- a range with equal ends ("37.5–37.5", "0–0%", "factors 1–1"): ``units.format_span``.

The practice prompts' wording is tested in tests/practice/test_prompts_name_forms.py."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.form_words import product_label
from mps_pain.presentation.check import check_view
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.units import format_number, format_number_span
from tests.ui.conftest import shown
from tests.ui.test_bad_input import _review_messages
from tests.ui.vocabulary import developer_words, shown_texts
from ui.converter.describe import ConversionQuestion

EQUAL_ENDS = re.compile(r"(?<![\d.])(?P<end>\d+(?:\.\d+)?)–(?P=end)(?![\d.%])")


TWICE = re.compile(r"\boral oral\b")


EQUIANALGESIC = ("fpm-2021", "uk-palliative", "jspm-2010")


def _plan(table: str, to: dict[str, object], daily: str = "60 mg/day"):
    from mps_pain.tables.loader import get_tables

    request = {
        "from": {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": daily}]},
        "to": to,
        "table": table,
    }
    return plan_rotation(request, tables=get_tables())


# --- the route said once ------------------------------------------------------------------------
def test_a_form_that_says_its_route_is_not_preceded_by_it() -> None:
    assert product_label("morphine", "oral", "oral_solution") == "morphine oral solution"
    assert product_label("morphine", "oral", "ir") == "morphine oral IR"
    assert product_label("morphine", "rectal", "suppository") == "morphine rectal suppository"
    assert product_label("morphine", "oral") == "morphine oral"


@pytest.mark.parametrize("table", ["uk-palliative", "jspm-2010"])
def test_the_planners_breakthrough_and_regimen_say_oral_once(table: str) -> None:
    """The review's case: a patch whose breakthrough dose is morphine oral solution, and a
    regimen measured as oral solution (0.6 mg/day of oxycodone to morphine q4h)."""
    to_patch = plan_view(_plan(table, {"drug": "fentanyl", "route": "transdermal"}, "30 mg/day"))
    assert to_patch.breakthrough is not None
    assert to_patch.breakthrough.startswith("morphine oral solution ")
    small = plan_view(
        _plan(table, {"drug": "morphine", "route": "oral", "frequency": "q4h"}, "0.6 mg/day")
    )
    texts = [small.regimen, small.breakthrough or "", *small.steps, *(f.value for f in small.facts)]
    texts += [to_patch.breakthrough, *to_patch.steps, *(f.value for f in to_patch.facts)]
    assert not [t for t in texts if TWICE.search(t)]


# --- one dose said per dose ---------------------------------------------------------------------
def test_a_breakthrough_dose_below_the_floor_is_said_as_one_dose() -> None:
    # clinical-a (review3 item 1): oxycodone 0.6 mg/day → morphine q4h no longer prints a
    # 0.112 mg regular dose (below one 0.5 mL step: NO DOSE), so the refused breakthrough is
    # read beside a methadone dose that can be given (CCDHB 0.5 mg q8h; 10% = 0.15 mg)
    from mps_pain.tables.loader import get_tables

    request = {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "12 mg/day"}]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": "uk-palliative",
        "methadone_method": "ccdhb",
    }
    # pharmacist review 7, D2: the methadone breakthrough (0.15 mg) is no longer computed (no
    # sourced maximum in 24 h); the refusal read beside the dose now says why, with no amount
    view = plan_view(plan_rotation(request, tables=get_tables()))
    refusal = next(w.message for w in view.warnings if w.message.startswith("No breakthrough"))
    assert "maximum number of doses in 24 h" in refusal and "0.15 mg" not in refusal
    assert "'dose'" not in refusal


# --- ranges with equal ends ---------------------------------------------------------------------
@given(
    low=st.floats(min_value=0, max_value=1e6, allow_nan=False),
    high=st.floats(min_value=0, max_value=1e6, allow_nan=False),
    unit=st.sampled_from(["", "%", "mg/day", "mcg/h"]),
)
def test_a_range_never_reads_with_equal_ends(low: float, high: float, unit: str) -> None:
    text = format_number_span(low, high, unit)
    assert not EQUAL_ENDS.search(text), text
    if format_number(low) == format_number(high):
        assert "–" not in text and text.startswith(format_number(low))
    else:
        assert f"{format_number(low)}–{format_number(high)}" in text


@pytest.mark.parametrize("table", EQUIANALGESIC)
@pytest.mark.parametrize(
    "target",
    [
        {"drug": "morphine", "route": "oral", "frequency": "q4h"},
        {"drug": "fentanyl", "route": "transdermal"},
        {"drug": "methadone", "route": "oral", "frequency": "q8h"},
    ],
)
def test_no_plan_text_has_a_range_with_equal_ends(table: str, target: dict[str, object]) -> None:
    view = plan_view(_plan(table, target))
    texts = [*view.steps, *(f.value for f in view.facts), *(w.message for w in view.warnings)]
    texts += [view.reduction_summary, *(e.value for e in view.schedule)]
    assert not [t for t in texts if EQUAL_ENDS.search(t)]


def test_the_patch_checks_reasons_have_no_equal_ends() -> None:
    from mps_pain.tables.loader import get_tables

    request = {
        "from": {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "80 mg/day"}]},
        "proposed": {"items": [{"drug": "fentanyl", "route": "transdermal", "rate": "50 mcg/h"}]},
        "table": "uk-palliative",
    }
    view = check_view(check_proposal(request, tables=get_tables()))
    assert not [r for r in view.reasons if EQUAL_ENDS.search(r)], view.reasons


# --- the converter: sets by title, sources by name, from the planner's view ---------------------
@pytest.mark.parametrize("table", EQUIANALGESIC)
def test_the_converters_hover_reads_the_planners_words(make_window, tables, table: str) -> None:
    window = shown(make_window(tables))
    window.tabs.setCurrentIndex(3)
    panel = window.converter
    panel.table.setCurrentIndex(panel.table.findData(table))
    for to in (("morphine", "oral", "q4h"), ("fentanyl", "transdermal", "")):
        panel.set_question(ConversionQuestion("oxycodone", "oral", "60 mg/day", "", *to))
        assert panel.plan is not None
        hover = panel.result.toolTip()
        assert "Equianalgesic target" in hover  # the working is there, in words
        for word in (*EQUIANALGESIC, "factors[", "clinical-sources", "§", "oral ir,"):
            assert word not in hover, (word, hover[:300])
        assert tables.sets[table].name in hover
        assert not EQUAL_ENDS.search(hover + panel.result.text())
        assert not developer_words(shown_texts(window))


def test_the_planners_refusal_names_the_sets_by_title(case_window) -> None:
    """Hydromorphone SC under JSPM 2010: the refusal said "Reference set 'jspm-2010' … sets
    that cover it: fpm-2021, uk-palliative"."""
    window = case_window
    window.tabs.setCurrentIndex(1)
    planner = window.planner
    planner.table.setCurrentIndex(planner.table.findData("jspm-2010"))
    planner.set_target("hydromorphone", "sc", continuous=True)
    assert planner.plan is None and planner.error is not None
    sets = window.session.tables.sets
    assert sets["jspm-2010"].name in planner.error
    assert sets["fpm-2021"].name in planner.error and sets["uk-palliative"].name in planner.error
    assert not developer_words(shown_texts(window))


def test_the_printed_plan_says_oral_once_and_no_equal_ends(make_window, tables, tmp_path) -> None:
    source = tmp_path / "small.yaml"
    source.write_text(
        "table: uk-palliative\nitems:\n  - {drug: oxycodone, route: oral, daily_dose: 30 mg/day}\n",
        encoding="utf-8",
    )
    window = make_window(tables, source)
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("fentanyl", "transdermal", continuous=True)
    assert window.planner.plan is not None
    messages = _review_messages(window)  # the planner's guidance, view and the plan's PDF text
    assert any("morphine oral solution" in m for m in messages)
    assert not [m for m in messages if TWICE.search(m) or EQUAL_ENDS.search(m)]
