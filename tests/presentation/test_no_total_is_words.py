"""Clinician re-check 18b, #4: the only opioid row unreadable, the headline read "0 MME/day
(incomplete)" and every bar "0 MME/day INCOMPLETE": a patient on morphine shown as on nothing.

Session 17 fixed it for methadone under a set without a methadone factor; the class is any reason
no opioid row adds to the total (a set's gap, a row the editor or the engine cannot read, every
opioid as needed and left out by the as-needed choice, no opioid at all): the app's view record
then says why in words, never a "0" total, in the headline, the check tab's total (``mme_view``),
the records dialog's line (``total_line``) and the spread's bars (``bar_value_text``).
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.presentation.mme import headline, mme_view, total_line
from mps_pain.presentation.no_total import bar_value_text, no_total_words
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
SETS = [set_.id for set_ in TABLES.tables.reference_sets]
A_ZERO_TOTAL = re.compile(r"(?<![\d.])0 (?:OME|MME|oMEDD)/day")

ROWS: list[dict[str, Any]] = [
    {"drug": "morphine", "route": "oral", "form": "ir", "dose": "10 mg", "frequency": "q4h"},
    {"drug": "methadone", "route": "oral", "dose": "5 mg", "frequency": "bid"},
    {
        "drug": "morphine",
        "route": "oral",
        "form": "ir",
        "prn": True,
        "dose": "5 mg",
        "doses_per_day": 3,
    },
    {
        "drug": "oxycodone",
        "route": "oral",
        "form": "ir",
        "prn": True,
        "dose": "5 mg",
        "doses_per_day": 0,
    },
    {"drug": "morphine", "route": "transdermal", "dose": "10 mg", "frequency": "q4h"},  # refused
    {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "tid"},
    {"drug": "acetaminophen", "route": "oral", "dose": "1 g", "frequency": "qid"},
]
KETAMINE = ROWS[5]


def _adds(result: Any) -> bool:
    return any(
        line.kind == "opioid" and line.counted and (line.mme_per_day or 0) > 0
        for line in result.items
    )


def test_the_only_opioid_row_unreadable_is_words_not_zero() -> None:
    """The reviewer's regimen: ketamine beside a morphine row the editor could not read (row 1,
    which never reaches the engine)."""
    result = calculate_mme(
        {"items": [KETAMINE]}, tables=TABLES, table_id="cdc-2022", on_item_error="exclude"
    )
    view = mme_view(result, (1,))
    assert not view.has_total
    assert view.total_text == "No MME total: row 1 is left out until it is corrected or deleted."
    shown = headline(view.total_text, result.warnings, incomplete=True, has_total=False)
    assert not A_ZERO_TOTAL.search(shown.text), shown.text
    bars = [bar_value_text(e, " INCOMPLETE", has_total=False) for e in result.spread]
    assert not any(A_ZERO_TOTAL.search(bar) for bar in bars), bars


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(ROWS), min_size=1, max_size=4),
    st.sampled_from(SETS),
    st.sampled_from(["include", "exclude"]),
    st.lists(st.integers(min_value=1, max_value=6), max_size=2),
)
def test_no_zero_total_unless_an_opioid_is_counted_and_nothing_left_out(
    rows: list[dict[str, Any]], set_id: str, prn: str, unreadable: list[int]
) -> None:
    result = calculate_mme(
        {"items": rows}, tables=TABLES, table_id=set_id, prn_policy=prn, on_item_error="exclude"
    )  # type: ignore[arg-type]
    view = mme_view(result, unreadable)
    left_out = bool(unreadable or result.excluded)
    counted = any(line.kind == "opioid" and line.counted for line in result.items)
    texts = [
        view.total_text,
        total_line(result, unreadable=unreadable),
        headline(
            view.total_text, result.warnings, incomplete=left_out, has_total=view.has_total
        ).text,
        *(bar_value_text(e, "", has_total=view.has_total) for e in result.spread),
    ]
    if _adds(result):
        assert view.has_total and no_total_words(result, unreadable) is None
    elif left_out or not counted:  # nothing adds: words, whatever the reason
        assert not view.has_total
        zero = [text for text in texts if A_ZERO_TOTAL.search(text)]
        assert not zero, zero
        assert view.total_text.startswith(f"No {result.output_label} total: ")
