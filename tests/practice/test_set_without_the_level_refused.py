"""A set of written exercises asked for a level it has none of (fuzz review 20, D4).

``practice new --set published-cases --level 3`` printed nothing and exited 0 (the interactive
session said "Total: 0/0 over 0 exercise(s)"). Every set of written exercises (the published
cases, the teachers' sets, a set file) either gives exercises of the level asked, or is refused
naming the levels it has."""

from __future__ import annotations

from pathlib import Path

import pytest

from mps_pain.errors import InputError
from mps_pain.practice.exercise_sets import load_exercise_sets
from mps_pain.practice.service import CASES_SET, new_exercises
from mps_pain.tables.index import TableIndex
from mps_pain_cli.main import main

ONE_LEVEL_3 = """\
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


def _set_ids(tables: TableIndex) -> list[str]:
    return [CASES_SET, *(s.id for s in load_exercise_sets(tables))]


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_every_written_set_gives_the_level_or_names_its_levels(
    tables: TableIndex, level: int
) -> None:
    for set_id in _set_ids(tables):
        everything = new_exercises(set_id=set_id, tables=tables)
        levels = sorted({e.level for e in everything})
        if level in levels:
            chosen = new_exercises(set_id=set_id, level=level, tables=tables)
            assert chosen and all(e.level == level for e in chosen)
            continue
        with pytest.raises(InputError) as refused:
            new_exercises(set_id=set_id, level=level, tables=tables)
        said = str(refused.value)
        assert f"'{set_id}'" in said and f"level {level}" in said
        assert ", ".join(str(n) for n in levels) in said


def test_a_set_file_without_the_level_is_refused(tables: TableIndex, tmp_path: Path) -> None:
    path = tmp_path / "exam.yaml"
    path.write_text(ONE_LEVEL_3, encoding="utf-8")
    with pytest.raises(InputError, match=r"no level 1 exercise.*level 3"):
        new_exercises(set_id=str(path), level=1, tables=tables)


@pytest.mark.parametrize("command", [["new", "--json"], []])
def test_the_reviews_command_is_refused_in_one_line(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    level = ["--level", "3", "--set", CASES_SET]
    args = ["practice", *command[:1], *level, *command[1:]]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "published-cases" in err and "level 3" in err and "1, 2" in err
