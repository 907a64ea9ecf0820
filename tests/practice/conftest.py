"""Practice tests run on the shipped tables: the exercises teach the real rows."""

from __future__ import annotations

import pytest

from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables


@pytest.fixture(scope="session")
def tables() -> TableIndex:
    return get_tables()
