"""A total that holds a line whose factor is a cited range says its span (clinician review 21,
N2): an applied SC oxycodone switch the plan valued at × 3 (120 OME/day) is counted at × 2 (80),
and the total alone read as a 44% fall where the plan said 15.8%.

Properties, every set × regimens of ranged and unranged rows: the span holds the total (the
set's point lies in its range), and each end equals the total ``compute_mme`` gives under the
same tables with every ranged row's point moved to that end (an independent computation).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mps_pain.domain.mme import compute_mme
from mps_pain.domain.regimen import RegimenDocument
from mps_pain.presentation.mme import mme_view
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables
from mps_pain_cli.render import render_mme

TABLES = get_tables()

#: rows of every kind: SC/IV ranged rows, oral ranged rows, a patch, unranged rows
_ITEMS: tuple[dict[str, Any], ...] = (
    {"drug": "oxycodone", "route": "sc", "rate": "{x} mg/day"},
    {"drug": "morphine", "route": "sc", "rate": "{x} mg/day"},
    {"drug": "hydromorphone", "route": "sc", "rate": "{x} mg/day"},
    {"drug": "fentanyl", "route": "iv", "rate": "{x} mcg/h"},
    {"drug": "oxycodone", "route": "oral", "form": "ir", "dose": "{x} mg", "frequency": "q4h"},
    {"drug": "hydromorphone", "route": "oral", "form": "ir", "dose": "{x} mg", "frequency": "q4h"},
    {"drug": "morphine", "route": "oral", "form": "ir", "dose": "{x} mg", "frequency": "q4h"},
    {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "{x} mcg/h"},
)
_SETS = tuple(TABLES.sets)


def _item(template: dict[str, Any], amount: int) -> dict[str, Any]:
    return {k: v.format(x=amount) if isinstance(v, str) else v for k, v in template.items()}


@cache
def _moved(end: int) -> TableIndex:
    """The shipped tables with every ranged row's point at its range's low (0) or high (1) end."""
    sets = []
    for set_ in TABLES.tables.reference_sets:
        factors = [
            f.model_copy(update={"factor": (f.range.low, f.range.high)[end]}) if f.range else f
            for f in set_.factors
        ]
        sets.append(set_.model_copy(update={"factors": factors}))
    tables = TABLES.tables.model_copy(update={"reference_sets": sets})
    return TableIndex(tables, sha256="moved-" + str(end), origin="test")


def _document(picks: list[tuple[int, int]]) -> RegimenDocument:
    items = [_item(_ITEMS[i], amount) for i, amount in picks]
    return RegimenDocument.model_validate({"items": items})


def _check(set_id: str, picks: list[tuple[int, int]]) -> None:
    document = _document(picks)
    result = compute_mme(TABLES, document, table_id=set_id, on_item_error="exclude")
    span = result.ranged_total
    counted = [line for line in result.items if line.counted and line.mme_per_day is not None]
    ranged = [
        line
        for line in counted
        if line.factor_range and len(set(line.factor_range)) == 2 and line.mme_per_day > 0
    ]
    assert (span is None) == (not ranged)
    if span is None:
        return
    assert span.items == tuple(line.index for line in ranged)
    assert span.low <= result.total_mme_per_day <= span.high
    for end, value in ((0, span.low), (1, span.high)):
        moved = compute_mme(_moved(end), document, table_id=set_id, on_item_error="exclude")
        assert moved.total_mme_per_day == value, (end, value)
    words = mme_view(result).ranged
    assert words.startswith(mme_view(result).total_text + " at the set's point")
    assert words in render_mme(result)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    set_id=st.sampled_from(_SETS),
    picks=st.lists(
        st.tuples(st.integers(0, len(_ITEMS) - 1), st.integers(1, 200)), min_size=1, max_size=4
    ),
)
@example(set_id="uk-palliative", picks=[(0, 40)])  # the ward's applied SC oxycodone: 80–120
def test_span_holds_the_total_and_equals_each_end(
    set_id: str, picks: list[tuple[int, int]]
) -> None:
    _check(set_id, picks)


def test_applied_sc_oxycodone_says_its_span() -> None:
    """The ward case (review 21, task a): 40 mg/24 h SC oxycodone, 80 at × 2, 120 at × 3."""
    document = _document([(0, 40)])
    result = compute_mme(TABLES, document, table_id="uk-palliative")
    assert result.total_mme_per_day == 80
    assert result.ranged_total is not None
    assert (result.ranged_total.low, result.ranged_total.high) == (80, 120)
    assert mme_view(result).ranged.startswith(
        "80 OME/day at the set's point; 80–120 OME/day across the cited factor range of row 1."
    )


def test_no_range_no_span() -> None:
    document = _document([(6, 10)])  # oral morphine: no range
    result = compute_mme(TABLES, document, table_id="uk-palliative")
    assert result.ranged_total is None
    assert mme_view(result).ranged == ""


def test_the_printed_regimen_says_the_span_under_its_total() -> None:
    """The regimen PDF's table (``ui.printing.regimen_table``) prints the span under the total."""
    from html import escape

    from ui.printing.regimen_table import regimen_table

    result = compute_mme(TABLES, _document([(0, 40)]), table_id="uk-palliative")
    html = regimen_table(result, lambda number: number, (), None)
    total_at = html.index("80 OME/day")
    assert html.index(escape(mme_view(result).ranged)) > total_at
