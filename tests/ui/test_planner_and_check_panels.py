"""Planner and pharmacist check against the real rotation service.

The shipped table has no rotation rules yet, so these use the made-up rotation fixture
(alphadone, betadone…): they test the UI flow, not clinical values.
"""

from __future__ import annotations

import pytest

from mps_pain.domain.regimen import RegimenDocument
from ui.planner.planner_panel import REDUCTION_STEPS_PER_PERCENT

CURRENT = {
    "patient": {"identifier": "flow test"},
    "items": [
        {"drug": "alphadone", "route": "oral", "form": "er", "daily_dose": "60 mg/day"},
        {"drug": "kappamine", "route": "sc", "daily_dose": "20 mg/day"},
    ],
}


@pytest.fixture
def planner_window(make_window, rotation_tables):
    window = make_window(rotation_tables)
    window.ensure_panels()  # the planner and check tabs, as when first shown
    window.session.replace_document(RegimenDocument.model_validate(CURRENT))
    return window


def test_planner_shows_steps_regimen_breakthrough_schedule_and_spread(planner_window) -> None:
    planner = planner_window.planner
    planner.set_target("betadone", "oral", frequency="q12h", table="set-equi")
    assert planner.error is None and planner.plan is not None
    html = planner.view.toPlainText()
    assert "New regimen: betadone oral" in html
    assert "Steps, with arithmetic and sources" in html
    assert "Transition schedule" in html
    assert "Breakthrough" in html
    assert "Second equianalgesic set" in html  # the same plan under every set
    assert planner.guidance.text().startswith("Guidance: ")
    assert planner.plan.reduction_reason in planner.guidance.text()


def test_the_reduction_slider_overrides_the_sourced_default(planner_window) -> None:
    planner = planner_window.planner
    planner.set_target("betadone", "oral", frequency="q12h", table="set-equi")
    default = planner.plan.reduction
    planner.use_default_reduction.setChecked(False)
    planner.reduction.setValue(30 * REDUCTION_STEPS_PER_PERCENT)
    planner.replan()
    assert planner.request is not None and planner.request.reduction == 0.30
    assert planner.plan is not None and planner.plan.reduction == 0.30
    assert planner.plan is not None and planner.plan.reduction != default


def test_apply_plan_replaces_the_opioid_rows_in_one_undoable_step(planner_window) -> None:
    session, planner = planner_window.session, planner_window.planner
    planner.set_target("betadone", "oral", frequency="q12h", table="set-equi")
    before = [dict(row.raw) for row in session.state.rows]
    steps_before = session.undo_stack.count()
    planner.apply()
    drugs = [row.raw["drug"] for row in session.state.rows]
    assert "alphadone" not in drugs
    assert drugs.count("betadone") == 2  # scheduled + breakthrough
    assert "kappamine" in drugs  # adjuvants stay
    assert session.undo_stack.count() == steps_before + 1
    assert all(row.item is not None for row in session.state.rows)
    session.undo_stack.undo()
    assert [dict(row.raw) for row in session.state.rows] == before


def test_a_plan_that_cannot_be_made_says_why(planner_window) -> None:
    planner = planner_window.planner
    planner_window.session.replace_document(RegimenDocument.model_validate({"items": []}))
    planner.set_target("betadone", "oral", frequency="q12h", table="set-equi")
    assert planner.plan is None and planner.error
    assert planner.error_label.text() == planner.error
    assert not planner.apply_button.isEnabled()


@pytest.mark.parametrize(
    ("dose", "verdict", "text"),
    [("8 mg", "within", "Within"), ("20 mg", "above", "ABOVE"), ("2 mg", "below", "BELOW")],
)
def test_pharmacist_check_gives_the_verdict_numbers_and_reasons(
    planner_window, dose, verdict, text
) -> None:
    check = planner_window.check
    check.proposal.replace_document(
        RegimenDocument.model_validate(
            {"items": [{"drug": "betadone", "route": "oral", "dose": dose, "frequency": "q12h"}]}
        )
    )
    check.table.setCurrentIndex(check.table.findData("set-equi"))
    check.run_check()
    assert check.error is None, check.error
    assert check.result.verdict == verdict
    assert text in check.verdict.text()
    assert "expected" in check.numbers.text()
    assert check.reasons.count() >= len(check.result.reasons)


def test_check_starts_from_the_current_regimen(planner_window) -> None:
    check = planner_window.check
    check.copy_current()
    check.run_check()
    # the same regimen proposed again is within the same-drug range (0–10 % reduction)
    assert check.result is not None and check.result.verdict == "within"
    assert check.result.proposed_ome_per_day == check.result.current_ome_per_day
    assert check.proposal.state.document.items == planner_window.session.state.document.items


@pytest.mark.parametrize(
    ("drug", "route", "options"),
    [("fentanyl", "iv", {"continuous": True}), ("methadone", "oral", {"frequency": "q8h"})],
)
def test_case_1_switch_plans_with_the_shipped_tables(case_window, drug, route, options) -> None:
    if case_window.session.tables.tables.rotation is None:
        pytest.skip("the shipped tables have no rotation rules yet")
    case_window.ensure_panels()
    planner = case_window.planner
    planner.set_target(drug, route, **options)
    assert planner.error is None, planner.error
    assert planner.plan.regimen.drug == drug
    assert "Steps, with arithmetic and sources" in planner.view.toPlainText()
    planner.apply()
    assert drug in [row.raw["drug"] for row in case_window.session.state.rows]
    case_window.session.undo_stack.undo()
    assert case_window.results_panel.total_label.text() == "90 MME/day"


def test_a_plan_without_a_dose_cannot_be_applied_and_says_why(naive_window) -> None:
    """Opioid-naive → patch: no patch is proposed, so Apply must not remove the current opioid."""
    window = naive_window
    planner = window.planner
    planner.set_target("fentanyl", "transdermal")
    assert planner.error is None, planner.error
    assert planner.plan.regimen_detail.no_dose
    assert not planner.apply_button.isEnabled()
    assert "NO DOSE" in planner.view.toPlainText()
    before = window.session.state
    planner.apply()
    assert window.session.state is before
    assert [row.raw["drug"] for row in window.session.state.rows] == ["tramadol"]


def test_a_dose_made_of_two_strengths_is_shown_as_such(make_window, tables) -> None:
    window = make_window(tables=tables)
    window.session.replace_document(
        RegimenDocument.model_validate(
            {
                "table": "fpm-2021",
                "prn": "include",
                # issue #8 class 2: IV → oral oxycodone follows the cited route ratio now, so
                # the 48 mg dose comes from IV morphine 64 mg/day (192 OME → 128 × 0.75 = 96)
                "items": [{"drug": "morphine", "route": "iv", "rate": "64 mg/day"}],
            }
        )
    )
    window.ensure_panels()
    planner = window.planner
    planner.set_target("oxycodone", "oral", form="er", frequency="q12h")
    assert planner.error is None, planner.error
    assert "(40 mg + 5 mg)" in planner.view.toPlainText()
    planner.apply()
    row = window.session.state.rows[0].raw
    assert row["dose"] == "45 mg" and "40 mg + 5 mg" in row["note"]
