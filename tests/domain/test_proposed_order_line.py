"""Clinician review 16, #2: a proposed as-needed line with no count of doses is the order as
written ("not reported"), the one rule the app's proposal editor reads; any other line is left
as written (a current regimen's as-needed line still needs its doses taken)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mps_pain.domain.proposed_order import proposed_line_fields
from mps_pain.domain.regimen import NOT_REPORTED, RegimenItem

RESCUE = {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "prn": True}


def test_an_as_needed_line_without_a_count_is_an_order() -> None:
    item = RegimenItem.model_validate(proposed_line_fields(RESCUE))
    assert item.doses_per_day == NOT_REPORTED
    with pytest.raises(ValidationError):  # as a current line it still needs its count
        RegimenItem.model_validate(RESCUE)


@pytest.mark.parametrize(
    "fields",
    [
        RESCUE | {"doses_per_day": 2},
        RESCUE | {"doses_per_day": "not reported"},
        {"drug": "oxycodone", "route": "oral", "form": "MR", "dose": "20 mg", "frequency": "q12h"},
    ],
)
def test_any_other_line_is_left_as_written(fields: dict[str, object]) -> None:
    assert proposed_line_fields(fields) == fields
