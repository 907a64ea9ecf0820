"""The speed-batch pass's fast paths give what the rules they stand for give (issue #11 item 8).

- ``duplicate_item_warnings`` answers "none" without building each item's order when no drug
  is written twice, and judges only the items whose drug is written twice: the same answer as
  the rule itself (``_repeated_orders``) on all the items, for any items;
- ``regimen_record`` (perf-batch4: one pass over a regimen's items for every rule of
  ``mme_warnings``) gathers what each rule picked for itself before: each drug's maximum-dose
  uses, the regular long-acting lines (``long_acting_lines``), the current ``DrugUse``s, the
  patches, the tolerance basis, and the items' notes;
- ``_columns`` adds each set's column inline: the same totals (or None) as ``_added`` per set,
  and ``_column_of`` the same place as the position among the table's sets;
- the risk-MME info is remembered per set: the same warning as built afresh (the PRN-default
  info is one frozen value, the same for every regimen);
- a batch summary reads a document's context and its items apart (no document put together
  per line): the same summary as from the document validated whole.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.duplicates import _repeated_orders, duplicate_item_warnings
from mps_pain.domain.long_acting import long_acting_lines
from mps_pain.domain.mme_totals import _added, _column_of, _columns
from mps_pain.domain.normalise import DailyItem, normalise_item
from mps_pain.domain.patient_rules import DrugUse, uses_of
from mps_pain.domain.patient_rules.interactions import _class_rule_warnings, class_rule_warnings
from mps_pain.domain.patient_rules.uses import Role
from mps_pain.domain.regimen_record import regimen_record
from mps_pain.domain.warnings import _not_for_switching_warning, not_for_switching_warning
from mps_pain.errors import MpsPainError
from mps_pain.services.batch_summary import SummaryLines
from mps_pain.services.documents import parse_regimen
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables
from tests.robustness.test_batch_summary_equivalence import documents, items

TABLES = get_tables()

# orders that repeat, and the same drug by another form, route or amount
ORDERS: list[dict[str, Any]] = [
    {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "10 mg", "frequency": "q12h"},
    {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "frequency": "q4h"},
    {"drug": "oxycodone", "route": "oral", "daily_dose": "20 mg/day"},
    {"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"},
    {"drug": "morphine", "route": "oral", "daily_dose": "60 mg/day"},
    {"drug": "morphine", "route": "sc", "dose": "2.5 mg", "prn": True, "doses_per_day": 3},
    {"drug": "pregabalin", "route": "oral", "dose": "75 mg", "frequency": "bid"},
    {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
]


def _daily(raw_items: list[dict[str, Any]]) -> list[DailyItem]:
    """The items that normalise, each at its own position (a refusal is left out)."""
    found = []
    for position, raw in enumerate(raw_items):
        try:
            document = parse_regimen({"items": [raw]})
            found.append(normalise_item(TABLES, position, document.items[0]))
        except MpsPainError:
            continue
    return found


@given(raw_items=st.lists(st.sampled_from(ORDERS) | items(), max_size=6))
def test_no_drug_twice_gives_what_the_duplicate_rule_gives(
    raw_items: list[dict[str, Any]],
) -> None:
    daily = _daily(raw_items)
    assert duplicate_item_warnings(daily) == _repeated_orders(daily)


@given(raw_items=st.lists(st.sampled_from(ORDERS) | items(), max_size=6))
def test_the_regimen_record_gathers_what_each_rule_picked(
    raw_items: list[dict[str, Any]],
) -> None:
    daily = _daily(raw_items)
    record = regimen_record(TABLES, daily)
    by_drug: dict[str, list[tuple[int, str, float]]] = {}
    for d in daily:
        if TABLES.drugs[d.drug.id].max_daily:
            by_drug.setdefault(d.drug.id, []).append((d.index, d.item.route, d.daily_mg_per_day))
    assert record.max_dose == by_drug
    assert list(record.max_dose) == list(by_drug)  # drugs in order of first appearance
    assert record.long_acting == long_acting_lines(daily)
    assert record.notes == [note for d in daily for note in d.notes]
    current = uses_of(daily, "current")
    assert record.uses.current == current
    assert record.uses.patches == [u for u in current if u.route == "transdermal"]
    regular = [d for d in daily if d.is_opioid and not d.item.prn]
    others = [d for d in regular if d.item.route != "transdermal"]
    assert record.uses.tolerance_basis == (regular if others else None)


def test_the_duplicate_rule_still_names_a_repeated_order() -> None:
    daily = _daily([ORDERS[0], ORDERS[3], ORDERS[0]])
    found = duplicate_item_warnings(daily)
    assert [(w.code, w.items) for w in found] == [("duplicate-item", (0, 2))]


_OMES = st.one_of(
    st.none(),
    st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.1, 0.2, 0.3, 1 / 3, 2.5, 90.0, 49.99999999999999]),
)


@given(data=st.data())
def test_columns_add_each_set_as_the_total_rule_does(data: st.DataObject) -> None:
    width = len(TABLES.sets)
    rows = data.draw(st.lists(st.tuples(*[_OMES] * width), max_size=6))
    columns = list(zip(*rows, strict=True)) if rows else [()] * width
    expected = {
        set_id: None if None in column else _added(column)
        for set_id, column in zip(TABLES.sets, columns, strict=True)
    }
    found = _columns(TABLES, rows)
    assert list(found) == list(expected)
    assert {k: repr(v) for k, v in found.items()} == {k: repr(v) for k, v in expected.items()}


def test_a_sets_column_is_its_place_among_the_sets() -> None:
    fresh = TableIndex(TABLES.tables, sha256=TABLES.sha256, origin=TABLES.origin)
    for tables in (fresh, fresh, TABLES):  # the first call of a fresh index builds the map
        for set_id in tables.sets:
            assert _column_of(tables, set_id) == list(tables.sets).index(set_id)


def test_remembered_set_warnings_are_the_warnings_built_afresh() -> None:
    fresh = TableIndex(TABLES.tables, sha256=TABLES.sha256, origin=TABLES.origin)
    for set_ in TABLES.sets.values():
        built = _not_for_switching_warning(TABLES, set_)
        for tables in (TABLES, TABLES, fresh):
            found = not_for_switching_warning(tables, set_)
            assert found == built and found.model_dump_json() == built.model_dump_json()
        # a set that is not the table's own (an edited copy) is never answered from the memo
        renamed = set_.model_copy(update={"name": f"{set_.name} (edited)"})
        assert not_for_switching_warning(TABLES, renamed) == _not_for_switching_warning(
            TABLES, renamed
        )
        assert "(edited)" in not_for_switching_warning(TABLES, renamed).message


def _summary_or_refusal(compute: Any) -> Any:
    try:
        return compute()
    except MpsPainError as exc:
        return exc.to_dict()


@given(raw=documents())
def test_a_summary_read_apart_is_the_summary_of_the_whole_document(raw: dict[str, Any]) -> None:
    lines = SummaryLines(TABLES, None, None)
    apart = _summary_or_refusal(lambda: lines._summary(*lines._document(raw)))
    again = _summary_or_refusal(lambda: lines._summary(*lines._document(raw)))  # from caches

    def whole() -> Any:
        document = parse_regimen(raw)
        return lines._summary(document, document.items)

    assert repr(apart) == repr(again) == repr(_summary_or_refusal(whole))


@given(raw_items=st.lists(st.sampled_from(ORDERS) | items(), max_size=6))
def test_a_daily_items_slots_are_its_items_and_drugs(raw_items: list[dict[str, Any]]) -> None:
    """perf-summary5: the rules read ``drug_id``, ``route`` and ``prn`` from slots, derived when
    the item is made (and again by ``replace``), never given."""
    daily = _daily(raw_items)
    for d in daily:
        assert (d.drug_id, d.route, d.prn) == (d.drug.id, d.item.route, d.item.prn)
    if len(daily) >= 2:
        swapped = replace(daily[0], item=daily[1].item, drug=daily[1].drug)
        assert (swapped.drug_id, swapped.route, swapped.prn) == (
            daily[1].drug.id,
            daily[1].item.route,
            daily[1].item.prn,
        )


@given(
    raw_items=st.lists(st.sampled_from(ORDERS) | items(), max_size=6),
    roles=st.lists(st.sampled_from(["current", "given"]), min_size=6, max_size=6),
)
def test_remembered_class_rules_are_the_rules_computed_afresh(
    raw_items: list[dict[str, Any]], roles: list[Role]
) -> None:
    """perf-summary5: the class rules' verdict is remembered by the relevant drugs' ids and each
    warning by rule, names and row: the same warnings as computed afresh, rows included."""
    uses = [
        DrugUse(d.drug, d.route, d.index, role)
        for d, role in zip(_daily(raw_items), roles, strict=False)
    ]
    assert class_rule_warnings(TABLES, uses) == _class_rule_warnings(TABLES, uses)
    assert class_rule_warnings(TABLES, uses) == _class_rule_warnings(TABLES, uses)  # remembered
