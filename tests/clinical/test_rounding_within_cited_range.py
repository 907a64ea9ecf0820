"""Pharmacist review 5 re-run, N1 (under-dosing regression): a same-drug route change rounded
below its own check range although a strength lay inside it, because rounding could never go
above the conservative end of a cited ratio range (the "equianalgesic point"). Oxycodone IV
24 mg/day → oral ER q12h (uk-palliative) was 15 mg q12h = 30 mg/day, check range 32–48, while
20 mg q12h = 40 mg/day lies inside it.

The rule now: rounding may choose an amount inside the cited range the check accepts, goes
below it only when nothing that can be given lies in it, and never above its top; a patch is
still never above the equianalgesic point (the cited "closest LOWER patch size"). And
uk-palliative uses its own cited oral:SC oxycodone 2:1 (Lanarkshire; GG&C/Ayrshire "divide by
2") both ways, so a round trip SC → oral → SC keeps the dose (it lost 33% through 1.33:1).
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.domain.as_printed import not_above_as_printed
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.route_ratios import conversion
from mps_pain.tables.loader import get_tables
from tests.clinical.helpers import run_json

# (case, current line, target, set) → (dose mg, frequency, form), from the review's repro files
CASES: list[tuple[str, dict[str, Any], dict[str, Any], str, tuple[float, str, str]]] = [
    (
        "a11",
        {"drug": "oxycodone", "route": "iv", "rate": "1 mg/h"},
        {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
        "uk-palliative",
        (20.0, "q12h", "er"),
    ),
    (
        "d01",
        {"drug": "oxycodone", "route": "iv", "rate": "2 mg/h"},
        {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
        "uk-palliative",
        (35.0, "q12h", "er"),
    ),
    (
        "d05",
        {"drug": "oxycodone", "route": "iv", "rate": "4 mg/h"},
        {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
        "jspm-2010",
        (65.0, "q12h", "er"),
    ),
    (
        "a12",
        {"drug": "oxycodone", "route": "sc", "daily_dose": "20 mg/day"},
        {"drug": "oxycodone", "route": "oral", "form": "IR", "frequency": "q4h"},
        "uk-palliative",
        (5.0, "q4h", "ir"),
    ),
]


def _check_own(plan: dict[str, Any], line: dict[str, Any], table: str, tmp_path, capsys) -> Any:
    proposal = {k: v for k, v in plan["regimen"].items() if v is not None}
    document = {"from": {"items": [line]}, "proposed": {"items": [proposal]}, "table": table}
    return run_json("check", document, tmp_path, capsys)


@pytest.mark.parametrize(("case", "line", "to", "table", "expected"), CASES)
def test_a_route_change_rounds_inside_its_own_check_range(
    case, line, to, table, expected, tmp_path, capsys
) -> None:
    document = {"from": {"items": [line]}, "to": to, "table": table}
    plan = run_json("rotate", document, tmp_path, capsys)
    dose, frequency, form = expected
    assert plan["regimen"]["dose"] == {"value": dose, "unit": "mg"}, case
    assert (plan["regimen"]["frequency"], plan["regimen"]["form"]) == (frequency, form), case
    assert not any(w["code"] == "rounding-below-range" for w in plan["warnings"]), case
    result = _check_own(plan, line, table, tmp_path, capsys)
    assert result["verdict"] == "within", (case, result["reasons"])
    # never above the top of the cited range
    rounded = plan["rounded_daily_dose"]["value"]
    # as printed (session 20, ``as_printed``), the planner's one rule of "not above"
    assert not_above_as_printed(rounded, plan["equianalgesic_daily_dose"]["high"]), case


def test_above_the_conservative_end_is_said_with_its_rule(tmp_path, capsys) -> None:
    """a11: 40 mg/day is 25% above the 1.33:1 end the plan starts from, inside the cited range:
    an info citing the rounding rule, never a negative reduction."""
    line, to = CASES[0][1], CASES[0][2]
    plan = run_json(
        "rotate", {"from": {"items": [line]}, "to": to, "table": "uk-palliative"}, tmp_path, capsys
    )
    info = next(w for w in plan["warnings"] if w["code"] == "rounding-within-range")
    assert info["severity"] == "info" and info["source"]
    assert "25% above the equianalgesic dose" in info["message"]
    assert "reduction of -" not in " ".join(w["message"] for w in plan["warnings"])
    assert "-25" not in " ".join(plan["steps"])


def _oxycodone(route: str, mg_per_day: float, to: dict[str, Any], tmp_path, capsys) -> Any:
    line: dict[str, Any] = {"drug": "oxycodone", "route": route}
    if route == "oral":
        line |= {"form": "ir", "dose": f"{mg_per_day / 6} mg", "frequency": "q4h"}
    else:
        line["daily_dose"] = f"{mg_per_day} mg/day"
    document = {"from": {"items": [line]}, "to": to, "table": "uk-palliative"}
    return run_json("rotate", document, tmp_path, capsys)


def test_uk_oxycodone_oral_sc_round_trip_keeps_the_dose(tmp_path, capsys) -> None:
    """Oral 60 mg/day → SC 30 mg/day (2:1), and SC 30 mg/day → oral 60 mg/day (2:1 again):
    the set's own cited ratio both ways (it was 2:1 one way and 1.33:1 back: 40 mg/day)."""
    sc = {"drug": "oxycodone", "route": "sc", "continuous": True}
    there = _oxycodone("oral", 60, sc, tmp_path, capsys)
    assert there["target_daily_dose"]["value"] == pytest.approx(30)
    oral = {"drug": "oxycodone", "route": "oral", "form": "ir", "frequency": "q4h"}
    back = _oxycodone("sc", 30, oral, tmp_path, capsys)
    assert back["target_daily_dose"]["value"] == pytest.approx(60)
    assert "Lanarkshire" in back["switch"] or any("Lanarkshire" in s for s in back["steps"])


def test_a_set_s_own_point_ratio_is_the_same_both_ways() -> None:
    """Every set's own point ratio of a route pair gives the same ratio A → B as B → A
    (inverted): a round trip under one set neither gains nor loses."""
    rules = rotation_rules(get_tables())
    for row in rules.route_ratios:
        for own in row.set_ratios:
            low, high = own.ends
            if low != high:
                continue
            for start_route in row.from_.routes:
                for end_route in row.to.routes:
                    if own.routes and end_route not in own.routes:
                        continue
                    there = conversion(
                        rules, (row.from_.drug, start_route), (row.to.drug, end_route)
                    )
                    back = conversion(
                        rules, (row.to.drug, end_route), (row.from_.drug, start_route)
                    )
                    assert there is not None and back is not None
                    product = there.used(own.set) * back.used(own.set)
                    assert product == pytest.approx(1.0), (row.id, own.set, end_route)
