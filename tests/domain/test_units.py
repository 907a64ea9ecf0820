"""Units are parsed once at the boundary; every spelling of a unit means the same thing."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.units import (
    Dimension,
    MagnitudeError,
    ParsedQuantity,
    UnitParseError,
    canonical_unit,
    checked_product,
    format_number,
    parse_quantity,
    scale,
)


@pytest.mark.parametrize(
    "spelling", ["25 mcg/h", "25 ug/h", "25 µg/h", "25 μg/h", "25 mcg/hr", "25 mcg/hour"]
)
def test_every_microgram_and_hour_spelling_is_the_same_rate(spelling: str) -> None:
    quantity = parse_quantity(spelling)
    assert quantity.unit == "mcg/h"
    assert quantity.to("mg/day") == pytest.approx(0.6)


def test_a_quantity_may_be_written_as_an_object() -> None:
    assert parse_quantity({"value": 10, "unit": "mg"}) == parse_quantity("10 mg")


@pytest.mark.parametrize(
    ("text", "dimension"),
    [
        ("10 mg", Dimension.MASS),
        ("2 mg/h", Dimension.MASS_RATE),
        ("60 mg/day", Dimension.MASS_RATE),
        ("2 mL", Dimension.VOLUME),
        ("1 mL/h", Dimension.VOLUME_RATE),
        ("10 mg/mL", Dimension.CONCENTRATION),
        ("440 ms", Dimension.TIME),
        ("45 mL/min", Dimension.VOLUME_RATE),
    ],
)
def test_dimension_is_read_from_the_unit(text: str, dimension: Dimension) -> None:
    assert parse_quantity(text).dimension is dimension


def test_egfr_per_body_surface_suffix_keeps_the_number() -> None:
    assert parse_quantity("45 mL/min/1.73m2").to("mL/min") == pytest.approx(45)


@pytest.mark.parametrize("bad", ["nan mg", "inf mg", "-inf mg"])
def test_non_finite_numbers_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="finite"):
        parse_quantity(bad)


@pytest.mark.parametrize("bad", ["10", "mg", "", "1,5 mg"])
def test_a_quantity_needs_a_number_and_a_unit(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_quantity(bad)


def test_a_bare_number_is_refused_with_a_hint() -> None:
    with pytest.raises(ValueError, match="no unit"):
        parse_quantity(10)


def test_an_unknown_unit_is_refused() -> None:
    with pytest.raises(UnitParseError, match="zorg"):
        parse_quantity("10 zorg")


def test_scale_refuses_different_dimensions() -> None:
    with pytest.raises(UnitParseError):
        scale("mg", "mg/day")


def test_canonical_spellings_are_short_and_unambiguous() -> None:
    assert canonical_unit("ug/hr") == "mcg/h"
    assert canonical_unit("mg/d") == "mg/day"
    assert canonical_unit("ml") == "mL"


def test_scale_is_exact_for_the_usual_conversions() -> None:
    assert scale("mcg/h", "mg/day") == pytest.approx(0.024)
    assert math.isclose(scale("g", "mg"), 1000)


# Outside fuzz review 3, D1: each step on an amount stays finite and, for a nonzero amount,
# nonzero (a subnormal float is on its way to 0.0 and is refused too).
def test_checked_product_refuses_underflow_and_overflow_but_keeps_a_true_zero() -> None:
    assert checked_product(5.0, 0.0) == 0.0  # as-needed, none taken
    assert checked_product(2.0, 3.0) == 6.0
    for factors in [(5e-324, 1e-3), (1e-200, 1e-200), (1e-300, 1e-10), (1e200, 1e200)]:
        with pytest.raises(MagnitudeError):
            checked_product(*factors)


def test_a_unit_conversion_that_underflows_is_refused() -> None:
    with pytest.raises(MagnitudeError):
        ParsedQuantity(5e-324, "mcg").to("mg")
    with pytest.raises(MagnitudeError):
        ParsedQuantity(1e-307, "mcg/min").to("g/day")


@given(
    value=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(-(10**16), 10**16),
        st.sampled_from([0.0, -0.0, 1e15, 1e-300, 5e-324, 2.5, 1 / 3, 37.5]),
    ),
    significant=st.integers(1, 8),
)
def test_a_remembered_number_text_is_the_computed_one(value: float, significant: int) -> None:
    """``format_number`` remembers its answers: asked twice (and after the same value of the
    other type), it gives the computation's text."""
    computed = format_number.__wrapped__(value, significant)
    assert format_number(value, significant) == computed
    assert format_number(value, significant) == computed
    if isinstance(value, int):
        assert format_number(float(value), significant) == format_number.__wrapped__(
            float(value), significant
        )
