"""Morley-Makin's as-needed-only methadone regime (pharmacist reviews 3, #6 and 5, D1).

Review 3: md02 (morphine 120 mg/day → Morley-Makin: methadone 12 mg as needed) was refused by
``check`` as invalid input (``missing doses_per_day``); the check was taught to measure the dose
per as-needed administration. Review 5 (D1): that made an open-ended as-needed methadone order
(no minimum interval, no maximum doses in 24 h: both NOT FOUND, clinical-sources §3(c)) WITHIN.
Now the planner prints no such order (no dose, a danger) and the check says such a proposal is
above, with the same danger, whatever its dose: its daily total is unbounded. ``mme`` cannot
total it either: it says the doses taken are needed, naming the row.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.services.rotation_service import plan_rotation
from mps_pain_cli.main import main
from tests.clinical.helpers import codes, morphine_oral, run_json

MM = {
    "to": {"drug": "methadone", "route": "oral"},
    "table": "uk-palliative",
    "methadone_method": "morley-makin",
}
# what the planner printed before review 5 (md02: 1/10 of 120 mg/day OME)
OPEN_ENDED = {
    "drug": "methadone",
    "route": "oral",
    "form": "oral_solution",
    "dose": {"value": 12.0, "unit": "mg"},
    "prn": True,
    "doses_per_day": "not reported",
}


@pytest.mark.parametrize(("ome", "highest"), [(120, 12), (400, 30)])
def test_the_plan_prints_no_open_ended_order(ome, highest, tmp_path, capsys) -> None:
    """1/10 of the OME per as-needed dose, at most 30 mg (md02: 12 mg; md06: the cap), shown
    beside the other methods as the method's arithmetic, but no order: no dose, a danger."""
    request = {"from": {"items": [morphine_oral(ome)]}, **MM}
    plan = run_json("rotate", request, tmp_path, capsys)
    assert plan["regimen"]["dose"] is None
    assert codes(plan)["methadone-prn-open-ended"] == "danger"
    # the plan's record keeps the arithmetic; its JSON shows no amount (fuzz review 9, #4)
    record = plan_rotation(request)
    row = next(o for o in record.methadone_options if o.method == "morley-makin")
    assert row.per_dose is not None and row.per_dose.value == highest
    shown = next(o for o in plan["methadone_options"] if o["method"] == "morley-makin")
    assert shown["per_dose"] is None


@pytest.mark.parametrize("dose", [6.0, 12.0])
def test_the_open_ended_order_is_never_within_its_check(dose, tmp_path, capsys) -> None:
    item = {**OPEN_ENDED, "dose": {"value": dose, "unit": "mg"}}
    result = run_json(
        "check",
        {
            "from": {"items": [morphine_oral(120)]},
            "proposed": {"items": [item]},
            "table": "uk-palliative",
        },
        tmp_path,
        capsys,
    )
    assert result["verdict"] == "above"
    assert codes(result)["methadone-prn-open-ended"] == "danger"
    assert result["unit"] == "mg methadone per as-needed dose"
    assert any("daily total is unbounded" in r for r in result["reasons"])


def test_a_larger_as_needed_dose_is_above(tmp_path, capsys) -> None:
    """120 mg/day OME: 1/10 = 12 mg per dose; 20 mg as needed is above its dose too."""
    regimen = {**OPEN_ENDED, "dose": "20 mg"}
    result = run_json(
        "check",
        {
            "from": {"items": [morphine_oral(120)]},
            "proposed": {"items": [regimen]},
            "table": "uk-palliative",
        },
        tmp_path,
        capsys,
    )
    assert result["verdict"] == "above"
    assert result["expected_high"] == 12
    assert any(
        w["code"] == "proposal-above" or "above the expected" in w["message"]
        for w in result["warnings"]
    )


def _refused(document: dict[str, Any], tmp_path: Path, capsys, command: str = "check") -> str:
    path = tmp_path / f"{command}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code = main([command, str(path)])
    err = capsys.readouterr().err
    assert code == 2, err
    return err


def test_another_as_needed_line_without_its_doses_is_still_refused_naming_the_field(
    tmp_path, capsys
) -> None:
    document = {
        "from": {"items": [morphine_oral(120)]},
        "proposed": {
            "items": [
                {
                    "drug": "oxycodone",
                    "route": "oral",
                    "dose": "5 mg",
                    "prn": True,
                    "doses_per_day": "not reported",
                }
            ]
        },
        "table": "uk-palliative",
    }
    err = _refused(document, tmp_path, capsys)
    assert "proposed.items[0].doses_per_day" in err and "Morley-Makin" in err


def test_mme_of_an_open_ended_order_says_the_doses_taken_are_needed(tmp_path, capsys) -> None:
    err = _refused({"items": [OPEN_ENDED], "table": "cdc-2022"}, tmp_path, capsys, "mme")
    assert "items[0].doses_per_day" in err and "not reported" in err
