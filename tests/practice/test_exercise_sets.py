"""Teachers' YAML sets are validated strictly; every error names the file and the place."""

from __future__ import annotations

from pathlib import Path

import pytest

from mps_pain.errors import InputError
from mps_pain.practice.exercise_sets import load_exercise_set, load_exercise_sets
from mps_pain.tables.index import TableIndex

GOOD = """\
id: my-exam
title: Exam
exercises:
  - id: one
    level: 3
    topic: oral-rotation
    asks: [ome_per_day, target_daily_dose]
    switch:
      from: {items: [{drug: morphine, route: oral, form: er, dose: 30 mg, frequency: q12h}]}
      to: {drug: oxycodone, route: oral, form: er, frequency: q12h}
      table: uk-palliative
"""


def _load(tables: TableIndex, tmp_path: Path, text: str) -> object:
    path = tmp_path / "exam.yaml"
    path.write_text(text, encoding="utf-8")
    return load_exercise_set(tables, path)


def test_a_good_set_loads_with_a_prompt_written(tables: TableIndex, tmp_path: Path) -> None:
    loaded = _load(tables, tmp_path, GOOD)
    exercise = loaded.exercises[0]  # type: ignore[attr-defined]
    assert exercise.id == "set.my-exam.one"
    assert "Switch to oxycodone oral" in exercise.prompt


@pytest.mark.parametrize(
    ("change", "location", "message"),
    [
        (("level: 3", "level: 7"), "exam.yaml: exercises[0].level", "must be at most 5"),
        (("topic:", "topik:"), "exam.yaml: exercises[0].topic", "required key 'topic'"),
        (
            ("dose: 30 mg", "dose: 30 h"),
            "exam.yaml: exercises[0].switch.from.items[0].dose",
            "mass",
        ),
        (
            ("drug: oxycodone", "drug: oxycodon"),
            "exam.yaml: exercises[0].switch.to.drug",
            "oxycodon",
        ),
        (
            ("table: uk-palliative", "table: cdc-2022"),
            "exam.yaml: exercises[0].switch.table",
            "risk-MME",
        ),
        (
            ("asks: [ome_per_day, target_daily_dose]", "asks: [ome_per_day, ome_per_day]"),
            "exam.yaml: exercises[0].asks",
            "asked twice",
        ),
        (("id: my-exam", "id: uk-palliative"), "exam.yaml: id", "reference set"),
    ],
)
def test_errors_name_the_place(
    tables: TableIndex, tmp_path: Path, change: tuple[str, str], location: str, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        _load(tables, tmp_path, GOOD.replace(*change, 1))
    assert caught.value.location == location, caught.value
    assert message in caught.value.message


def test_mme_exercise_cannot_ask_a_switch_question(tables: TableIndex, tmp_path: Path) -> None:
    text = GOOD.split("    switch:")[0] + (
        "    regimen: {table: cdc-2022, items: "
        "[{drug: morphine, route: oral, daily_dose: 30 mg/day}]}\n"
    )
    with pytest.raises(InputError) as caught:
        _load(tables, tmp_path, text)
    assert caught.value.location == "exam.yaml: exercises[0].asks"


def test_the_curated_set_has_twenty_exercises_following_the_cases(tables: TableIndex) -> None:
    sets = {s.id: s for s in load_exercise_sets(tables)}
    curated = sets["case-reports"]
    assert len(curated.exercises) == 20
    sources = {e.source for e in curated.exercises}
    assert sources == {
        "Takamatsu 2018 case 1",
        "Takamatsu 2018 case 2",
        "Takamatsu 2018 case 3",
        "Kodama 2024 case 1",
        "Kodama 2024 case 2",
    }
    assert {e.level for e in curated.exercises} == {1, 2, 3, 4, 5}
