"""Fuzz re-check 19b: four FHIR unit codes ended in exit 3 ("internal error"): ``10*400.ug/h``
(the factor overflowed), ``ug/(10*-400.h)`` (it divided by zero), 3,000 nested brackets and
2,000 factors (the parser's recursion ran out). A code is read as UCUM with a finite, non-zero
factor, or refused as "not a UCUM code" (which the importer names on its field): never an
exception of another kind."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.fhir.ucum import UcumError, read_ucum

CRASHED = [
    "10*400.ug/h",
    "ug/(10*-400.h)",
    "(" * 3000 + "ug" + ")" * 3000 + "/h",
    "/".join(["2"] * 2000) + ".ug/h",
]


@pytest.mark.parametrize("code", CRASHED, ids=["overflow", "underflow", "brackets", "factors"])
def test_the_codes_that_crashed_are_refused(code: str) -> None:
    with pytest.raises(UcumError):
        read_ucum(code)


@given(st.text(alphabet="ugmhdLwk0123456789*^-+./(){}[]", min_size=1, max_size=80))
def test_a_code_is_read_finite_or_refused(code: str) -> None:
    try:
        read = read_ucum(code)
    except UcumError:
        return
    assert math.isfinite(read.factor) and read.factor != 0, (code, read)
