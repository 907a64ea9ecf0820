"""The test run's own settings of Python's cyclic collector (tests/conftest.py): they make the run
cheaper, never change what a test sees; a test here keeps them from being lost unnoticed."""

from __future__ import annotations

import gc

from tests.conftest import AT_COLLECTION, YOUNG_GENERATION_THRESHOLD


def test_the_young_generation_is_collected_less_often_than_pythons_default() -> None:
    assert gc.isenabled()
    assert gc.get_threshold()[0] == YOUNG_GENERATION_THRESHOLD > 700


def test_collecting_the_suite_builds_no_fhir_model() -> None:
    """A test module that needs FHIR's models at import (a strategy sampled from every resource
    type) made every process that collects the suite build them; they load when a test needs
    them (``st.deferred``, a fixture), in the process that runs it."""
    assert "fhir_models" in AT_COLLECTION, "collection was not seen"
    assert AT_COLLECTION["fhir_models"] == ()
