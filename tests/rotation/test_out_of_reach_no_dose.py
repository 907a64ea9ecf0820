"""Outside fuzz review (review 3, 2 December), D5: a dose far below its range proposed anyway.

fentanyl 12 mcg/h + morphine PR 60 mg q4h → morphine rectal daily (jspm-2010): 373 mg/day is the
target (sourced reduction 0–1.52%); 4 × 30 mg suppositories (the most a dose may combine) give
120 mg daily, a 68.4% cut, which was proposed as the new regimen with only a caution. README
promises NO DOSE when no marketed dose fits, and docs/rotation.md's rounding policy allows the
nearest amount below the range only as a rounding gap, with the amount above shown beside it.
The class: the largest combination of at most ``max_units`` units below the range, with nothing
givable at or above it (``RoundingChoice.out_of_reach``), is no dose at that interval.
"""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.rounding_policy import Grid, choose_amount, lowest_acceptable
from tests.cli_runner import run_cli
from tests.rotation.plans import checked, planned

D5 = {
    "from": {
        "items": [
            {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "12 mcg/h"},
            {"drug": "morphine", "route": "rectal", "dose": "60 mg", "frequency": "q4h"},
        ],
        "prn": "include",
    },
    "to": {"drug": "morphine", "route": "rectal", "frequency": "daily"},
    "table": "jspm-2010",
    "patient": {"opioid_tolerant": True},
}


def test_rectal_daily_beyond_four_suppositories_is_no_dose() -> None:
    plan = planned(D5)
    assert plan["regimen"]["dose"] is None, plan["regimen"]
    assert plan["regimen_detail"]["no_dose"] is not None
    assert "shorter interval" in plan["regimen_detail"]["no_dose"]
    codes = {w["code"]: w["severity"] for w in plan["warnings"]}
    assert codes.get("no-dose-in-form") == "danger", codes
    assert "rounding-below-range" not in codes
    assert plan["schedule"][0]["action"].startswith("Do not start morphine rectal"), plan


def test_the_command_line_leads_with_no_dose(tmp_path) -> None:
    request = tmp_path / "d5.json"
    request.write_text(json.dumps(D5), encoding="utf-8")
    run = run_cli("rotate", str(request))
    assert run.returncode == 0, run.stderr
    assert "120 mg (30 mg + 30 mg + 30 mg + 30 mg) daily" not in run.stdout
    assert "no dose can be given in this form" in run.stdout


def test_the_same_request_at_q4h_is_within_reach() -> None:
    """At the current interval the same suppositories reach the range: a dose is proposed."""
    plan = planned({**D5, "to": {"drug": "morphine", "route": "rectal", "frequency": "q4h"}})
    assert plan["regimen"]["dose"] is not None, plan["regimen_detail"]


def test_the_check_does_not_excuse_an_amount_out_of_reach() -> None:
    """4 × 30 mg daily against 373 mg/day: below, and not 'the nearest below' of a rounding gap."""
    result = checked(
        {
            "from": D5["from"],
            "proposed": {
                "items": [
                    {"drug": "morphine", "route": "rectal", "dose": "120 mg", "frequency": "daily"}
                ]
            },
            "table": "jspm-2010",
        }
    )
    assert result["verdict"] == "below", result
    assert not any("rounding policy explains" in r for r in result["reasons"]), result["reasons"]


STRENGTHS = st.lists(
    st.sampled_from([1, 2, 2.5, 5, 10, 15, 20, 30, 40, 60]), min_size=1, max_size=4
)


@settings(max_examples=300, deadline=None)
@given(
    strengths=STRENGTHS.map(lambda s: tuple(sorted(set(s)))),
    max_units=st.integers(1, 4),
    low=st.floats(0.5, 600),
    width=st.floats(0, 0.6),
    at=st.floats(0, 1),
)
def test_below_the_range_only_as_a_gap_between_two_neighbours(
    strengths, max_units, low, width, at
) -> None:
    """The default reduction never lands below the range unless the next givable amount is above
    it (a rounding gap, both neighbours shown); out of reach is said as such (no dose)."""
    high = low * (1 + width)
    target = low + (high - low) * at
    grid = Grid(strengths, max_units)
    choice = choose_amount(target, low, high, grid, tolerance=0.05)
    most = max(strengths) * max_units
    if choice.position != "below_range":
        assert not choice.out_of_reach
        return
    if choice.out_of_reach:
        assert most < low * (1 - 1e-9), (choice, most)
        assert lowest_acceptable(low, high, grid) == low  # the check never excuses it
        return
    assert choice.above is not None and choice.above.total > high * (1 - 1e-9), choice
    assert choice.chosen.total < low * 0.95 or math.isclose(choice.chosen.total, 0.0)


def test_d8_a_rounding_gap_is_cautioned_by_the_plan_and_explained_by_the_check() -> None:
    """repro/D8-plan-vs-check-*.json: morphine ER 600 mg/day → rectal q4h needs 66.7 mg per
    dose; 60 mg (−10%) and 70 mg (+5%) are the neighbours. The plan gives 60 mg with both shown;
    the check says below and gives the rounding as the reason (docs/cli-rotate.md). Under
    jspm-2010, the set with a rectal morphine row: fpm-2021 has none, so it no longer covers the
    switch (pharmacist review 12, #4). The 600 mg/day is written 300 mg q12h: the repro's
    "100 mg q4h" of a modified-release form is refused as a base of a plan or a check since
    fuzz review 21, D1 (an interval the form is not given at)."""
    current = {
        "items": [
            {
                "drug": "morphine",
                "route": "oral",
                "form": "er",
                "dose": "300 mg",
                "frequency": "q12h",
            }
        ]
    }
    plan = planned(
        {
            "from": current,
            "to": {"drug": "morphine", "route": "rectal", "frequency": "q4h"},
            "table": "jspm-2010",
        }
    )
    assert plan["regimen"]["dose"] == {"value": 60.0, "unit": "mg"}, plan["regimen"]
    caution = next(w for w in plan["warnings"] if w["code"] == "rounding-below-range")
    assert "60 mg (an effective reduction of 10%) or 70 mg" in caution["message"], caution
    proposal = {k: v for k, v in plan["regimen"].items() if v is not None and k != "prn"}
    result = checked({"from": current, "proposed": {"items": [proposal]}, "table": "jspm-2010"})
    assert result["verdict"] == "below", result
    assert any("rounding policy explains" in r for r in result["reasons"]), result["reasons"]
