"""Remembered answers (``mps_pain.domain.memo``) are the answers the rules compute.

The engine remembers, per table, each item's row lookups under every set, each drug's
maximum-dose warning, the class-combination warnings and the threshold warning. A result computed
on a table whose memo is full of earlier answers must equal the result on a fresh index of the
same table, for any regimen; answers never cross from one table to another; and a caller that
changes a list it was given does not change the next caller's.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given

from mps_pain.errors import MpsPainError
from mps_pain.services.documents import parse_regimen
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables
from mps_pain.tables.schema import ConversionTables
from tests.robustness.test_batch_summary_equivalence import documents

WARM = get_tables()


def _fresh(tables: TableIndex) -> TableIndex:
    """The same validated table in a new index: nothing remembered yet."""
    return TableIndex(tables.tables, sha256=tables.sha256, origin=tables.origin)


def _outcome(tables: TableIndex, raw: dict[str, Any]) -> Any:
    try:
        return calculate_mme(raw, tables=tables).model_dump(mode="json")
    except MpsPainError as exc:
        return exc.to_dict()


@given(document=documents())
def test_a_warm_memo_gives_the_fresh_tables_result(document: dict[str, Any]) -> None:
    first = _outcome(WARM, document)
    again = _outcome(WARM, document)  # every answer it needs is remembered now
    assert again == first == _outcome(_fresh(WARM), document)


def test_answers_stay_with_their_table() -> None:
    document = {
        "table": "cdc-2022",
        "items": [
            {"drug": "oxycodone", "route": "oral", "dose": "10 mg", "frequency": "q12h"},
            {"drug": "pregabalin", "route": "oral", "dose": "300 mg", "frequency": "bid"},
        ],
    }
    shipped = calculate_mme(document, tables=WARM)
    data = WARM.tables.model_dump()
    (cdc,) = [s for s in data["reference_sets"] if s["id"] == "cdc-2022"]
    (row,) = [f for f in cdc["factors"] if f["drug"] == "oxycodone" and f["routes"] == ["oral"]]
    row["factor"] = 2.0  # the same lookups, another answer: a table made up for this test
    changed = TableIndex(
        ConversionTables.model_validate(data), sha256=WARM.sha256, origin="edited in the test"
    )
    edited = calculate_mme(document, tables=changed)
    assert (shipped.total_mme_per_day, edited.total_mme_per_day) == (30.0, 40.0)
    assert [w.code for w in edited.warnings] == [w.code for w in shipped.warnings]
    assert calculate_mme(document, tables=WARM) == shipped
    assert calculate_mme(document, tables=changed) == edited


def test_a_changed_warnings_list_does_not_change_the_next_result() -> None:
    raw = {
        "table": "cdc-2022",
        "items": [
            {"drug": "oxycodone", "route": "oral", "dose": "40 mg", "frequency": "q12h"},
            {"drug": "pregabalin", "route": "oral", "dose": "300 mg", "frequency": "bid"},
        ],
    }
    document = parse_regimen(raw)
    first = calculate_mme(document, tables=WARM)
    first.warnings.clear()  # a caller's own copy
    second = calculate_mme(document, tables=WARM)
    assert [w.code for w in second.warnings] == [
        w.code for w in calculate_mme(document, tables=_fresh(WARM)).warnings
    ]
    assert second.warnings
