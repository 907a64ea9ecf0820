"""Fuzz review 12, #4: a practice refusal echoes the unit as typed and gives the per-hour hint
only where it is true; the bare-number rule of the daily keys says itself.

- ``"27.5 mg/day/day"`` was echoed ``'mg/day··2'`` and ``"450 mg/kg/day"`` ``'mg/day/kg'``:
  the unit is echoed as written (``ParsedQuantity.written``), as ``mme`` echoes it too;
- "(a rate per hour is a patch or infusion rate)" followed a refusal for an SC infusion target
  whose own list holds mg/h, and a unit per week: it is given only for a per-hour or per-minute
  unit where the key lists none (``unit_kinds.per_hour_hint``, the one rule ``mme`` reads too);
- ``ome_per_day: "55"`` is read (mg/day by definition) while ``target_daily_dose: "337.5"`` is
  refused: the rule (docs/practice.md) stands, and the refusal now says it.
Through ``main(argv)`` in process with real files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.practice.catalogue import find_exercise
from mps_pain.practice.service import answer_for
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_cli

INFUSION = "L4.infusion.jspm-2010.2.0"  # SC infusion target: its daily keys list mg/h
ORAL = "L3.oral-rotation.fpm-2021.1.0"  # oral tramadol target


def _grade(tmp_path: Path, exercise: str, ask: str, value: Any) -> Any:
    tables = get_tables()
    answers = answer_for(find_exercise(tables, exercise), tables=tables).model_dump(
        mode="json", exclude_none=True
    )["answers"]
    path = tmp_path / "answer.json"
    path.write_text(
        json.dumps({"exercise": exercise, "answers": {**answers, ask: value}}), encoding="utf-8"
    )
    return run_cli("practice", "grade", "--json", str(path))


@pytest.mark.parametrize(
    ("exercise", "ask", "value", "echo"),
    [
        (INFUSION, "equianalgesic_daily_dose", "27.5 mg/day/day", "'mg/day/day'"),
        (ORAL, "equianalgesic_daily_dose", "450 mg/kg/day", "'mg/kg/day'"),
        (ORAL, "target_daily_dose", "450 mg/week", "'mg/week'"),
    ],
)
def test_a_refused_unit_is_echoed_as_typed(
    tmp_path: Path, exercise: str, ask: str, value: str, echo: str
) -> None:
    outcome = _grade(tmp_path, exercise, ask, value)
    assert outcome.returncode == 2, outcome.stdout
    assert f"answers.{ask}" in outcome.stderr and echo in outcome.stderr, outcome.stderr


@pytest.mark.parametrize(
    ("exercise", "value", "hint"),
    [
        (INFUSION, "27.5 mg/day/day", False),  # its list holds mg/h
        (ORAL, "450 mg/week", False),  # per week is no rate per hour
        (ORAL, "18.75 mg/h", True),  # an oral daily amount typed per hour
        (ORAL, "312.5 mcg/min", True),
    ],
)
def test_the_per_hour_hint_is_given_only_where_it_is_true(
    tmp_path: Path, exercise: str, value: str, hint: bool
) -> None:
    outcome = _grade(tmp_path, exercise, "equianalgesic_daily_dose", value)
    assert outcome.returncode == 2, outcome.stdout
    assert ("a rate per hour is a patch or infusion rate" in outcome.stderr) is hint, outcome.stderr


def test_mme_gives_the_same_hint_and_echo_by_the_same_rule(tmp_path: Path) -> None:
    """An oral daily total typed per hour: the hint holds there, and the unit is echoed as
    typed ('mg/hr', not the display 'mg/h')."""
    path = tmp_path / "regimen.json"
    item = {"drug": "morphine", "route": "oral", "daily_dose": "2.5 mg/hr"}
    path.write_text(json.dumps({"items": [item]}), encoding="utf-8")
    outcome = run_cli("mme", str(path))
    assert outcome.returncode == 2 and "'mg/hr'" in outcome.stderr, outcome.stderr
    assert "a rate per hour is a patch or infusion rate" in outcome.stderr, outcome.stderr


@pytest.mark.parametrize("ask", ["equianalgesic_daily_dose", "target_daily_dose"])
@pytest.mark.parametrize("value", ["337.5", 337.5])
def test_a_bare_amount_of_the_new_drug_is_refused_saying_the_rule(
    tmp_path: Path, ask: str, value: Any
) -> None:
    outcome = _grade(tmp_path, ORAL, ask, value)
    assert outcome.returncode == 2, outcome.stdout
    assert f"answers.{ask}" in outcome.stderr and "no unit" in outcome.stderr
    assert "only the OME" in outcome.stderr, outcome.stderr  # why "55" is read there


def test_a_bare_ome_is_read_as_mg_per_day(tmp_path: Path) -> None:
    outcome = _grade(tmp_path, ORAL, "ome_per_day", "55")
    assert outcome.returncode in (0, 1), outcome.stderr  # graded, right or wrong
    assert json.loads(outcome.stdout)["results"]["ome_per_day"]["given"] == "55 mg/day"


@pytest.mark.parametrize(
    "regimen",
    [
        {"rate": "0.8333 mg/h", "frequency": "q12h"},  # the review's: the frequency was ignored
        {"rate": "0.8333 mg/h", "dose": "20 mg"},
    ],
)
def test_a_regimen_answer_has_one_shape(tmp_path: Path, regimen: dict[str, str]) -> None:
    """Fuzz review 12, #4: a rate with a stray frequency was graded, the frequency ignored. A
    regimen answer is {dose, frequency} or {rate}, as an item of a regimen is."""
    outcome = _grade(tmp_path, INFUSION, "regimen", regimen)
    assert outcome.returncode == 2, outcome.stdout
    assert "answers.regimen" in outcome.stderr and "rate" in outcome.stderr, outcome.stderr


def test_mme_echoes_a_refused_unit_of_the_right_kind_as_typed(tmp_path: Path) -> None:
    """The same class in ``mme``'s field check: "'60 milligram/week': mg/week is not one of the
    units" named a unit nobody typed."""
    path = tmp_path / "regimen.json"
    item = {"drug": "morphine", "route": "oral", "daily_dose": "60 milligram/week"}
    path.write_text(json.dumps({"items": [item]}), encoding="utf-8")
    outcome = run_cli("mme", str(path))
    assert outcome.returncode == 2, outcome.stdout
    assert "milligram/week is not one of the units" in outcome.stderr, outcome.stderr
