"""Review of issue #3, defect 4: per-dose combinations of tablets (40 mg + 5 mg)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mps_pain.domain.rotation.rounding import combination
from mps_pain.tables.loader import get_tables

REPO = Path(__file__).resolve().parents[2]
PATCH = {"drug": "fentanyl", "route": "transdermal"}


def _run(command: str, document: dict[str, Any], *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mps_pain_cli", command, "-", *flags],
        input=json.dumps(document),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def _json(command: str, document: dict[str, Any]) -> dict[str, Any]:
    done = _run(command, document, "--json")
    assert done.returncode == 0, done.stderr
    payload: dict[str, Any] = json.loads(done.stdout)
    return payload


def _to_patch(item: dict[str, Any]) -> list[dict[str, str]]:
    payload = _json("rotate", {"from": {"items": [item]}, "to": PATCH, "table": "uk-palliative"})
    assert payload["regimen"]["patches"], payload["regimen"]
    schedule: list[dict[str, str]] = payload["schedule"]
    return schedule


# --- 4. per-dose combinations of tablets ------------------------------------------------------


def test_iv_oxycodone_to_oral_er_q12h_gives_40_plus_5_mg_not_40() -> None:
    document = {
        "from": {"items": [{"drug": "oxycodone", "route": "iv", "rate": "2 mg/h"}]},
        "to": {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
        "table": "fpm-2021",
    }
    payload = _json("rotate", document)
    regimen = payload["regimen"]
    assert payload["target_daily_dose"]["value"] == 96  # 48 mg per dose
    assert regimen["dose"] == {"value": 45.0, "unit": "mg"}
    assert [u["value"] for u in regimen["dose_units"]] == [40, 5]
    assert payload["rounding_loss_percent"] == pytest.approx(6.25)
    text = _run("rotate", document).stdout
    assert "40 mg + 5 mg" in text


@pytest.mark.parametrize(
    ("target", "max_units", "total", "units"),
    [
        (48, 2, 45, (40, 5)),
        (48, 1, 40, (40,)),
        (95, 2, 95, (80, 15)),
        (99, 2, 95, (80, 15)),  # 80 + 15 + 4 is impossible; 3 units reach no more
        (54, 1, 40, (40,)),
        (250, 2, 240, (120, 120)),
    ],
)
def test_a_combination_has_at_most_max_units(target, max_units, total, units) -> None:
    strengths = (5, 10, 15, 20, 30, 40, 60, 80, 120)
    rounded = combination(target, strengths, max_units)
    assert rounded.total == total and rounded.units == units
    assert len(rounded.units) <= max_units and rounded.total <= target


def test_the_unit_limit_is_a_cited_table_row() -> None:
    rounding = get_tables().tables.rotation.rounding  # type: ignore[union-attr]
    assert rounding.max_units_per_dose == 2
    assert rounding.source == "mps-pain-rotation-policy" and "derived" in rounding.locator.lower()
