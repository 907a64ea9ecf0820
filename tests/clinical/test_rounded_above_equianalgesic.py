"""Outside fuzz review 4, D1/D2, and fuzz review 5, D2: a plan rounded ABOVE its own (unreduced)
equianalgesic dose — a negative effective reduction — was first reported only as an info, then
as a caution (+50% morphine, +38.5% patch). The class is now closed at the rounding policy: no
rounding goes above the equianalgesic amount (``choose_amount``'s ceiling), so where nothing
that can be given lies between the range's low end and that amount, the plan gives the closest
lower amount and a caution with both options (``rounding-below-range``)."""

from __future__ import annotations

from typing import Any

from tests.clinical.helpers import run_json


def _warning(plan: dict[str, Any], code: str) -> dict[str, Any]:
    return next(w for w in plan["warnings"] if w["code"] == code)


def _oral(drug: str, mg_per_day: float, tmp_path, capsys) -> dict[str, Any]:
    document = {
        "from": {"items": [{"drug": drug, "route": "sc", "daily_dose": f"{mg_per_day} mg/day"}]},
        "to": {"drug": drug, "route": "oral", "form": "IR", "frequency": "q4h"},
        "table": "uk-palliative",
    }
    return run_json("rotate", document, tmp_path, capsys)


def test_morphine_sc_to_oral_is_measured_not_rounded_past_the_dose(tmp_path, capsys) -> None:
    """uk-palliative: morphine SC 20 mg/day → 40 mg/day oral = 6.667 mg q4h was given as the
    10 mg tablet (60 mg/day, +50%), then as 7 mg of oral solution (+5%); now the solution is
    measured to the step below, 6 mg (1 mg steps), with 7 mg shown as the other option."""
    plan = _oral("morphine", 20, tmp_path, capsys)
    assert plan["regimen"]["form"] == "oral_solution"
    assert plan["regimen"]["dose"] == {"value": 6.0, "unit": "mg"}
    caution = _warning(plan, "rounding-below-range")
    assert caution["severity"] == "caution"
    assert "6 mg (an effective reduction of 10%) or 7 mg" in caution["message"]
    assert "(0%)" in caution["message"] and "0–0%" not in caution["message"]
    assert not any("% above the calculated" in w["message"] for w in plan["warnings"])


def test_oxycodone_rounded_up_past_the_equianalgesic_dose_is_measured(tmp_path, capsys) -> None:
    """oxycodone SC 16 mg/day → 21.33 mg/day oral = 3.556 mg q4h was given as 5 mg (+40.6%),
    while 14 mg/day was measured as solution: 16 mg/day is measured too (3.5 mg, just short)."""
    plan = _oral("oxycodone", 16, tmp_path, capsys)
    assert plan["regimen"]["form"] == "oral_solution"
    assert plan["regimen"]["dose"] == {"value": 3.5, "unit": "mg"}
    assert not any("above the calculated" in w["message"] for w in plan["warnings"])


def test_a_dose_rounded_up_within_the_reduction_cites_its_rule(tmp_path, capsys) -> None:
    """Rounding up within the sourced reduction but below the equianalgesic dose is an info
    naming its rule with its source: fentanyl 50 mcg/h → oxycodone ER q12h, 30 mg q12h is a
    cut from 80 mg/day (defect class 6)."""
    document = {
        "from": {"items": [{"drug": "fentanyl", "route": "transdermal", "rate": "50 mcg/h"}]},
        "to": {"drug": "oxycodone", "route": "oral", "form": "er", "frequency": "q12h"},
        "table": "uk-palliative",
    }
    plan = run_json("rotate", document, tmp_path, capsys)
    warning = _warning(plan, "rounding-within-range")
    assert warning["severity"] == "info"
    assert "% above the calculated" not in warning["message"]
    assert "never above the calculated equianalgesic dose" in warning["message"]
    assert "closest LOWER patch size" in warning["source"]
