"""Fuzz review 9, #3 and #5: the practice grader's input boundary, one rule per kind of answer.

- A bare number for the OME (``90`` or ``"90"``, number or text alike) is mg/day: the OME is an
  oral morphine amount per day by definition. The new drug's daily doses take no bare number
  (mg or mcg?), text or number alike.
- ``"90 mg"`` for a daily key is read by ``mme``'s daily-total rule (a bare mass is per day;
  ``tests/practice/test_answer_units.py`` holds the two to the same function).
- A refused unit for the OME lists only the units the OME then accepts (it listed mcg/h, mg/min…,
  refused for an oral daily total).
- A regimen dose that cannot be read names where it is (``answers.regimen.dose``).
- Units are case-sensitive, as everywhere at the unit boundary (``Mg`` is a megagram, ``mL`` a
  millilitre): ``"90 MG/DAY"`` is refused, naming the field.
- A flag echoes JSON words: ``null``, never Python's ``None``; a quoted ``"true"`` is named as
  text in quotes, so the message does not read as if ``true`` were wrong.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli_runner import run_cli

EXERCISE = "L3.oral-rotation.fpm-2021.1.0"  # tramadol oral (the fuzz review's exercise)
BASE = {
    "ome_per_day": "90 mg/day",
    "equianalgesic_daily_dose": "450 mg/day",
    "reduction": "25%",
    "target_daily_dose": "337.5 mg/day",
    "regimen": {"dose": "150 mg", "frequency": "q12h"},
    "breakthrough_dose": "50 mg",
    "warnings": [],
}


def _grade(tmp_path: Path, **changes: Any) -> tuple[int, dict[str, Any] | None, str]:
    answers = json.loads(json.dumps(BASE))
    for key, value in changes.items():
        if "__" in key:
            outer, inner = key.split("__")
            answers[outer][inner] = value
        else:
            answers[key] = value
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"exercise": EXERCISE, "answers": answers}), encoding="utf-8")
    run = run_cli("practice", "grade", "--json", str(path))
    report = json.loads(run.stdout) if run.returncode == 0 else None
    return run.returncode, report, run.stderr


def _ome(report: dict[str, Any] | None) -> Any:
    assert report is not None
    return report["results"]["ome_per_day"]


def test_a_bare_ome_is_mg_per_day_as_number_or_text(tmp_path: Path) -> None:
    code, report, err = _grade(tmp_path)
    assert code == 0, err
    for bare in (90, "90", " 90 ", 90.0):
        code, again, err = _grade(tmp_path, ome_per_day=bare)
        assert code == 0, (bare, err)
        assert _ome(again)["correct"] and _ome(again)["given"] == _ome(report)["given"]


def test_the_new_drugs_daily_dose_takes_no_bare_number_text_or_number(tmp_path: Path) -> None:
    for bare in (450, "450"):
        code, _report, err = _grade(tmp_path, equianalgesic_daily_dose=bare)
        assert code == 2 and "answers.equianalgesic_daily_dose" in err, (bare, err)
        assert "has no unit" in err


def test_a_refused_ome_unit_lists_only_units_then_accepted(tmp_path: Path) -> None:
    code, _report, err = _grade(tmp_path, ome_per_day="90 mg/week")
    assert code == 2 and "answers.ome_per_day" in err, err
    assert "/h" not in err and "/min" not in err, err  # per hour: refused for the OME
    for unit in ("mg/day", "mcg/day", "g/day", "mg"):
        assert unit in err, (unit, err)
        code, _report, again = _grade(tmp_path, ome_per_day=f"90 {unit}")
        assert code == 0, (unit, again)


def test_an_unreadable_regimen_dose_names_its_place(tmp_path: Path) -> None:
    code, _report, err = _grade(tmp_path, regimen__dose="15 mL")
    assert code == 2, err
    assert "answers.regimen.dose" in err, err


def test_units_are_case_sensitive_and_the_refusal_names_the_field(tmp_path: Path) -> None:
    code, _report, err = _grade(tmp_path, ome_per_day="90 MG/DAY")
    assert code == 2 and "answers.ome_per_day" in err, err


def test_flags_are_echoed_in_json_words(tmp_path: Path) -> None:
    item = {"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h", "prn": None}
    path = tmp_path / "mme.json"
    path.write_text(json.dumps({"table": "cdc-2022", "items": [item]}), encoding="utf-8")
    run = run_cli("mme", str(path))
    assert run.returncode == 2 and "null" in run.stderr and "None" not in run.stderr, run.stderr
    rotate = {
        "table": "uk-palliative",
        "from": {"items": [{k: v for k, v in item.items() if k != "prn"}]},
        "to": {"drug": "oxycodone", "route": "oral"},
        "pain_controlled": "true ",
    }
    path.write_text(json.dumps(rotate), encoding="utf-8")
    run = run_cli("rotate", str(path))
    assert run.returncode == 2 and "pain_controlled" in run.stderr, run.stderr
    assert 'the text "true' in run.stderr, run.stderr  # text in quotes, not the word true
