"""Fuzz review 20, D1: a patch rate of 1e9 mcg/h (the largest the reader takes) ran 223 s and
1.3 GB before its plausibility refusal: whether listed patches make an amount was searched over
every amount up to it. Above Schur's bound every amount is made, so only smaller ones are
searched; the answer is the full search's (``patch_labels._given_by``)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.patch_labels import _given_by
from mps_pain.errors import ImplausibleAmountError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.schema import Strengths

SIZES = [2, 3, 5, 7, 12.5, 25, 37.5, 50, 75, 100]  # patch strengths and small coprime ones


def _searched(value: float, sizes: list[float]) -> bool:
    """Every amount up to ``value`` searched, as before (whole thousandths)."""
    target = round(value * 1000)
    units = [round(s * 1000) for s in sizes]
    reach = [True] + [False] * target
    for n in range(1, target + 1):
        reach[n] = any(n >= u and reach[n - u] for u in units)
    return reach[target]


@given(
    sizes=st.lists(
        st.sampled_from([2, 3, 5, 7, 12.5, 25, 37.5, 50, 75, 100]), min_size=1, max_size=4
    ),
    value=st.integers(min_value=1, max_value=400).map(lambda n: n / 2),
)
def test_the_bounded_search_answers_as_the_full_one(sizes: list[float], value: float) -> None:
    strengths = Strengths.model_construct(values=sorted(set(sizes)), unit="mcg/h")
    assert _given_by(value, strengths) == _searched(value, sorted(set(sizes)))


@pytest.mark.parametrize("rate", ["1000000000 mcg/h", "100000000 mcg/h"])
def test_a_huge_patch_rate_is_refused_as_implausible(rate: str) -> None:
    document = {"items": [{"drug": "fentanyl", "route": "transdermal", "rate": rate}]}
    with pytest.raises(ImplausibleAmountError):
        calculate_mme(json.loads(json.dumps(document)))
