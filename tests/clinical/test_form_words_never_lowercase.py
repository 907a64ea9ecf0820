"""Clinician re-check 18b, #6: "Rows 3 and 4 are the same order (oxycodone oral er, 40 mg/day)".

The duplicate-order caution printed the form as the user typed it ("er", "mr"); everywhere else
the app prints "oxycodone oral ER". Form words go by the one form-label rule
(``tables/form_spelling.py``): a sweep over what ``mme``, ``rotate`` and ``check`` print, with
every spelling of the forms, finds no lowercase " er", " ir", " mr" or " sr" form word.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
SETS = [set_.id for set_ in TABLES.tables.reference_sets]
LOWERCASE_FORM = re.compile(r"(?<![\w'])(er|ir|mr|sr)(?![\w'])")
SPELLINGS = {"er": ["er", "ER", "mr", "MR", "sr"], "ir": ["ir", "IR"]}


def _row(drug: str, family: str, spelling: str, dose: str, frequency: str) -> dict[str, Any]:
    return {"drug": drug, "route": "oral", "form": spelling, "dose": dose, "frequency": frequency}


@st.composite
def orders(draw: st.DrawFn) -> dict[str, Any]:
    drug = draw(st.sampled_from(["morphine", "oxycodone", "hydromorphone"]))
    family = draw(st.sampled_from(["er", "ir"]))
    spelling = draw(st.sampled_from(SPELLINGS[family]))
    if family == "er":
        return _row(drug, family, spelling, "20 mg", "q12h")
    return _row(drug, family, spelling, "5 mg", "q4h")


def _printed(value: Any) -> list[str]:
    """Every string of a result (its JSON), for the sweep."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for inner in value.values() for text in _printed(inner)]
    if isinstance(value, list | tuple):
        return [text for inner in value for text in _printed(inner)]
    return []


def _sentences(value: Any) -> list[str]:
    """The strings a reader is shown as words (a sentence has a space; ids and codes do not)."""
    return [text for text in _printed(value) if " " in text]


def test_duplicate_order_names_the_form_as_printed_everywhere() -> None:
    row = _row("oxycodone", "er", "er", "20 mg", "bid")
    result = calculate_mme({"items": [row, dict(row)]}, tables=TABLES, table_id="uk-palliative")
    twice = [w.message for w in result.warnings if w.code == "duplicate-item"]
    assert twice and "(oxycodone oral ER, 40 mg/day)" in twice[0], twice


@settings(max_examples=40, deadline=None)
@given(st.lists(orders(), min_size=1, max_size=3), st.sampled_from(SETS))
def test_mme_prints_no_lowercase_form_word(rows: list[dict[str, Any]], set_id: str) -> None:
    document = {"items": [*rows, *rows]}  # each order twice: the duplicate caution names it
    result = calculate_mme(document, tables=TABLES, table_id=set_id, on_item_error="exclude")
    found = [s for s in _sentences(result.model_dump()) if LOWERCASE_FORM.search(s)]
    assert not found, found


@settings(max_examples=25, deadline=None)
@given(orders(), st.sampled_from(["morphine", "oxycodone", "hydromorphone"]), st.data())
def test_rotate_and_check_print_no_lowercase_form_word(
    current: dict[str, Any], target: str, data: st.DataObject
) -> None:
    spelling = data.draw(st.sampled_from(SPELLINGS["er"]))
    others = [drug for drug in ("morphine", "oxycodone", "hydromorphone") if drug != target]
    current = {**current, "drug": data.draw(st.sampled_from(others))}  # a switch
    request = {
        "from": {"items": [current, dict(current)]},
        "to": {"drug": target, "route": "oral", "form": spelling, "frequency": "q12h"},
        "table": "uk-palliative",
    }
    plan = plan_rotation(request)
    found = [s for s in _sentences(plan.model_dump()) if LOWERCASE_FORM.search(s)]
    proposed = [_row(target, "er", spelling, "10 mg", "q12h")]
    check = check_proposal(
        {"from": request["from"], "proposed": {"items": proposed}, "table": "uk-palliative"}
    )
    found += [s for s in _sentences(check.model_dump()) if LOWERCASE_FORM.search(s)]
    assert not found, found
