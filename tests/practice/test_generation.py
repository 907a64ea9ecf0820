"""Exercises from a seed: deterministic, regenerable from the id, covering every row of a set."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mps_pain.errors import InputError
from mps_pain.practice.catalogue import find_exercise
from mps_pain.practice.generate import usable_sets
from mps_pain.practice.items import rows_of
from mps_pain.practice.service import answer_for, grade_answer, new_exercises
from mps_pain.practice.templates import TEMPLATES, candidates
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables
from tests.practice.conftest import expensive, nth_exercise

SETS = [s.id for s in get_tables().tables.reference_sets]
TOPICS = [t.topic for t in TEMPLATES]


@pytest.mark.parametrize("set_id", SETS)
def test_level_1_covers_every_drug_and_route_of_the_set(tables: TableIndex, set_id: str) -> None:
    rows = rows_of(tables, tables.sets[set_id])
    exercises = new_exercises(level=1, seed=9, set_id=set_id, count=len(rows), tables=tables)
    covered = set()
    for exercise in exercises:
        assert exercise.regimen is not None
        item = exercise.regimen.items[0]
        covered.add((tables.resolve_drug(item.drug, location=None).id, item.route))
    assert covered == {(r.drug, r.route) for r in rows}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.topic)
def test_every_template_covers_its_rows_under_each_usable_set(
    tables: TableIndex, template: object
) -> None:
    for set_ in usable_sets(tables, template):  # type: ignore[arg-type]
        rows = candidates(template, tables, set_)  # type: ignore[arg-type]
        exercises = new_exercises(
            topic=template.topic,  # type: ignore[attr-defined]
            seed=1,
            set_id=set_.id,
            count=len(rows),
            tables=tables,
        )
        assert len({e.given().__repr__() for e in exercises}) == len(rows)


@expensive()
@given(
    topic=st.sampled_from(TOPICS),
    set_id=st.sampled_from(SETS),
    seed=st.integers(0, 10**6),
    index=st.integers(0, 12),
)
def test_the_id_regenerates_the_exercise_and_the_engine_grades_it_correct(
    tables: TableIndex, topic: str, set_id: str, seed: int, index: int
) -> None:
    template = next(t for t in TEMPLATES if t.topic == topic)
    assume(set_id in {s.id for s in usable_sets(tables, template)})
    exercise = new_exercises(topic=topic, set_id=set_id, seed=seed, count=index + 1, tables=tables)[
        -1
    ]
    assert find_exercise(tables, exercise.id) == exercise
    report = grade_answer(answer_for(exercise, tables=tables), tables=tables)
    assert report.score == report.total


@pytest.mark.parametrize("topic", TOPICS)
def test_nth_exercise_is_the_last_of_a_longer_call(tables: TableIndex, topic: str) -> None:
    """The invariant tests build one exercise of a call alone (``nth_exercise``)."""
    exercises = new_exercises(topic=topic, seed=7, count=3, tables=tables)
    assert nth_exercise(tables, topic=topic, seed=7, index=2) == exercises[-1]
    assert nth_exercise(tables, topic=topic, seed=7, index=0) == exercises[0]


def test_unknown_topic_and_bad_ids_are_refused(tables: TableIndex) -> None:
    with pytest.raises(InputError, match="unknown topic 'nope'"):
        new_exercises(topic="nope", tables=tables)
    for bad in ("L3.oral-rotation.nowhere.1.1", "L2.oral-rotation.uk-palliative.1.1", "x"):
        with pytest.raises(InputError) as caught:
            find_exercise(tables, bad)
        assert caught.value.location in ("exercise", "set")
