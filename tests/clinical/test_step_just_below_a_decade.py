"""The measurable step of an amount a hair below a decade (9.9999999881 mg: the practice
carry-forward property, infusion seed 46, once exercises with no dose were no longer drawn) had no
rung of the ladder: ``log10`` with its tolerance put it in the decade above (mantissa 0.99999…),
below every rung's start, and ``step_at`` raised StopIteration. Such an amount is the decade
itself within the tolerance: it takes the first rung. Property over decades × tiny offsets."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.rounding_policy import Grid

_LADDER = ((1.0, 0.1), (2.0, 0.25), (5.0, 0.5))


def test_the_practice_amount_has_a_step() -> None:
    assert Grid(ladder=_LADDER).step_at(9.9999999881) > 0


@given(
    exponent=st.integers(-3, 4),
    offset=st.floats(min_value=-1e-8, max_value=1e-8, allow_nan=False),
)
def test_every_amount_near_a_decade_has_a_step(exponent: int, offset: float) -> None:
    value = 10.0**exponent * (1 + offset)
    step = Grid(ladder=_LADDER).step_at(value)
    assert step > 0 and math.isfinite(step)
    assert step <= value  # a step of the amount's own size or below
