"""The sanity flags judge the proposed order's rows as ``mme`` judges a regimen's (pharmacist
re-check 18b, M1).

``check`` read the flags (``flag_above``, ``largest_unit``) of the current rows only: IV
hydromorphone 3 → 5 mg/h read DOSE CHANGE with an info note, a 200 → 250 mcg/h patch flagged
only the current 200, a switch to IV hydromorphone 4 mg/h read WITHIN, while ``mme`` gave each
proposed amount a DANGER to verify. The one rule (``plausibility_notes``) now judges the
proposed rows too, with the same severity, said of the proposed row, and the danger heads the
check.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.plausibility import SANITY_FLAGS
from mps_pain.domain.rotation.check_dangers import proposal_dangers
from mps_pain.domain.rotation.check_flags import proposed_flag_code
from mps_pain.errors import MpsPainError
from mps_pain.presentation.check import check_view
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
_PATCH = {"drug": "fentanyl", "route": "transdermal", "form": "patch"}

#: the reviewer's D1w, D1y, D1x: (current row, proposed row, set, the flag)
REPRODUCERS = [
    ({"drug": "hydromorphone", "route": "iv", "rate": "3 mg/h"},
     {"drug": "hydromorphone", "route": "iv", "rate": "5 mg/h"}, "fpm-2021",
     "amount-far-above-usual"),
    (_PATCH | {"rate": "200 mcg/h"}, _PATCH | {"rate": "250 mcg/h"}, "uk-palliative",
     "patch-above-largest-single"),
    ({"drug": "morphine", "route": "oral", "form": "MR", "dose": "1200 mg", "frequency": "q12h"},
     {"drug": "hydromorphone", "route": "iv", "rate": "4 mg/h"}, "fpm-2021",
     "amount-far-above-usual"),
]  # fmt: skip


@pytest.mark.parametrize(("now", "new", "table", "flag"), REPRODUCERS)
def test_a_flagged_proposed_row_is_a_danger_that_heads_the_check(
    now: dict[str, Any], new: dict[str, Any], table: str, flag: str
) -> None:
    request = {"from": {"items": [now]}, "proposed": {"items": [new]}, "table": table}
    result = check_proposal(request, tables=TABLES)
    mine = [w for w in proposal_dangers(result.warnings) if w.code == proposed_flag_code(flag)]
    assert mine, [(w.code, w.severity) for w in result.warnings]
    assert mine[0].message.startswith("Proposed row 1: "), mine[0].message
    view = check_view(result)
    assert view.severity.name == "danger" and view.verdict == "danger", view.verdict_label


_ROWS = st.one_of(
    st.integers(1, 9).map(lambda n: {"drug": "hydromorphone", "route": "iv",
                                     "rate": f"{n * 0.5} mg/h"}),
    st.sampled_from([12, 25, 50, 75, 100, 125, 150, 250, 450]).map(
        lambda r: _PATCH | {"rate": f"{r} mcg/h"}),
    st.integers(1, 12).map(lambda n: {"drug": "morphine", "route": "sc",
                                      "daily_dose": f"{n * 60} mg/day"}),
    st.integers(1, 8).map(lambda n: {"drug": "oxycodone", "route": "oral", "form": "ER",
                                     "dose": f"{n * 150} mg", "frequency": "q12h"}),
)  # fmt: skip
_NOW = [
    {"drug": "morphine", "route": "oral", "form": "MR", "dose": "60 mg", "frequency": "q12h"},
    {"drug": "oxycodone", "route": "iv", "rate": "2 mg/h"},
    _PATCH | {"rate": "100 mcg/h"},
]


@settings(max_examples=80, deadline=None)
@given(
    now=st.sampled_from(_NOW),
    new=_ROWS,
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
def test_the_check_flags_a_proposed_row_as_mme_flags_it(
    now: dict[str, Any], new: dict[str, Any], table: str
) -> None:
    """Whatever the current regimen, a proposed row carries exactly the flags ``mme`` gives the
    same row, with the same severity, and any of them makes the headline a danger."""
    try:
        alone = calculate_mme({"items": [new]}, tables=TABLES, table_id=table)
        result = check_proposal(
            {"from": {"items": [now]}, "proposed": {"items": [new]}, "table": table},
            tables=TABLES,
        )
    except MpsPainError:  # refused with its reason (a ceiling, a set without the drug)
        return
    expected = {(proposed_flag_code(w.code), w.severity) for w in alone.warnings
                if w.code in SANITY_FLAGS}  # fmt: skip
    wanted = {proposed_flag_code(code) for code in SANITY_FLAGS}
    found = {(w.code, w.severity) for w in result.warnings if w.code in wanted}
    assert found == expected, (new, found, expected)
    if expected:
        assert check_view(result).severity.name == "danger"
