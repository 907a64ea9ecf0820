"""Outside review, 2 December: the tramadol maximum (clinician D13) and the age default
(pharmacist finding 7).

- Tramadol 600 mg/day gave no maximum-dose warning: the catalogue had no tramadol maximum. It now
  cites the label's 400 mg/day (Ultram, US: "Do not administer ULTRAM at a dose exceeding 400 mg
  per day"), which the one maximum-dose rule applies.
- From age 65 the default reduction became 50% ("frail or elderly … Dannyb685 tool [CODE]") even
  with ``frail`` unset. clinical-sources §3(d) ties a larger reduction to frailty, not to an age
  (Lanarkshire "up to 30%" if toxic/frail): age alone no longer changes the default, and the frail
  default is 30% with that citation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.clinical.helpers import codes, morphine_oral, run_json, twice_daily_er


def _tramadol(mg_per_dose: float) -> dict[str, Any]:
    return twice_daily_er("tramadol", 2 * mg_per_dose)


def test_tramadol_above_its_cited_maximum_is_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    above = run_json("mme", {"items": [_tramadol(300)], "table": "uk-palliative"}, tmp_path, capsys)
    assert codes(above).get("max-daily-dose") == "caution"
    warning = next(w for w in above["warnings"] if w["code"] == "max-daily-dose")
    assert "400 mg/day" in warning["message"] and "Ultram" in (warning["source"] or "")
    at = run_json("mme", {"items": [_tramadol(200)], "table": "uk-palliative"}, tmp_path, capsys)
    assert "max-daily-dose" not in codes(at)


def _plan(patient: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    request = {
        "from": {"items": [morphine_oral(60)]},
        "to": {"drug": "oxycodone", "route": "oral", "form": "er", "frequency": "q12h"},
        "table": "uk-palliative",
        "patient": patient,
    }
    return run_json("rotate", request, tmp_path, capsys)


@pytest.mark.parametrize("age", [65, 70, 90])
def test_age_alone_does_not_change_the_default_reduction(
    age: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan({"age": age}, tmp_path, capsys)
    assert plan["reduction"] == pytest.approx(0.25)
    assert "Dannyb685" not in (plan["reduction_source"] or "")
    assert plan["reduction_range"] == [0.25, 0.5]


def test_a_frail_patient_gets_the_cited_30_percent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan({"age": 50, "frail": True}, tmp_path, capsys)
    assert plan["reduction"] == pytest.approx(0.3)
    assert "Lanarkshire" in plan["reduction_source"]
    assert "Dannyb685" not in plan["reduction_reason"]
