"""Clinician re-check 17b, #4: the check's total and its lines. A proposal judged by its OME
(``proposed_ome_per_day``) lists each counted line's OME as that total sums it
(``proposed_line_ome``, by the line's index in the proposal as written): the lines add up to the
total, a rescue order set aside (``proposed_rescues``) is never among them, and a line new in
the proposal read as a target (SC oxycodone 20 mg/day: 60, not its row's 40) carries the value
the verdict used. The GUI's OME/day column shows these (tests/ui/test_check_column_adds_up.py).
Property over the proposal's order of lines, its regular line and its rescue's size and count."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
CURRENT = {
    "items": [
        {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"},
        {"drug": "morphine", "route": "oral", "form": "IR", "prn": True, "dose": "10 mg",
         "doses_per_day": 2},
    ]
}  # fmt: skip
REGULAR = [
    {"drug": "oxycodone", "route": "sc", "form": "injection", "rate": "20 mg/day"},
    {"drug": "morphine", "route": "sc", "form": "injection", "rate": "30 mg/day"},
    {"drug": "hydromorphone", "route": "oral", "form": "MR", "dose": "8 mg", "frequency": "q12h"},
    {"drug": "oxycodone", "route": "oral", "form": "MR", "dose": "20 mg", "frequency": "q12h"},
]


def _rescue(drug: str, dose: float, count: int | None) -> dict[str, Any]:
    item: dict[str, Any] = {"drug": drug, "route": "oral", "form": "IR", "prn": True}
    item["dose"] = f"{dose:g} mg"
    return item | ({} if count is None else {"doses_per_day": count})


def _checked(items: list[dict[str, Any]]) -> Any:
    request = {"from": CURRENT, "proposed": {"items": items}, "table": "uk-palliative"}
    return check_proposal(request, tables=TABLES)


def test_the_reviewers_case_carries_the_verdicts_values() -> None:
    """SC oxycodone 20 mg/day + oral oxycodone IR 10 mg × 2: 60 + 30 = 90 (was 40 + 30)."""
    result = _checked([REGULAR[0], _rescue("oxycodone", 10, 2)])
    assert result.proposed_ome_per_day == 90
    assert dict(result.proposed_line_ome) == {0: 60, 1: 30}


@settings(max_examples=60, deadline=None)
@given(
    regular=st.sampled_from(REGULAR),
    drug=st.sampled_from(["oxycodone", "morphine"]),
    dose=st.sampled_from([2.5, 5, 10, 15]),
    count=st.none() | st.integers(1, 6),
    rescue_first=st.booleans(),
)
def test_the_lines_add_up_to_the_total(
    regular: dict[str, Any], drug: str, dose: float, count: int | None, rescue_first: bool
) -> None:
    rescue = _rescue(drug, dose, count)
    items = [rescue, regular] if rescue_first else [regular, rescue]
    try:
        result = _checked(items)
    except MpsPainError:
        return  # refused (a rescue above the ceiling with no count): no total to add up
    lines = dict(result.proposed_line_ome)
    assert not set(lines) & set(result.proposed_rescues), result
    if not lines:
        return  # no OME verdict (a dose change by line, a route ratio): nothing summed here
    assert result.proposed_ome_per_day == pytest.approx(sum(lines.values()), rel=1e-9), result
    assert items.index(regular) in lines, result
