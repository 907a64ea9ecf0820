"""``combination`` keeps one fewest-units table per set of strengths and lengthens it when a
larger target needs it (``rounding._fewest_units``). Its answers are the ones the former
per-call dynamic programme gave, kept here verbatim as the oracle, whatever the order of the
targets asked (a table first filled for a small target, then lengthened, or the reverse)."""

from __future__ import annotations

import math
from functools import reduce

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation import rounding
from mps_pain.domain.rotation.rounding import Rounded, combination
from mps_pain.tables.loader import get_tables
from mps_pain.units import tidy

_SCALE = 1000


def _one_table_per_call(
    target: float, strengths: tuple[float, ...], max_units: int | None = None
) -> Rounded:
    """The implementation before the shared table (commit 74e8fb1), unchanged."""
    if target <= 0 or not strengths:
        return Rounded(0.0, ())
    ints = [round(s * _SCALE) for s in strengths]
    step = reduce(math.gcd, ints)
    sizes = sorted({i // step for i in ints})
    limit = math.floor(target * _SCALE / step + 1e-9)
    if limit < sizes[0]:
        return Rounded(0.0, ())
    inf = limit + 1
    count = [0] + [inf] * limit
    last = [0] * (limit + 1)
    for n in range(1, limit + 1):
        for size in sizes:
            if size <= n and count[n - size] + 1 < count[n]:
                count[n] = count[n - size] + 1
                last[n] = size
    allowed = inf if max_units is None else max_units + 1
    best = next(n for n in range(limit, -1, -1) if count[n] < min(inf, allowed))
    units: list[float] = []
    n = best
    while n > 0:
        units.append(tidy(last[n] * step / _SCALE))
        n -= last[n]
    return Rounded(tidy(best * step / _SCALE), tuple(sorted(units, reverse=True)))


def _catalogue_strengths() -> list[tuple[float, ...]]:
    found = {
        tuple(entry.values)
        for drug in get_tables().tables.drugs
        for form in drug.forms
        for entry in form.strengths
        if entry.values
    }
    return sorted(found)


STRENGTHS = st.one_of(
    st.sampled_from(_catalogue_strengths()),
    st.lists(
        st.sampled_from([0.5, 1, 2, 2.5, 5, 7.5, 10, 12, 12.5, 15, 20, 25, 37.5, 50, 75, 100]),
        min_size=1,
        max_size=5,
    ).map(tuple),
)
TARGETS = st.lists(
    st.floats(min_value=0, max_value=2000, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=6,
)


@given(
    strengths=STRENGTHS,
    targets=TARGETS,
    max_units=st.one_of(st.none(), st.integers(0, 6)),
    fresh=st.booleans(),
)
def test_the_shared_table_gives_the_per_call_answer(
    strengths: tuple[float, ...], targets: list[float], max_units: int | None, fresh: bool
) -> None:
    if fresh:
        rounding._tables.clear()
    for target in targets:
        assert combination(target, strengths, max_units) == _one_table_per_call(
            target, strengths, max_units
        ), (target, strengths, max_units)


def test_a_table_longer_than_kept_is_computed_for_the_call_alone() -> None:
    strengths = (0.001, 0.002)
    target = (rounding._TABLE_CELLS + 5) / _SCALE
    expected = _one_table_per_call(target, strengths, 3)
    assert combination(target, strengths, 3) == expected
    assert combination(target, strengths, 3) == expected
    assert all(len(count) <= rounding._TABLE_CELLS for count, _ in rounding._tables.values())
