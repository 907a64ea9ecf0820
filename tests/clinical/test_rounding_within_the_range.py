"""Outside palliative-pharmacist review, 2 December 2026: rounding and the check (defects 2, 3).

The rounding policy is one function (``rounding_policy.choose_amount``) for the planner, the
check and the spread. Each case is the reviewer's reproducer (docs/clinical-review.md, "Outside
review, 2 December").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mps_pain.domain.rotation.rounding_policy import Grid, choose_amount
from tests.clinical.helpers import codes, run_json

PATCH_25 = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"}
MORPHINE_IR_Q4H = {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"}
OXY_ER_Q12H = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}
PALLIATIVE = {"cancer_or_palliative": True, "age": 65, "opioid_tolerant": True}
MORPHINE_60 = {
    "items": [{"drug": "morphine", "route": "oral", "form": "ER", "daily_dose": "60 mg/day"}]
}


def _daily(plan: dict[str, Any]) -> float:
    value: float = plan["regimen_detail"]["daily_dose"]["value"]
    return value


def test_a_stated_reduction_is_honoured_not_rounded_back_to_no_reduction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """R2: patch 25 → oral morphine q4h, 'reduction: 50%' gave 10 mg q4h = 60 mg/day (0%)."""
    plan = run_json(
        "rotate",
        {
            "from": {"items": [PATCH_25]},
            "to": MORPHINE_IR_Q4H,
            "table": "uk-palliative",
            "reduction": "50%",
            "patient": {"age": 50, "cancer_or_palliative": True},
        },
        tmp_path,
        capsys,
    )
    assert _daily(plan) <= 30.0  # never above the stated target
    assert _daily(plan) >= 30.0 * 0.95
    assert plan["regimen"]["form"] == "oral_solution"  # measured: the tablets cannot give 5 mg
    assert codes(plan).get("reduction-outside-sourced-range") == "caution"


def test_a_stated_reduction_that_cannot_be_given_exactly_is_said_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """X12: morphine 60 → oxycodone ER, 'reduction: 30%' gave 20 mg/day (50%) with no word."""
    plan = run_json(
        "rotate",
        {
            "from": MORPHINE_60,
            "to": OXY_ER_Q12H,
            "table": "uk-palliative",
            "reduction": "30%",
            "patient": PALLIATIVE,
        },
        tmp_path,
        capsys,
    )
    assert _daily(plan) <= 28.0
    assert codes(plan).get("rounding-below-stated") == "caution"
    message = next(w["message"] for w in plan["warnings"] if w["code"] == "rounding-below-stated")
    assert "50%" in message and "15 mg" in message  # both options, with their reductions


def test_just_short_of_the_range_beats_rounding_up_by_45_percent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """47: methadone 30 mg/day → morphine q4h: 123.8 mg/day target gave 30 mg q4h (180/day).

    The reviewer's patient (age 65) then got the 50% age default; age alone no longer changes the
    default (fix-check, pharmacist finding 7), so the patient is marked frail (cited 30%), which
    again leaves 20 mg just short of the range against rounding up. A switch away from methadone
    now gives no dose (pharmacist review 5, D2), so the same 247.5 mg/day OME comes from oxycodone
    ER 82.5 mg q12h (× 1.5): the same range (20.62–30.94 mg per dose), the same rounding rule.
    """
    plan = run_json(
        "rotate",
        {
            "from": {"items": [{**OXY_ER_Q12H, "dose": "82.5 mg"}]},
            "to": MORPHINE_IR_Q4H,
            "table": "uk-palliative",
            "patient": {**PALLIATIVE, "frail": True},
        },
        tmp_path,
        capsys,
    )
    assert plan["regimen"]["dose"]["value"] == 20.0
    assert codes(plan).get("rounding-just-short") == "info"


def test_combinations_reach_a_givable_dose_within_the_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """X17: IV oxycodone 240 mg/day → oral ER under jspm-2010: target 320 mg/day, 4 × 40 mg
    q12h exists, but the plan gave 80 mg q12h (160/day) saying nothing lay within."""
    plan = run_json(
        "rotate",
        {
            "from": {
                "items": [
                    {
                        "drug": "oxycodone",
                        "route": "iv",
                        "form": "injection",
                        "rate": "1 mL/h",
                        "concentration": "10 mg/mL",
                    }
                ]
            },
            "to": OXY_ER_Q12H,
            "table": "jspm-2010",
            "patient": {"cancer_or_palliative": True, "age": 50},
        },
        tmp_path,
        capsys,
    )
    assert _daily(plan) == 320.0
    assert "rounding-below-range" not in codes(plan)


def test_the_check_judges_against_the_sourced_range_not_the_planners_rounding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """X17 check: 80 mg q12h (160 mg/day) against 320–480 was called WITHIN."""
    result = run_json(
        "check",
        {
            "from": {
                "items": [
                    {
                        "drug": "oxycodone",
                        "route": "iv",
                        "form": "injection",
                        "rate": "1 mL/h",
                        "concentration": "10 mg/mL",
                    }
                ]
            },
            "proposed": {
                "items": [
                    {
                        "drug": "oxycodone",
                        "route": "oral",
                        "form": "er",
                        "dose": "80 mg",
                        "frequency": "q12h",
                    }
                ]
            },
            "table": "jspm-2010",
            "patient": {"cancer_or_palliative": True, "age": 50},
        },
        tmp_path,
        capsys,
    )
    assert result["verdict"] == "below"


def test_a_rounding_below_the_range_is_below_in_the_check_and_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """X18: oral morphine 60 → rectal q8h (jspm-2010): 10 mg q8h = 30 vs 40 was WITHIN."""
    current = {
        "items": [{"drug": "morphine", "route": "oral", "form": "ER", "daily_dose": "60 mg/day"}]
    }
    plan = run_json(
        "rotate",
        {
            "from": current,
            "table": "jspm-2010",
            "patient": PALLIATIVE,
            "to": {
                "drug": "morphine",
                "route": "rectal",
                "form": "suppository",
                "frequency": "q8h",
            },
        },
        tmp_path,
        capsys,
    )
    assert codes(plan).get("rounding-below-range") == "caution"
    result = run_json(
        "check",
        {
            "from": current,
            "proposed": {"items": [plan["regimen"]]},
            "table": "jspm-2010",
            "patient": PALLIATIVE,
        },
        tmp_path,
        capsys,
    )
    assert result["verdict"] == "below"
    assert any("rounding policy explains" in r for r in result["reasons"])


def test_the_policy_never_rounds_above_a_stated_target() -> None:
    choice = choose_amount(5.0, 7.0, 10.0, Grid((10.0, 20.0, 50.0), 4), stated=True)
    assert choice.chosen.total == 0.0 and choice.position == "below_stated"
    assert choice.above is not None and choice.above.total == 10.0


def test_the_policy_takes_the_lowest_amount_within_the_range() -> None:
    """Rounding down leaves the range: the in-range amount nearest the target, not the top."""
    choice = choose_amount(12.0, 11.0, 40.0, Grid((10.0, 15.0, 30.0), 4))
    assert choice.position == "above_target" and choice.chosen.total == 15.0


def _methadone_plan(
    mg_per_day: float, method: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> dict[str, Any]:
    return run_json(
        "rotate",
        {
            "from": {
                "items": [
                    {
                        "drug": "morphine",
                        "route": "oral",
                        "form": "ER",
                        "daily_dose": f"{mg_per_day} mg/day",
                    }
                ]
            },
            "to": {"drug": "methadone", "route": "oral", "form": "tablet"},
            "table": "uk-palliative",
            "patient": PALLIATIVE,
            "methadone_method": method,
        },
        tmp_path,
        capsys,
    )


@pytest.mark.parametrize(
    ("mg_per_day", "method"),
    [(1000, "msd-quill"), (29, "msd-quill"), (90, "ccdhb"), (300, "ccdhb"), (100, "msd-quill")],
)
def test_methadone_is_rounded_to_measurable_amounts(
    mg_per_day: float, method: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """42/43: MSD and CCDHB gave 0.604, 1.04, 2.81, 4.16 mg q8h and breakthrough 0.18–1.2 mg.
    UK: 5 mg tablets, oral solution 1 mg/mL measured in 0.5 mL steps (data: rotation.rounding
    .oral_solution_step.ml) — every amount a multiple of 0.5 mg, or no number."""
    plan = _methadone_plan(mg_per_day, method, tmp_path, capsys)
    dose = plan["regimen"]["dose"]["value"]
    assert dose > 0 and (dose * 2) == int(dose * 2), dose
    breakthrough = plan["breakthrough"]["dose"]
    if breakthrough is not None:
        assert breakthrough["value"] * 2 == int(breakthrough["value"] * 2), breakthrough


def test_a_buprenorphine_patch_is_a_strength_that_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """30: oral morphine 60 → buprenorphine patch (uk-palliative) gave '12.5 mcg/h', which is
    not made (7-day 5/10/15/20), with the FENTANYL patch card's breakthrough."""
    plan = run_json(
        "rotate",
        {
            "from": MORPHINE_60,
            "to": {"drug": "buprenorphine", "route": "transdermal", "continuous": True},
            "table": "uk-palliative",
            "patient": PALLIATIVE,
        },
        tmp_path,
        capsys,
    )
    rate = plan["regimen"]["rate"]["value"]
    assert rate in (5, 10, 15, 20) or rate == sum(
        p["value"] for p in plan["regimen_detail"]["patches"]
    )
    assert all(p["value"] in (5, 10, 15, 20) for p in plan["regimen_detail"]["patches"])
    # no fentanyl rule applied to buprenorphine: the card's patch table (× 0.4) is not used; the
    # general 1/10–1/6 rule of the patch's OME is, with its caution (review 5b, D8)
    bt = plan["breakthrough"]
    assert bt["dose"] is not None and "× 0.4" not in bt["note"] and "1/6" in bt["note"]
    assert codes(plan).get("breakthrough-alternative") == "caution"
    assert "breakthrough-no-source" not in codes(plan)


def test_the_check_names_a_patch_strength_that_is_not_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_json(
        "check",
        {
            "from": MORPHINE_60,
            "proposed": {
                "items": [
                    {
                        "drug": "buprenorphine",
                        "route": "transdermal",
                        "form": "patch",
                        "rate": "12.5 mcg/h",
                    }
                ]
            },
            "table": "uk-palliative",
            "patient": PALLIATIVE,
        },
        tmp_path,
        capsys,
    )
    assert codes(result).get("proposal-not-a-marketed-strength") == "caution"


def test_a_route_ratio_at_its_conservative_end_says_how_far_below_the_other_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """26: patch 25 → IV fentanyl (jspm-2010) gave 16.6 mcg/h labelled only '0% same drug',
    33% below GlobalRPh's 1:1. The rule is the conservative end of the cited range; the plan
    now says how far below the other end it is."""
    plan = run_json(
        "rotate",
        {
            "from": {"items": [PATCH_25]},
            "to": {"drug": "fentanyl", "route": "iv", "continuous": True},
            "table": "jspm-2010",
            "patient": PALLIATIVE,
        },
        tmp_path,
        capsys,
    )
    step = next(s for s in plan["steps"] if s.startswith("2."))
    assert "33% below the other end of the cited range" in step
