"""A quantity field's remembered answer is the answer computed afresh (speed-plan, issue #11).

The field validators remember their answer for a text or a plain ``{"value", "unit"}`` mapping
(``fields._validator``). Values that compare equal but are not the same (0.0 and -0.0, 5 and
5.0) must not share an answer: each input read after the others gives, to the sign of a zero
and the type of the number, what it gives with nothing remembered, and a refusal is the same
refusal.
"""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from mps_pain.fields import DoseAmount, NonNegativeMassRate, forget_quantities

FIELDS = [TypeAdapter(NonNegativeMassRate), TypeAdapter(DoseAmount)]
NUMBERS = st.one_of(
    st.sampled_from([0, 0.0, -0.0, 5, 5.0, 12.5, -1.0, 1e-12]),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.integers(-10, 1000),
)
UNITS = st.sampled_from(["mg", "mg/day", "mcg/h", "mg/h", "ml", "kg", "mg/24 h"])


def _raw(number: Any, unit: str, as_text: bool) -> Any:
    return f"{number!r} {unit}" if as_text else {"value": number, "unit": unit}


def _read(field: TypeAdapter[Any], raw: Any) -> tuple[Any, ...]:
    try:
        found = field.validate_python(raw)
    except ValidationError as exc:
        return ("refused", str(exc))
    return (type(found.value), repr(found.value), found.unit)


@given(
    inputs=st.lists(st.tuples(NUMBERS, UNITS, st.booleans()), min_size=1, max_size=6),
    which=st.sampled_from(range(len(FIELDS))),
)
@example([(0.0, "mg/day", False), (-0.0, "mg/day", False)], 0)  # equal, not the same
@example([(5, "mg", False), (5.0, "mg", False), (5.0, "mg", True)], 1)
def test_a_remembered_quantity_is_the_quantity_read_afresh(
    inputs: list[tuple[Any, str, bool]], which: int
) -> None:
    field = FIELDS[which]
    remembered = [_read(field, _raw(*one)) for one in inputs]
    again = [_read(field, _raw(*one)) for one in reversed(inputs)][::-1]
    afresh = []
    for one in inputs:
        forget_quantities()
        afresh.append(_read(field, _raw(*one)))
    assert remembered == again == afresh, inputs
