"""Practice tests run on the shipped tables: the exercises teach the real rows."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from mps_pain.practice.catalogue import find_exercise
from mps_pain.practice.generate import exercise_id
from mps_pain.practice.models import Exercise
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables


@pytest.fixture(scope="session")
def tables() -> TableIndex:
    return get_tables()


def expensive() -> settings:
    """Settings of a property whose every example runs the planner several times: a fifth of
    the profile's campaign, at most 250 (40 by default, 250 under ``ci-long``)."""
    return settings(
        max_examples=min(250, max(20, settings.default.max_examples // 5)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


def nth_exercise(tables: TableIndex, *, topic: str, seed: int, index: int) -> Exercise:
    """``new_exercises(topic=…, seed=…, count=index + 1)[-1]`` without building the ``index``
    exercises before it (each costs several plans): a generated exercise depends only on its own
    id, which ``exercise_id`` gives as ``generate`` makes it.
    ``test_generation.test_nth_exercise_is_the_last_of_a_longer_call`` holds the two equal."""
    return find_exercise(tables, exercise_id(tables, None, seed, index, topic=topic))
