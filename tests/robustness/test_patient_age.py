"""Fuzz review 11, #4: ``patient.age`` took ``true`` (read as 1 year) and the exponent text
``"1.5e1"`` (read as 15). An age is a JSON number or text in plain digits; a boolean or exponent
text is refused naming ``patient.age``, as every amount written as text is
(``numbers.refuse_exponent``) and every boolean field is (``fields.Flag``)."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import InputError
from mps_pain.validation import field_names, validate_model

ORAL = {"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}


def _regimen(age: Any) -> RegimenDocument:
    document = {"items": [ORAL], "patient": {"age": age}}
    return validate_model(RegimenDocument, document, known_keys=field_names(RegimenDocument))


@pytest.mark.parametrize("age", [True, False, "1.5e1", "7e1", "1E2"])
def test_a_boolean_or_exponent_text_is_no_age(age: Any) -> None:
    with pytest.raises(InputError) as refused:
        _regimen(age)
    assert "patient" in str(refused.value.location), refused.value.location
    assert "age" in str(refused.value.location), refused.value.location


@pytest.mark.parametrize(("age", "years"), [(72, 72), (72.5, 72.5), ("72", 72), (" 80 ", 80)])
def test_a_number_or_plain_digits_is_an_age(age: Any, years: float) -> None:
    patient = _regimen(age).patient
    assert patient is not None and patient.age == years
