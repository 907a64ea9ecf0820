"""Outside first-time-clinician review (2 December): a patch and an oral opioid switched together.

H1: oxycodone oral 60 mg/day + fentanyl patch 25 mcg/h → oral morphine ER q12h used to stop the
oxycodone with the patch at 0 h and start morphine at 17 h (17 h with only breakthrough cover),
and classed the whole switch "from a patch" (0–30%) although oxycodone alone gets 25–50%.
Each source now stops on its own terms (staged start) and the reduction is each component's own
range applied to its share of the OME (docs/rotation.md, "Mixed regimens").
M8: the rounding notes said "just short of the sourced reduction (0–30%)" for 33.3%.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.rotation.plans import checked, planned

OXY_AND_PATCH = {
    "items": [
        {"drug": "oxycodone", "route": "oral", "daily_dose": "60 mg/day"},
        {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
    ]
}
MORPHINE_ER = {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"}


def _plan(**extra: Any) -> dict[str, Any]:
    return planned({"from": OXY_AND_PATCH, "to": MORPHINE_ER, "table": "uk-palliative", **extra})


def test_the_oral_part_is_replaced_when_its_next_dose_is_due_not_after_the_patch() -> None:
    schedule = _plan()["schedule"]
    # oxycodone is 90 of the 150 OME: stopped only where regular morphine replaces it
    stops = [e for e in schedule if "oxycodone" in e["action"]]
    assert stops and all("give instead morphine oral ER" in e["action"] for e in stops), schedule
    starts = [
        e
        for e in schedule
        if "morphine oral ER" in e["action"] and "Breakthrough" not in e["action"]
    ]
    assert starts[0]["when"] == "0 h, when the next dose is due", schedule
    assert "Remove the patch" in starts[0]["action"]
    assert starts[-1]["when"] == "17 h", schedule  # the patch's share after the depot wanes
    first_mg = float(starts[0]["action"].split("morphine oral ER ")[1].split(" mg")[0])
    full_mg = _plan()["regimen"]["dose"]["value"]
    assert 0 < first_mg < full_mg


def test_the_reduction_is_each_components_range_applied_to_its_share() -> None:
    plan = _plan()
    # oxycodone 90 OME at 25–50% (default 25%), patch 60 OME at 0–30% (default 30%)
    assert plan["reduction_range"] == pytest.approx([0.15, 0.42])
    assert plan["reduction"] == pytest.approx(0.27)
    assert "oxycodone" in plan["reduction_reason"] and "patch" in plan["reduction_reason"]


def test_the_check_agrees_with_the_mixed_plan() -> None:
    plan = _plan()
    result = checked(
        {"from": OXY_AND_PATCH, "proposed": {"items": [plan["regimen"]]}, "table": "uk-palliative"}
    )
    assert result["verdict"] == "within", result["reasons"]
    assert (result["reduction_low"], result["reduction_high"]) == pytest.approx((0.15, 0.42))


def test_a_patch_alone_still_starts_at_17_h_with_its_own_range() -> None:
    plan = planned(
        {
            "from": {"items": [{"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}]},
            "to": MORPHINE_ER,
            "table": "uk-palliative",
        }
    )
    assert plan["reduction_range"] == pytest.approx([0.0, 0.3])
    assert [e["when"] for e in plan["schedule"]][:3] == [
        "0 h",
        "from 0 h",
        "17 h",
        # the breakthrough row from 0 h stands before later rows (clinician review 17 #3)
    ]


def test_rounding_notes_say_which_way_the_reduction_misses_its_range() -> None:
    # fentanyl 50 mcg/h = 120 OME × 0.7 = 84 mg/day → 42 mg q12h → 40 mg: 33.3% > 30%
    plan = planned(
        {
            "from": {"items": [{"drug": "fentanyl", "route": "transdermal", "rate": "50 mcg/h"}]},
            "to": MORPHINE_ER,
            "table": "uk-palliative",
        }
    )
    note = next(w["message"] for w in plan["warnings"] if w["code"] == "rounding-just-short")
    assert "short of the sourced reduction" not in note
    assert "above the sourced reduction (0–30%) by 3.33 percentage points" in note, note
    steps = " ".join(plan["steps"])
    assert "just short of the sourced range" not in steps


def test_to_methadone_the_oral_part_is_kept_until_methadone_starts() -> None:
    # the same gap class: the oral opioid used to stop with the patch at 0 h, methadone at 17 h
    plan = planned(
        {
            "from": OXY_AND_PATCH,
            "to": {"drug": "methadone", "route": "oral"},
            "table": "jspm-2010",
            "methadone_method": "jp-label",
        }
    )
    schedule = plan["schedule"]
    removal = next(e for e in schedule if "Remove the patch" in e["action"])
    assert removal["when"] == "0 h" and "stop the other opioids" not in removal["action"]
    assert "keep giving oxycodone" in removal["action"].lower(), schedule
    start = next(e for e in schedule if e["when"] == "17 h")
    assert "Stop oxycodone" in start["action"] and "methadone" in start["action"], schedule
