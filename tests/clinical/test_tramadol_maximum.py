"""Tramadol above its cited maximum is warned (outside review, 2 December, clinician D13):
tramadol 600 mg/day gave no maximum-dose warning because the catalogue had no tramadol maximum.
It now cites the label's 400 mg/day (Ultram, US: "Do not administer ULTRAM at a dose exceeding
400 mg per day"), which the one maximum-dose rule applies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.clinical.helpers import codes, run_json, twice_daily_er


def _tramadol(mg_per_dose: float) -> dict[str, Any]:
    return twice_daily_er("tramadol", 2 * mg_per_dose)


def test_tramadol_above_its_cited_maximum_is_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    above = run_json("mme", {"items": [_tramadol(300)], "table": "uk-palliative"}, tmp_path, capsys)
    assert codes(above).get("max-daily-dose") == "danger"  # one severity (pharmacist review 17, L1)
    warning = next(w for w in above["warnings"] if w["code"] == "max-daily-dose")
    assert "400 mg/day" in warning["message"] and "Ultram" in (warning["source"] or "")
    at = run_json("mme", {"items": [_tramadol(200)], "table": "uk-palliative"}, tmp_path, capsys)
    assert "max-daily-dose" not in codes(at)
