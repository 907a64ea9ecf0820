"""Fuzz review 19, D5: "1,000 mg" was told to "use a decimal point, not a comma"; "1.000 mg",
the advice taken literally, is then read as 1 mg, a thousandfold below what was meant. A comma
that may separate thousands is now refused with both readings, the thousands first; each
amount the refusal suggests is read as what the refusal says it is."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.units import parse_quantity


def _refusal(text: str) -> str:
    with pytest.raises(ValueError) as refused:
        parse_quantity(text)
    return str(refused.value)


def _suggested(message: str) -> list[str]:
    return re.findall(r"write (\S+(?: [a-z/]+)?)(?:,| if)", message)


def test_the_reviewers_example_says_both_readings() -> None:
    message = _refusal("1,000 mg")
    assert "write 1000 mg if it separates thousands, or 1 mg if it is a decimal point" in message
    assert "use a decimal point" not in message


@given(value=st.integers(1000, 9_999_999), unit=st.sampled_from(["mg", "mcg", "mcg/h", "mg/day"]))
def test_a_thousands_comma_is_never_advised_into_a_decimal_alone(value: int, unit: str) -> None:
    message = _refusal(f"{value:,} {unit}")
    suggested = _suggested(message)
    assert suggested, message
    assert suggested[0] == f"{value} {unit}", message  # the thousands reading, first
    for amount in suggested:  # every suggestion is read as it says
        assert parse_quantity(amount).unit == unit


@given(
    whole=st.integers(0, 999),
    fraction=st.integers(0, 99).map(str) | st.sampled_from(["5", "25", "0625"]),
)
def test_a_decimal_comma_is_told_its_decimal_point(whole: int, fraction: str) -> None:
    message = _refusal(f"{whole},{fraction} mg")
    suggested = _suggested(message)
    decimal = float(f"{whole}.{fraction}")
    assert any(parse_quantity(s).value == pytest.approx(decimal) for s in suggested), message
    if len(fraction) != 3:
        assert "thousands" not in message, message
