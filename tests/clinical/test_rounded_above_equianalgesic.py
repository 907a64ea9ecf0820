"""Outside fuzz review 4, D1/D2: a plan rounded ABOVE its own (unreduced) equianalgesic dose — a
negative effective reduction — was reported only as an info "effective reduction of -50%".
Rounding up past the calculated dose is a caution in words, for every renderer (they all read the
plan's warnings through the same view record)."""

from __future__ import annotations

from typing import Any

from tests.clinical.helpers import run_json


def _warning(plan: dict[str, Any]) -> dict[str, Any]:
    return next(w for w in plan["warnings"] if w["code"] == "rounding-within-range")


def _oral(drug: str, mg_per_day: float, tmp_path, capsys) -> dict[str, Any]:
    document = {
        "from": {"items": [{"drug": drug, "route": "sc", "daily_dose": f"{mg_per_day} mg/day"}]},
        "to": {"drug": drug, "route": "oral", "form": "IR", "frequency": "q4h"},
        "table": "uk-palliative",
    }
    return run_json("rotate", document, tmp_path, capsys)


def test_rounding_up_past_the_equianalgesic_dose_measures_the_solution(tmp_path, capsys) -> None:
    """uk-palliative: morphine SC 20 mg/day → 40 mg/day oral = 6.667 mg q4h was given as the
    10 mg tablet (60 mg/day, +50%); the oral solution is measured instead: 7 mg (1 mg steps,
    the nearest within the range), 42 mg/day, still said as 5% above with a caution."""
    plan = _oral("morphine", 20, tmp_path, capsys)
    assert plan["regimen"]["form"] == "oral_solution"
    assert plan["regimen"]["dose"] == {"value": 7.0, "unit": "mg"}
    warning = _warning(plan)
    assert warning["severity"] == "caution"
    assert "5% above the calculated equianalgesic dose" in warning["message"]
    assert "consider measuring one step less" in warning["message"]


def test_oxycodone_rounded_up_past_the_equianalgesic_dose_is_measured(tmp_path, capsys) -> None:
    """oxycodone SC 16 mg/day → 21.33 mg/day oral = 3.556 mg q4h was given as 5 mg (+40.6%),
    while 14 mg/day was measured as solution: 16 mg/day is measured too (3.5 mg, just short)."""
    plan = _oral("oxycodone", 16, tmp_path, capsys)
    assert plan["regimen"]["form"] == "oral_solution"
    assert plan["regimen"]["dose"] == {"value": 3.5, "unit": "mg"}
    assert not any("above the calculated" in w["message"] for w in plan["warnings"])


def test_a_patch_rounded_above_the_equianalgesic_dose_is_a_caution(tmp_path, capsys) -> None:
    """fpm-2021: fentanyl IV 0.65 mg/day → 27.08 mcg/h; the 37.5 mcg/h patch is 38.5% above."""
    document = {
        "from": {"items": [{"drug": "fentanyl", "route": "iv", "daily_dose": "0.65 mg/day"}]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "fpm-2021",
    }
    plan = run_json("rotate", document, tmp_path, capsys)
    assert plan["regimen"]["rate"]["value"] == 37.5
    warning = _warning(plan)
    assert warning["severity"] == "caution"
    assert "38.5% above the calculated equianalgesic dose" in warning["message"]
    assert "consider the lower strength" in warning["message"]
    assert "oral solution" not in warning["message"]


def test_a_dose_not_above_the_equianalgesic_dose_stays_info(tmp_path, capsys) -> None:
    """Rounding up within the range but below the equianalgesic dose is no caution: fentanyl
    50 mcg/h → oxycodone ER q12h, 30 mg q12h is a cut from 80 mg/day (defect class 6)."""
    document = {
        "from": {"items": [{"drug": "fentanyl", "route": "transdermal", "rate": "50 mcg/h"}]},
        "to": {"drug": "oxycodone", "route": "oral", "form": "er", "frequency": "q12h"},
        "table": "uk-palliative",
    }
    plan = run_json("rotate", document, tmp_path, capsys)
    assert _warning(plan)["severity"] == "info"
    assert "above the calculated equianalgesic dose" not in _warning(plan)["message"]
