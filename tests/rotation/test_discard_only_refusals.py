"""A generated request is discarded only when the planner refuses it, never when the request's
own form is wrong (tests/discarded.py: a market put under ``from`` made a property discard four
of five examples and fail hypothesis's filter health check on about one seed in a hundred)."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.discarded import of_the_form
from tests.rotation.generated import plan_or_discard

_ITEM = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "200 mg", "frequency": "q12h"}


def _request(**changes: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "from": {"items": [_ITEM]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": "fpm-2021",
    }
    return request | changes


@pytest.mark.parametrize(
    "malformed",
    [
        _request(**{"from": {"items": [_ITEM], "market": "UK"}}),  # the request's key, misplaced
        _request(colour="blue"),  # no key of a request
        _request(**{"from": [_ITEM]}),  # a list where a regimen (an object) goes
    ],
)
def test_a_malformed_request_fails_the_property(malformed: dict[str, Any]) -> None:
    with pytest.raises(AssertionError, match="the test's own request is malformed"):
        plan_or_discard(malformed)


def test_a_refused_request_is_discarded() -> None:
    """Three-step methadone is refused where methadone is sold only as tablets the steps
    cannot measure (JP): the planner's answer, so the example is discarded."""
    with pytest.raises(MpsPainError) as refused:
        plan_rotation(_request(market="JP", methadone_schedule="three-step"), tables=get_tables())
    assert refused.value.location == "methadone_schedule"
    assert not of_the_form(refused.value)


def test_a_market_in_its_place_is_planned() -> None:
    assert plan_or_discard(_request(market="UK")).regimen is not None
