"""Outside fuzz review 6, item 1: the same order written twice silently doubled the total.

One rule (``domain.duplicates.duplicate_item_warnings``): two items with the same drug, route,
form, as-needed flag and the same daily amount once normalised (``10 mg q12h`` = ``20 mg/day``)
carry a caution naming both positions; the total still counts both, never silently."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation

OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "10 mg", "frequency": "q12h"}
OXY_DAILY = {"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "20 mg/day"}

DISTINCT: list[dict[str, Any]] = [
    OXY,
    {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"},
    {"drug": "morphine", "route": "oral", "form": "IR", "dose": "5 mg", "frequency": "q4h"},
    {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "frequency": "q6h"},
    {"drug": "hydromorphone", "route": "oral", "form": "IR", "dose": "2 mg", "frequency": "q6h"},
    {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"},
    {
        "drug": "morphine",
        "route": "oral",
        "form": "IR",
        "prn": True,
        "dose": "5 mg",
        "doses_per_day": 2,
    },
]


def _duplicates(result: Any) -> list[Any]:
    return [w for w in result.warnings if w.code == "duplicate-item"]


def test_the_same_line_twice_is_counted_but_never_silently() -> None:
    result = calculate_mme({"table": "fpm-2021", "items": [OXY, OXY]})
    assert result.total_mme_per_day == 60
    [warning] = _duplicates(result)
    assert warning.severity == "caution"
    assert warning.items == (0, 1) and warning.item == 0
    assert "1" in warning.message and "2" in warning.message


def test_the_same_daily_amount_written_differently_is_the_same_order() -> None:
    result = calculate_mme({"table": "fpm-2021", "items": [OXY, DISTINCT[1], OXY_DAILY]})
    [warning] = _duplicates(result)
    assert warning.items == (0, 2)


def test_rotate_and_check_carry_it() -> None:
    target = {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"}
    plan = plan_rotation({"from": {"items": [OXY, OXY]}, "to": target})
    assert any(w.code == "duplicate-item" for w in plan.warnings)
    proposed = {"items": [DISTINCT[1]]}
    report = check_proposal({"from": {"items": [OXY, OXY]}, "proposed": proposed})
    assert any(w.code == "duplicate-item" for w in report.warnings)


@settings(max_examples=200, deadline=None)
@given(
    picked=st.lists(st.sampled_from(range(len(DISTINCT))), min_size=1, max_size=5, unique=True),
    data=st.data(),
)
def test_any_repeated_item_is_named_and_distinct_items_never_are(
    picked: list[int], data: st.DataObject
) -> None:
    items = [DISTINCT[i] for i in picked]
    assert _duplicates(calculate_mme({"table": "fpm-2021", "items": items})) == []
    repeated = data.draw(st.sampled_from(range(len(items))))
    at = data.draw(st.integers(min_value=0, max_value=len(items)))
    doubled = [*items[:at], items[repeated], *items[at:]]
    first = repeated if repeated < at else repeated + 1
    pair = tuple(sorted((first, at)))
    found = _duplicates(calculate_mme({"table": "fpm-2021", "items": doubled}))
    assert [w.items for w in found] == [pair]


MORPHINE_ER = DISTINCT[1]
MORPHINE_ER_DAILY = {"drug": "morphine", "route": "oral", "form": "ER", "daily_dose": "60 mg/day"}


def test_a_proposal_written_twice_is_flagged_by_the_same_rule() -> None:
    """clinical11 task 3: check flagged a current line written twice but not a proposed one;
    morphine ER 30 mg q12h proposed twice (once as 60 mg/day) is the same order."""
    report = check_proposal(
        {"from": {"items": [OXY]}, "proposed": {"items": [MORPHINE_ER, MORPHINE_ER_DAILY]}}
    )
    [warning] = _duplicates(report)
    assert warning.severity == "caution"
    assert warning.message.startswith("Proposed rows 1 and 2 are the same order")
    assert warning.items == (0, 1)
    assert warning.item is None  # the proposal's rows: never a current row to highlight


def test_a_current_and_a_proposed_duplicate_are_each_named_once() -> None:
    report = check_proposal(
        {"from": {"items": [OXY, OXY]}, "proposed": {"items": [MORPHINE_ER, MORPHINE_ER]}}
    )
    messages = sorted(w.message.split(" are ")[0] for w in _duplicates(report))
    assert messages == ["Proposed rows 1 and 2", "Rows 1 and 2"]


def test_distinct_proposed_lines_are_not_flagged() -> None:
    proposed = {"items": [MORPHINE_ER, DISTINCT[2]]}
    assert _duplicates(check_proposal({"from": {"items": [OXY]}, "proposed": proposed})) == []


def test_an_omitted_form_is_no_difference() -> None:
    """Fuzz review 8, #4: morphine oral IR 10 mg q4h and the same line without its form were not
    flagged (120 OME/day counted, no caution). An omitted form is read as the same order when
    every other part agrees; two stated forms that differ are still two orders."""
    ir = {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg", "frequency": "q4h"}
    bare = {k: v for k, v in ir.items() if k != "form"}
    for items in ([ir, bare], [bare, ir]):
        result = calculate_mme({"table": "uk-palliative", "items": items})
        assert result.total_mme_per_day == 120
        [warning] = _duplicates(result)
        assert warning.items == (0, 1)
    er = {"drug": "morphine", "route": "oral", "form": "ER", "daily_dose": "60 mg/day"}
    bare_daily = {"drug": "morphine", "route": "oral", "daily_dose": "60 mg/day"}
    assert not _duplicates(calculate_mme({"table": "uk-palliative", "items": [ir, er]}))
    result = calculate_mme({"table": "uk-palliative", "items": [er, bare_daily]})
    assert [w.items for w in _duplicates(result)] == [(0, 1)]
