"""Outside fuzz review 4, D1/D2: a plan rounded ABOVE its own (unreduced) equianalgesic dose — a
negative effective reduction — was reported only as an info "effective reduction of -50%".
Rounding up past the calculated dose is a caution in words, for every renderer (they all read the
plan's warnings through the same view record)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.clinical.helpers import run_json


def _warning(plan: dict[str, Any]) -> dict[str, Any]:
    return next(w for w in plan["warnings"] if w["code"] == "rounding-within-range")


@pytest.mark.parametrize(
    ("drug", "mg_per_day", "percent_above"),
    [("morphine", 20, "50%"), ("oxycodone", 16, "40.6%")],
)
def test_rounding_up_past_the_equianalgesic_dose_is_a_caution(
    drug: str, mg_per_day: float, percent_above: str, tmp_path, capsys
) -> None:
    """uk-palliative: morphine SC 20 mg/day → 40 mg/day oral = 6.667 mg q4h, given as 10 mg
    (60 mg/day, +50%); oxycodone SC 16 → 3.556 mg → 5 mg (+40.6%)."""
    document = {
        "from": {"items": [{"drug": drug, "route": "sc", "daily_dose": f"{mg_per_day} mg/day"}]},
        "to": {"drug": drug, "route": "oral", "form": "IR", "frequency": "q4h"},
        "table": "uk-palliative",
    }
    plan = run_json("rotate", document, tmp_path, capsys)
    warning = _warning(plan)
    assert warning["severity"] == "caution"
    assert f"{percent_above} above the calculated equianalgesic dose" in warning["message"]
    assert "consider the lower strength or the oral solution" in warning["message"]


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
