"""Scenario tests from published conversion examples (each cites its source and locator).

The numbers come from /work/shared/reference/clinical-sources.md (§3(b), §3(d) and the addendum
of 2026-12-01); a same-drug route change uses the chosen set's own ratio where it has one, else the
end of the cited range giving the lower new dose.
"""

from __future__ import annotations

import pytest

from tests.clinical.helpers import morphine_oral, oxycodone_oral, run_json

PATCH = {"drug": "fentanyl", "route": "transdermal"}


@pytest.mark.parametrize(
    ("source", "current", "to", "table", "unit_value"),
    [
        (
            # the set's own route ratio (pharmacist review 3, #4): JSPM 2010's 4:3, not the JP
            # patch label's 2:1 (the other end of the cited range, accepted by the check below)
            "JSPM 2010 table: oral oxycodone 20 mg ≈ IV oxycodone 15 mg; JP oxycodone injection "
            "label: from oral oxycodone start at 0.75 × the oral daily dose (60 → 45 mg/day)",
            oxycodone_oral(60),
            {"drug": "oxycodone", "route": "iv", "continuous": True},
            "jspm-2010",
            ("target_daily_dose", 45),
        ),
        (
            "NHS Lanarkshire palliative guidelines: oral oxycodone 30 mg ≈ SC oxycodone 15 mg",
            oxycodone_oral(30),
            {"drug": "oxycodone", "route": "sc", "continuous": True},
            "uk-palliative",
            ("target_daily_dose", 15),
        ),
        (
            "Scottish Palliative Care Guidelines, conversion tables: oral morphine : SC "
            "diamorphine 3:1",
            morphine_oral(90),
            {"drug": "diamorphine", "route": "sc", "continuous": True},
            "uk-palliative",
            ("target_daily_dose", 30),
        ),
        (
            "GlobalRPh converter: IV ↔ transdermal fentanyl 1:1",
            {"drug": "fentanyl", "route": "iv", "rate": "25 mcg/h"},
            PATCH,
            "jspm-2010",
            ("rate", 25),
        ),
        (
            "NHS '090714' chart: oral morphine 135–224 mg/24 h ≈ fentanyl 50 mcg/h",
            morphine_oral(180),
            PATCH,
            "uk-palliative",
            ("rate", 50),
        ),
    ],
)
def test_published_conversion(source, current, to, table, unit_value, tmp_path, capsys) -> None:
    plan = run_json(
        "rotate", {"from": {"items": [current]}, "to": to, "table": table}, tmp_path, capsys
    )
    field, value = unit_value
    got = plan["regimen"]["rate"] if field == "rate" else plan["target_daily_dose"]
    assert got["value"] == pytest.approx(value), source


def test_canadian_card_patch_breakthrough(tmp_path, capsys) -> None:
    """Canadian opioid card (CPS 33rd ed.): a 50 mcg/h patch → oral morphine 20 mg breakthrough."""
    document = {"from": {"items": [morphine_oral(180)]}, "to": PATCH, "table": "uk-palliative"}
    plan = run_json("rotate", document, tmp_path, capsys)
    assert plan["regimen"]["rate"]["value"] == 50
    assert plan["breakthrough"]["drug"] == "morphine"
    assert plan["breakthrough"]["dose"] == {"value": 20.0, "unit": "mg"}


def test_jspm_rescue_of_an_infusion_is_the_one_hour_amount(tmp_path, capsys) -> None:
    """JSPM 2010 ch. 3 rec. 21: a continuous infusion's rescue is a bolus of the 1-hour amount,
    repeatable every 15–30 minutes (fentanyl: the 1/6 rule excludes it), rounded down by the
    injected step (clinician review 11 #5): 400 mcg/day = 16.67 mcg/h → a 16 mcg bolus."""
    document = {
        "from": {"items": [{"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}]},
        "to": {"drug": "fentanyl", "route": "iv", "continuous": True},
        "table": "jspm-2010",
    }
    plan = run_json("rotate", document, tmp_path, capsys)
    rate = plan["regimen"]["rate"]["value"]
    assert rate == pytest.approx(400 / 24)
    assert plan["breakthrough"]["dose"] == {"value": 16.0, "unit": "mcg"}


def test_the_jp_patch_labels_two_to_one_is_within_the_check(tmp_path, capsys) -> None:
    """JP 3-day fentanyl patch label (KEGG/JAPIC 00068021), conversion table: oral oxycodone
    60 mg/day ≈ oxycodone injection 30 mg/day. The other end of the cited 4:3–2:1 range: the plan
    under jspm-2010 uses JSPM's own 4:3, and the check accepts the whole cited range."""
    result = run_json(
        "check",
        {
            "from": {"items": [oxycodone_oral(60)]},
            "proposed": {"items": [{"drug": "oxycodone", "route": "iv", "rate": "1.25 mg/h"}]},
            "table": "jspm-2010",
        },
        tmp_path,
        capsys,
    )
    assert result["verdict"] == "within"
