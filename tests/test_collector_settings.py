"""The test run's own settings of Python's cyclic collector (tests/conftest.py): they make the run
cheaper, never change what a test sees; a test here keeps them from being lost unnoticed."""

from __future__ import annotations

import gc

from tests.conftest import YOUNG_GENERATION_THRESHOLD


def test_the_young_generation_is_collected_less_often_than_pythons_default() -> None:
    assert gc.isenabled()
    assert gc.get_threshold()[0] == YOUNG_GENERATION_THRESHOLD > 700
