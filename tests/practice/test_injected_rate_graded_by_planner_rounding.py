"""Practice grades an injected rate by the planner's own rounding function (one rule, one place;
pharmacist review 12, #2 and re-check 12b): oxycodone IV 1 mg/h -> SC by syringe driver, range
24-24 mg/day. The ladder's step (2.5 mg for 20-50) gives 22.5 mg/24 h, BELOW the planner's own
check; the planner keeps 24 by the finer step (``Grid.floor_inside``). Practice's
``_stepped_down`` took the plain ladder floor: 0.9375 mg/h was graded correct."""

from __future__ import annotations

from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.practice.grade import grade
from mps_pain.practice.models import Exercise
from mps_pain.practice.service import parse_answer
from mps_pain.tables.index import TableIndex

R01 = {
    "from": {
        "items": [{"drug": "oxycodone", "route": "iv", "form": "injection", "rate": "1 mg/h"}]
    },
    "to": {"drug": "oxycodone", "route": "sc", "continuous": True},
    "table": "uk-palliative",
}


def _regimen_ok(tables: TableIndex, rate: str) -> bool:
    exercise = Exercise(
        id="r01-injected-rate",
        level=3,
        topic="parenteral",
        table="uk-palliative",
        prompt="Oxycodone IV 1 mg/h to SC by syringe driver",
        asks=["regimen"],
        switch=RotationRequest.model_validate(R01),
    )
    answers = {"exercise": exercise.id, "answers": {"regimen": {"rate": rate}}}
    report = grade(tables, exercise, parse_answer(answers))
    return next(r.correct for r in report.results if r.key == "regimen")


def test_the_planners_rate_is_correct(tables: TableIndex) -> None:
    assert _regimen_ok(tables, "1 mg/h")


def test_the_plain_ladder_floor_below_the_range_is_not(tables: TableIndex) -> None:
    assert not _regimen_ok(tables, "0.9375 mg/h")
