"""Pharmacist review 6, R2 (e05, Takamatsu case 2): with no strengths of the plan's own market (AU
under fpm-2021), the one market used is the listed market whose strengths come closest to the
reduced target without exceeding it — not the one listing the most strengths. Hydromorphone
1.5 mg q4h became 1 mg (JP tablets, 50% effective reduction for uncontrolled pain); UK 1.3 mg
capsules keep it within the sourced range at a 35% effective reduction. Still one market per dose,
and the plan names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.clinical.helpers import run_json


@pytest.mark.parametrize(
    ("ox_mg_day", "best", "market"),
    [(40, 1.3, "UK"), (80, 3.0, "JP")],
)
def test_fallback_market_rounds_closest_to_the_target(
    ox_mg_day: float, best: float, market: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = run_json(
        "rotate",
        {
            "from": {
                "items": [
                    {
                        "drug": "oxycodone",
                        "route": "oral",
                        "form": "er",
                        "daily_dose": f"{ox_mg_day} mg/day",
                    }
                ]
            },
            "to": {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
            "table": "fpm-2021",
        },
        tmp_path,
        capsys,
    )
    assert plan["rounded_daily_dose"]["value"] == pytest.approx(best * 6)
    assert any(f"one market, {market}" in s and "closest" in s for s in plan["steps"]), plan[
        "steps"
    ]
