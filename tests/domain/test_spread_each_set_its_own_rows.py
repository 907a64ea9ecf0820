"""Each set of the spread is computed from every readable row, with its own factors (clinician
review 13, #2).

Under the default UK set, methadone oral 10 mg q8h + oxycodone IR 5 mg x 3 as needed: the UK set
has no methadone factor, so the headline is 22.5 OME/day INCOMPLETE; but the "same regimen under
each reference set" panel then left methadone out of EVERY set (CDC 2022 22.5 MME/day), while CDC
2022 selected gives 163.5 (30 x 4.7 + 22.5), above the >= 90 MME threshold. A row the chosen set
cannot convert is that set's gap only; a row that cannot be read at all is left out everywhere.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.mme import compute_mme
from mps_pain.domain.regimen import RegimenDocument
from mps_pain.tables.loader import get_tables

_MTD = {"drug": "methadone", "route": "oral", "form": "tablet", "dose": "10 mg", "frequency": "q8h"}
_OXY = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "IR",
    "dose": "5 mg",
    "prn": True,
    "doses_per_day": 3,
}


def _spread(items: list[dict[str, Any]], table: str) -> dict[str, Any]:
    document = RegimenDocument.model_validate({"items": items}, context={"lenient": True})
    result = compute_mme(get_tables(), document, table_id=table, on_item_error="exclude")
    return {entry.table: entry for entry in result.spread}


def test_a_row_the_chosen_set_cannot_convert_still_counts_in_the_other_sets() -> None:
    spread = _spread([_MTD, _OXY], "uk-palliative")
    assert spread["cdc-2022"].total_mme_per_day == pytest.approx(30 * 4.7 + 22.5)
    assert spread["cdc-2018-research"].total_mme_per_day == pytest.approx(30 * 3 + 22.5)
    assert spread["uk-palliative"].total_mme_per_day is None  # its own gap: not covered
    assert "methadone" in (spread["uk-palliative"].missing or "")


@given(table=st.sampled_from([s.id for s in get_tables().tables.reference_sets]))
def test_each_set_of_the_spread_is_that_set_chosen(table: str) -> None:
    """The spread's entry for a set equals the total with that set chosen, or "not covered"
    where that set leaves a readable row out; whatever set is chosen."""
    chosen = _spread([_MTD, _OXY], table)
    for other in chosen:
        alone = compute_mme(
            get_tables(),
            RegimenDocument.model_validate({"items": [_MTD, _OXY]}),
            table_id=other,
            on_item_error="exclude",
        )
        complete = not alone.excluded
        expected = alone.total_mme_per_day if complete else None
        assert chosen[other].total_mme_per_day == expected, (table, other)
