"""Morley-Makin's as-needed-only methadone regime passes its own check (pharmacist review 3, #6).

md02 (morphine 120 mg/day → Morley-Makin: methadone 10 mg as needed) and md06 (400 mg/day → the
30 mg cap) were produced by ``rotate`` and refused by ``check`` as invalid input (``missing
doses_per_day``). The method gives no maximum number of doses a day (its later steps, a minimum
interval and the day-6 fixed regimen, were not found: clinical-sources §3(c)), so the plan's
regimen states ``doses_per_day: 'not reported'`` and the check measures what can be measured,
the dose per as-needed administration against the method's own dose, saying the daily total is
not measured. ``mme`` cannot total it: it says the doses taken are needed, naming the row.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain_cli.main import main
from tests.clinical.helpers import morphine_oral, run_json

MM = {
    "to": {"drug": "methadone", "route": "oral"},
    "table": "uk-palliative",
    "methadone_method": "morley-makin",
}


def _plan(mg_per_day: float, tmp_path, capsys) -> tuple[dict[str, Any], dict[str, Any]]:
    current = {"items": [morphine_oral(mg_per_day)]}
    plan = run_json("rotate", {"from": current, **MM}, tmp_path, capsys)
    return current, {k: v for k, v in plan["regimen"].items() if v is not None}


@pytest.mark.parametrize(("ome", "highest"), [(120, 12), (400, 30)])
def test_the_plans_own_regimen_is_within_its_check(ome, highest, tmp_path, capsys) -> None:
    """1/10 of the OME per as-needed dose, at most 30 mg (md02: 12 mg; md06: the cap)."""
    current, regimen = _plan(ome, tmp_path, capsys)
    assert regimen["prn"] is True and regimen["doses_per_day"] == "not reported"
    assert 0 < regimen["dose"]["value"] <= highest and regimen["dose"]["unit"] == "mg"
    result = run_json(
        "check",
        {"from": current, "proposed": {"items": [regimen]}, "table": "uk-palliative"},
        tmp_path,
        capsys,
    )
    assert result["verdict"] == "within"
    assert result["unit"] == "mg methadone per as-needed dose"
    assert any("daily total is not measured" in r for r in result["reasons"])


def test_a_larger_as_needed_dose_is_above(tmp_path, capsys) -> None:
    """120 mg/day OME: 1/10 = 12 mg per dose; 20 mg as needed is above (danger)."""
    current, regimen = _plan(120, tmp_path, capsys)
    regimen["dose"] = "20 mg"
    result = run_json(
        "check",
        {"from": current, "proposed": {"items": [regimen]}, "table": "uk-palliative"},
        tmp_path,
        capsys,
    )
    assert result["verdict"] == "above"
    assert result["expected_high"] == 12


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


def test_mme_of_the_plans_regimen_says_the_doses_taken_are_needed(tmp_path, capsys) -> None:
    _, regimen = _plan(120, tmp_path, capsys)
    err = _refused({"items": [regimen], "table": "cdc-2022"}, tmp_path, capsys, "mme")
    assert "items[0].doses_per_day" in err and "not reported" in err
