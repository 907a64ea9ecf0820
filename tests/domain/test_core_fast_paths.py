"""The speed-core pass's fast paths give what their plain versions give (issue #11).

- ``numbers.checked_product`` is remembered: each answer is the computation's
  (``checked_product.__wrapped__``), a refusal is refused again with the same sentence.
- ``shaped.Amounts.scaled`` looks the row's scale to a day up once: each amount is what
  ``per_day(amount) / divide_by`` tidied gives.
- ``practice.items.rows_of`` is remembered per table: the fresh walk's rows, and each caller's
  own list.
- ``RegimenItem``'s one-shape rule reads its fields once: every shape's refusal says what it
  said (the fields missing, or the fields that cannot be combined).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.regimen import RegimenItem
from mps_pain.domain.rotation.shaped import Amounts
from mps_pain.numbers import MagnitudeError, checked_product, tidy
from mps_pain.practice.items import _rows_of, rows_of
from mps_pain.tables.loader import get_tables
from mps_pain.validation import validate_model

TABLES = get_tables()

FACTORS = st.lists(
    st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([0.0, -0.0, 1e-308, 5e-324, 1e308, 24.0, 1 / 24, 0.001, 1000.0]),
    min_size=1,
    max_size=4,
)


def _computed(factors: list[float]) -> float | str:
    try:
        return checked_product.__wrapped__(*factors)
    except MagnitudeError as exc:
        return f"refused: {exc}"


def _remembered(factors: list[float]) -> float | str:
    try:
        return checked_product(*factors)
    except MagnitudeError as exc:
        return f"refused: {exc}"


@given(factors=FACTORS)
def test_a_remembered_product_is_the_computed_one_each_time(factors: list[float]) -> None:
    expected = _computed(factors)
    for _ in range(2):  # the second answer is the remembered one
        got = _remembered(factors)
        assert got == expected or (got != got and expected != expected)  # NaN never counted
        assert type(got) is type(expected)


UNITS = st.sampled_from(["mg/day", "mcg/h", "mg/h", "mcg/day", "mg/min"])
AMOUNT = st.floats(min_value=1e-6, max_value=1e6)


@given(values=st.tuples(AMOUNT, AMOUNT, AMOUNT, AMOUNT), unit=UNITS, divide_by=AMOUNT)
def test_scaled_amounts_are_each_amount_per_day_divided(
    values: tuple[float, float, float, float], unit: str, divide_by: float
) -> None:
    amounts = Amounts(*values, unit)
    expected = tuple(tidy(amounts.per_day(v) / divide_by) for v in values)
    assert amounts.scaled(divide_by) == expected


@pytest.mark.parametrize("set_id", sorted(TABLES.sets))
def test_remembered_rows_are_the_fresh_walk_and_each_callers_own(set_id: str) -> None:
    set_ = TABLES.sets[set_id]
    first = rows_of(TABLES, set_)
    assert first == _rows_of(TABLES, set_)
    first.clear()  # a caller that changes its list changes no one else's
    again = rows_of(TABLES, set_)
    assert again == _rows_of(TABLES, set_)
    assert again is not rows_of(TABLES, set_)


SHAPE_REFUSALS = [
    ({"dose": "10 mg"}, "missing frequency: a scheduled item needs 'dose' and 'frequency'"),
    (
        {"rate": "1 mg/h", "dose": "10 mg"},
        "dose cannot be combined with rate: an item has exactly one dosing shape",
    ),
    (
        {"prn": True, "dose": "10 mg", "doses_per_day": 2, "frequency": "q4h"},
        "frequency cannot be combined with an as-needed line (prn: true)",
    ),
    ({"prn": True, "dose": "10 mg"}, "missing doses_per_day: an as-needed item needs 'dose'"),
    ({"daily_dose": "60 mg", "frequency": "q4h"}, "frequency cannot be combined with daily_dose"),
]


@pytest.mark.parametrize(("fields", "said"), SHAPE_REFUSALS)
def test_each_dosing_shape_refusal_says_the_fields(fields: dict[str, object], said: str) -> None:
    raw = {"drug": "morphine", "route": "oral", **fields}
    with pytest.raises(Exception) as refused:
        validate_model(RegimenItem, raw, known_keys=set(RegimenItem.model_fields))
    assert said in str(refused.value)


def test_every_dosing_shape_validates() -> None:
    for fields in (
        {"dose": "10 mg", "frequency": "q4h"},
        {"rate": "1 mg/h", "route": "sc"},
        {"daily_dose": "60 mg"},
        {"prn": True, "dose": "10 mg", "doses_per_day": 2},
    ):
        item = RegimenItem.model_validate({"drug": "morphine", "route": "oral", **fields})
        assert item.shape in ("scheduled", "continuous", "total", "prn")
