"""Pharmacist re-check 17b, M1: pregabalin 900 mg/day with no eGFR read WITHIN with only "may
exceed the maximum for reduced renal function": the labels' maximum is 600 mg/day even with
normal kidneys (their highest band, CrCl ≥ 60), so 900 is above the maximum whatever the renal
function. A total above every renal band's maximum, the open-ended top band included, is the
maximum-dose danger without an eGFR; a total that only the lower bands exceed still asks for the
renal function."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.loader import get_tables
from tests.clinical.helpers import run_json

TABLES = get_tables()
MORPHINE = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}


def _pregabalin(mg_per_day: int) -> dict[str, Any]:
    return {"drug": "pregabalin", "route": "oral", "dose": f"{mg_per_day / 2} mg",
            "frequency": "bid"}  # fmt: skip


def _codes(mg_per_day: int) -> dict[str, str]:
    result = calculate_mme({"items": [MORPHINE, _pregabalin(mg_per_day)], "table": "uk-palliative"},
                           tables=TABLES)  # fmt: skip
    return {w.code: w.severity for w in result.warnings}


@given(mg_per_day=st.integers(min_value=601, max_value=2000))
def test_above_the_top_band_is_the_maximum_danger_without_an_egfr(mg_per_day: int) -> None:
    assert _codes(mg_per_day).get("max-daily-dose") == "danger"


@given(mg_per_day=st.integers(min_value=76, max_value=600))
def test_within_the_top_band_still_asks_for_the_renal_function(mg_per_day: int) -> None:
    codes = _codes(mg_per_day)
    assert "max-daily-dose" not in codes and codes.get("renal-function-needed") == "caution"


@pytest.mark.parametrize("command", ["check", "rotate"])
def test_the_plan_and_the_check_say_it_too(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    switch = {"from": {"items": [MORPHINE, _pregabalin(900)]}, "table": "uk-palliative"}
    target = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}
    oxycodone = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg",
                 "frequency": "q12h"}  # fmt: skip
    extra = {"to": target} if command == "rotate" else {
        "proposed": {"items": [oxycodone, _pregabalin(900)]}}  # fmt: skip
    payload = run_json(command, {**switch, **extra}, tmp_path, capsys)
    assert any(
        w["code"] == "max-daily-dose" and w["severity"] == "danger" for w in payload["warnings"]
    ), payload["warnings"]
