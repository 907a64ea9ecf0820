"""Clinician review 4, D8 (the finding's D10): 60 mg/day OME gave a 12.5 mcg/h patch, and the
planner panel said "Reduction 0%" beside a 50% effective reduction.

The NHS chart is printed "12 ≈ <60; 25 ≈ 61–90" (clinical-sources §3(b), "UK patch tables"), so
60 itself lies between two printed bands. Review 4 read it in the 25 band; clinician review 12,
#5, found that above the lower cited band: the Scottish and Lanarkshire charts print 60 in both
"30–60 ≈ 12" and "60–90 ≈ 25", and the reference's rule is "use closest LOWER patch size". So
60 → 12.5 mcg/h (tests/clinical/test_patch_band_shared_edge.py holds the rule and its
property); a value between two whole-mg edges (60.5, 90.5) is read by its whole mg (the lower
band).

Wherever a band table gives the dose, every renderer shows the effective reduction from the
equianalgesic dose beside the band case's 0% (the view record carries it).
"""

from __future__ import annotations

import pytest

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()


def _request(ome: float) -> dict[str, object]:
    return {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": f"{ome} mg/day"}]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
    }


@pytest.mark.parametrize(
    ("ome", "patch"),
    [(59.5, 12.5), (60, 12.5), (60.5, 12.5), (61, 25), (90, 25), (90.5, 25), (91, 37.5)],
)
def test_the_nhs_chart_reads_its_edges_in_the_lower_band(ome: float, patch: float) -> None:
    plan = plan_rotation(_request(ome), tables=TABLES)
    assert plan.band_dose is not None
    assert plan.band_dose.band.value == patch
    if ome >= 60:  # below it the patient is not opioid-tolerant by the label: no patch
        assert plan.rounded_daily_dose is not None and plan.rounded_daily_dose.value == patch


def test_the_view_carries_the_effective_reduction_where_a_band_decides() -> None:
    plan = plan_rotation(_request(90), tables=TABLES)  # band 25 of the equianalgesic 37.5
    view = plan_view(plan)
    assert view.effective_reduction == "33.3%"
    assert view.reduction.startswith("effective 33.3%")
    facts = {f.label: f.value for f in view.facts}
    reduction = facts["Reduction for incomplete cross-tolerance"]
    assert reduction.startswith("effective 33.3% from the equianalgesic 37.5 mcg/h")
    assert not reduction.startswith("0%")


def test_without_a_band_the_view_says_the_chosen_reduction() -> None:
    plan = plan_rotation({**_request(90), "table": "fpm-2021"}, tables=TABLES)
    view = plan_view(plan)
    assert view.reduction.startswith("25%")
    facts = {f.label: f.value for f in view.facts}
    assert facts["Reduction for incomplete cross-tolerance"].startswith("25% — ")


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_planner_panel_shows_the_effective_reduction(make_window) -> None:
    window = make_window(TABLES)
    window.session.replace_document(
        RegimenDocument.model_validate(
            {
                "table": "uk-palliative",
                "prn": "include",
                "items": [{"drug": "morphine", "route": "oral", "daily_dose": "90 mg/day"}],
            }
        )
    )
    window.ensure_panels()
    planner = window.planner
    planner.set_target("fentanyl", "transdermal", continuous=True)
    assert planner.plan is not None, planner.error
    assert "effective 33.3%" in planner.reduction_value.text()
    assert "effective 33.3%" in planner.view.toPlainText()
