"""Clinician review 20, N6: "2,08 mg/h" in the check tab's Rate was "not an amount. Type a
number and a unit", while the Weight field, the command line ("'25,0 mcg/h': write 25 mcg/h,
with a decimal point, not a comma") and practice named the comma. One rule reads a comma in an
amount (``mps_pain.comma_amounts.comma_readings``): every amount field of the app names it, with
the amount as it should be written, and says both readings where the comma may separate
thousands."""

from __future__ import annotations

import pytest

from mps_pain.units import parse_quantity
from ui.plain_language import QUANTITY_FIELDS, field_problem, patient_message

ROW = {"drug": "morphine", "route": "sc", "form": "injection"}


@pytest.mark.parametrize("field", sorted(QUANTITY_FIELDS))
@pytest.mark.parametrize(("typed", "written"), [("2,08 mg/h", "2.08 mg/h"), ("7,5 mg", "7.5 mg")])
def test_a_decimal_comma_is_named_in_every_row_amount(field: str, typed: str, written: str) -> None:
    said = field_problem(field, typed, ROW)
    assert "comma" in said and written in said, said
    assert "not an amount" not in said, said
    assert parse_quantity(written).value == float(written.split()[0])


@pytest.mark.parametrize("field", sorted(QUANTITY_FIELDS))
def test_a_comma_that_may_separate_thousands_says_both_readings(field: str) -> None:
    said = field_problem(field, "1,000 mg", ROW)
    assert "1000 mg" in said and "1 mg" in said and "thousands" in said, said


@pytest.mark.parametrize("field", ["weight", "egfr", "creatinine_clearance", "qtc"])
def test_every_header_amount_names_the_comma_by_the_same_rule(field: str) -> None:
    said = patient_message(field, "58,5")
    assert "comma" in said and "58.5" in said, said
    assert "58.500" not in patient_message(field, "1,000"), patient_message(field, "1,000")
    assert "1000" in patient_message(field, "1,000"), patient_message(field, "1,000")
