"""Pharmacist re-check 18b, L3 (practice wording):

- an MSD/Quill answer to a CCDHB exercise (pr/ans-m07, pr/ans-m09) was told "A per-dose amount
  was used as a daily amount": its target is a third of CCDHB's by coincidence; the trainee used
  another method. A number another methadone method gives is named for what it is, with no
  error pattern (``practice.other_method``);
- a q12h methadone answer (pr/a3-q12h) was told "The exercise asks for the regimen q8h", though
  the prompt named no interval. The prompt names the interval it grades.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from mps_pain.practice.expected import regimen_target
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.models import Exercise
from mps_pain.practice.service import answer_for, grade_answer, parse_answer
from mps_pain.practice.templates import TEMPLATES
from mps_pain.tables.index import TableIndex
from mps_pain.units import format_number
from tests.practice.conftest import expensive, nth_exercise

TOPICS = [t.topic for t in TEMPLATES]
SETS = ["uk-palliative", "fpm-2021", "jspm-2010"]


def _amount(value: float, unit: str) -> str:
    return f"{format_number(value)} {unit}"


@expensive()
@given(topic=st.sampled_from(TOPICS), seed=st.integers(0, 10_000), index=st.integers(0, 12))
def test_the_prompt_names_the_interval_the_regimen_is_graded_at(
    tables: TableIndex, topic: str, seed: int, index: int
) -> None:
    exercise = nth_exercise(tables, topic=topic, seed=seed, index=index)
    if "regimen" not in exercise.asks:
        return
    key = answer_key(tables, exercise)
    if not isinstance(key, SwitchKey):
        return
    target = regimen_target(key)
    if target.kind == "dose":
        assert target.frequency in exercise.prompt, (exercise.id, exercise.prompt)


def _other_method_answers(tables: TableIndex, exercise: Exercise) -> list[tuple[str, Any]]:
    """The engine's answer to the exercise with the target and regimen of each other method."""
    key = answer_key(tables, exercise)
    assert isinstance(key, SwitchKey) and key.is_methadone
    right = answer_for(exercise, tables=tables).model_dump(mode="json", exclude_none=True)
    found = []
    for option in key.plan.methadone_options:
        if option.method == key.plan.methadone_method:
            continue
        try:
            plan = key.replan(methadone_method=option.method)
        except MpsPainError:
            continue  # that method gives no dose for this exercise: nothing to answer with
        dose = plan.regimen.dose
        if dose is None:
            continue
        answers = dict(right["answers"])
        target = plan.target_daily_dose
        answers["target_daily_dose"] = _amount(target.value, target.unit)
        answers["regimen"] = {
            "dose": _amount(dose.value, dose.unit),
            "frequency": plan.regimen.frequency,
        }
        found.append((option.name, {"exercise": exercise.id, "answers": answers}))
    return found


@expensive()
@given(seed=st.integers(0, 10_000), index=st.integers(0, 12))
def test_another_methods_number_is_named_never_a_pattern(
    tables: TableIndex, seed: int, index: int
) -> None:
    exercise = nth_exercise(tables, topic="methadone", seed=seed, index=index)
    for name, document in _other_method_answers(tables, exercise):
        report = grade_answer(parse_answer(document), tables=tables)
        for mark in report.results:
            if mark.correct or mark.key not in ("target_daily_dose", "regimen"):
                continue
            context = (exercise.id, name, mark.explanation)
            assert mark.diagnosis is None, context
            said = mark.explanation.split("the methadone method ", 1)[-1].split(" gives;")[0]
            assert name in said.split(" or "), context


def test_the_reviewers_m07_msd_quill_answer_to_a_ccdhb_exercise(tables: TableIndex) -> None:
    document = {
        "exercise": "L5.methadone.fpm-2021.4.0",
        "answers": {
            "ome_per_day": "99.5 mg/day",
            "target_daily_dose": "3.10938 mg/day",
            "regimen": {"dose": "1 mg", "frequency": "q8h"},
            "warnings": ["breakthrough-no-source", "methadone-specialist"],
        },
    }
    report = grade_answer(parse_answer(document), tables=tables)
    target = next(r for r in report.results if r.key == "target_daily_dose")
    assert not target.correct and target.diagnosis is None, target
    assert "per-dose amount" not in target.explanation, target.explanation
    assert "MSD" in target.explanation and "CCDHB" in target.explanation, target.explanation
