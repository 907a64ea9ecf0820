"""Clinician re-check 19b, R4: an oral row given a Rate was accepted ("morphine oral ER: 60 mg/day
continuous"; CLI ``oral-rate2.yaml``, oral morphine MR at 2.5 mg/h), and a bare number in it was
told to use a syringe driver's units. A rate is only for a route given continuously, a patch or
an infusion: by any other route it is refused naming the field and what that route takes (a
dose and a frequency). The refusal runs after the dosing-shape check, so a row with two ways of
dosing keeps that refusal (tests/domain/test_regimen_validation.py,
tests/domain/test_core_fast_paths.py)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.errors import InputError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.schema import ROUTES
from mps_pain.unit_kinds import CONTINUOUS_ROUTES
from tests.cli_runner import run_document

NO_RATE_ROUTES = [route for route in ROUTES if route not in CONTINUOUS_ROUTES]
MR = {"drug": "morphine", "route": "oral", "form": "mr"}


def _refusal(item: dict[str, Any]) -> InputError:
    with pytest.raises(InputError) as refused:
        calculate_mme({"items": [item]}, table_id="uk-palliative")
    return refused.value


@pytest.mark.parametrize("rate", ["2.5 mg/h", "60 mg/24h", {"value": 60, "unit": "mg/day"}])
def test_an_oral_rate_is_refused_naming_the_rate_and_what_the_route_takes(rate: object) -> None:
    error = _refusal(MR | {"rate": rate})
    assert error.reason == "rate_not_for_route"
    assert error.location == "items[0].rate" and tuple(error.context["fields"]) == ("rate",)
    assert "the oral route takes no rate" in error.message
    assert "'dose' and 'frequency'" in error.message


def test_the_reviewers_file_is_refused_by_the_command_line() -> None:
    done = run_document("mme", {"items": [MR | {"rate": {"value": 2.5, "unit": "mg/h"}}]})
    assert done.returncode == 2, done.stdout
    assert "the oral route takes no rate" in done.stderr, done.stderr


@pytest.mark.parametrize("bare", [60, "60", " 2.5 "])
def test_a_bare_number_on_an_oral_row_names_no_syringe_driver_unit(bare: object) -> None:
    error = _refusal(MR | {"rate": bare})
    assert error.reason == "rate_not_for_route" and error.location == "items[0].rate"
    assert "mg/h" not in error.message and "24 h" not in error.message, error.message
    assert "'dose' and 'frequency'" in error.message


def test_an_oral_rate_with_a_frequency_is_told_the_route_takes_no_rate() -> None:
    """The reviewer's shot-113: "60 mg/24h" with bd was refused only for the frequency ("give
    the rate alone"), which an oral row cannot take either."""
    error = _refusal(MR | {"rate": "60 mg/24h", "frequency": "bd"})
    assert error.reason == "rate_not_for_route" and "'dose' and 'frequency'" in error.message


@settings(max_examples=120, deadline=None)
@given(
    route=st.sampled_from(ROUTES),
    rate=st.sampled_from(["2 mg/h", "48 mg/24h", "25 mcg/h", "20", 12.5]),
    extra=st.sampled_from([{}, {"dose": "10 mg"}, {"daily_dose": "60 mg"}, {"frequency": "q4h"}]),
)
def test_a_rate_is_refused_by_every_route_that_is_neither_patch_nor_infusion(
    route: str, rate: object, extra: dict[str, str]
) -> None:
    """Every route × rate × other dosing field: by a route that takes no rate the row is always
    refused, and by its own refusal unless the row has two ways of dosing (a dose or a daily
    total beside the rate), which keeps the shape's refusal; by a patch or an infusion, a rate
    is never refused for its route."""
    item = {"drug": "morphine", "route": route, "rate": rate, **extra}
    two_ways = bool(extra) and "frequency" not in extra
    try:
        calculate_mme({"items": [item]}, table_id="uk-palliative")
    except InputError as refused:
        reason = refused.reason
    else:
        reason = None
    if route in CONTINUOUS_ROUTES:
        assert reason != "rate_not_for_route", item
    elif two_ways and isinstance(rate, str) and not rate.strip().isdigit():
        assert reason == "mixed_dosing", (item, reason)
    else:
        assert reason == "rate_not_for_route", (item, reason)
