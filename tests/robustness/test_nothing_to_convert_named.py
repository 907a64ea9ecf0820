"""Fuzz re-check 20c, N3: a current regimen of as-needed doses with none taken (no ``prn``
choice) was refused "from.prn: no opioid dose is counted (as-needed doses excluded?): nothing to
convert". Nothing was excluded: the cause is the count of 0, and ``mme`` says so of the same row.

Invariant: where no opioid dose is counted, the refusal names the field that makes it so and says
why in a clinician's words: the as-needed row's ``doses_per_day`` when none were taken (the
first such opioid row), ``prn`` only when the as-needed doses were excluded; never a question.
The same for ``rotate``'s current regimen and ``check``'s current and proposed ones."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.errors import InputError
from mps_pain.services.rotation_service import check_proposal, plan_rotation

REGULAR = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
PARACETAMOL = {"drug": "paracetamol", "route": "oral", "dose": "1 g", "frequency": "qid"}
AS_NEEDED = [
    {"drug": "morphine", "route": "oral", "form": "IR", "dose": "5 mg"},
    {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg"},
    {"drug": "hydromorphone", "route": "sc", "dose": "1 mg"},
]


def _refusal(side: str, items: list[dict[str, Any]], prn: str | None = None) -> InputError:
    regimen: dict[str, Any] = {"items": items, **({"prn": prn} if prn else {})}
    if side == "rotate":
        to = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}
        document = {"from": regimen, "to": to, "table": "uk-palliative"}
    elif side == "from":
        document = {"from": regimen, "proposed": {"items": [REGULAR]}, "table": "uk-palliative"}
    else:
        document = {"from": {"items": [REGULAR]}, "proposed": regimen, "table": "uk-palliative"}
    with pytest.raises(InputError) as raised:
        plan_rotation(document) if side == "rotate" else check_proposal(document)
    return raised.value


def _rows(side: str) -> st.SearchStrategy[list[dict[str, str]]]:
    """As-needed rows; a proposal's of another drug than the current one (the current drug by
    its route as needed is a dose change of it, accepted)."""
    rows = [r for r in AS_NEEDED if side != "proposed" or r["drug"] != REGULAR["drug"]]
    return st.lists(st.sampled_from(rows), min_size=1, max_size=3)


SIDES = st.sampled_from(["rotate", "from", "proposed"])


@settings(max_examples=40, deadline=None)
@given(case=SIDES.flatmap(lambda side: st.tuples(st.just(side), _rows(side))), first=st.booleans())
def test_none_taken_is_named_at_the_count(
    case: tuple[str, list[dict[str, str]]], first: bool
) -> None:
    side, rows = case
    paracetamol_first = first
    items = [{**r, "prn": True, "doses_per_day": 0} for r in rows]
    items = [PARACETAMOL, *items] if paracetamol_first else items
    refusal = _refusal(side, items)
    place = "from" if side == "rotate" else side
    first = 1 if paracetamol_first else 0
    assert refusal.location == f"{place}.items[{first}].doses_per_day", refusal
    assert "?" not in refusal.message and "excluded" not in refusal.message, refusal.message
    assert "0 doses in 24 h" in refusal.message, refusal.message


@pytest.mark.parametrize("side", ["rotate", "from"])
def test_excluded_as_needed_doses_are_named_at_the_choice(side: str) -> None:
    items = [{**AS_NEEDED[0], "prn": True, "doses_per_day": 3}]
    refusal = _refusal(side, items, prn="exclude")
    assert refusal.location == "from.prn", refusal
    assert "?" not in refusal.message and "excluded" in refusal.message, refusal.message
