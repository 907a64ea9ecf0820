"""Per-dose combinations of tablets, e.g. 40 mg + 5 mg (issue #3, defect 4)."""

from __future__ import annotations

import pytest

from mps_pain.domain.rotation.rounding import combination
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_document
from tests.rotation.plans import planned

# --- 4. per-dose combinations of tablets ------------------------------------------------------


def test_iv_morphine_to_oral_oxycodone_er_q12h_gives_40_plus_5_mg_not_40() -> None:
    # issue #8 class 2: IV → oral oxycodone now follows the cited route ratio (64 mg/day), so the
    # 48 mg dose of this review case comes from a different-opioid switch: IV morphine 64 mg/day
    # × 3 = 192 OME ÷ 1.5 = 128 mg oxycodone × 0.75 = 96 mg/day = 48 mg per dose.
    document = {
        "from": {"items": [{"drug": "morphine", "route": "iv", "rate": "64 mg/day"}]},
        "to": {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
        "table": "fpm-2021",
    }
    payload = planned(document)
    regimen = payload["regimen"]
    assert payload["target_daily_dose"]["value"] == 96  # 48 mg per dose
    assert regimen["dose"] == {"value": 45.0, "unit": "mg"}
    assert [u["value"] for u in payload["regimen_detail"]["dose_units"]] == [40, 5]
    assert payload["rounding_loss_percent"] == pytest.approx(6.25)
    text = run_document("rotate", document).stdout
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
    assert rounding.max_units_per_dose == 4  # outside review, 2 December: 4 × 40 mg q12h
    cited = rounding.citation
    assert cited.source == "mps-pain-rotation-policy" and "derived" in cited.locator.lower()
