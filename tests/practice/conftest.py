"""Practice tests run on the shipped tables: the exercises teach the real rows."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

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
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
