"""Pharmacist re-check 17b, H3 (high): beside a halved proposal a rescue sized to the OLD dose
was an order, never summed, whatever its count. Current morphine MR 150 mg q12h (300 mg/day
OME) -> oxycodone MR 50 mg q12h (150) + oxycodone IR 30 mg as needed x12 read WITHIN, though at
its own count it allows 690 mg/day OME: the set-aside ceiling was 1/6 of the larger of the
proposal and the UNREDUCED current OME (33 mg of oxycodone).

The ceiling's current side is now the most the sources allow the new regular dose to be: the top
of the switch's own expected range (the current OME less the smallest sourced reduction for the
switch; the current OME itself for a dose change or where the sources allow no reduction). A plan's
own rescue (1/6 of a target never above that top) stays an order beside any proposal in its range
(``test_rescue_base_is_the_total``); a larger rescue is summed by its count, or refused without
one, as before the ceiling.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
FIXTURES = Path(__file__).parent / "fixtures" / "recheck17b"


def _check(document: dict[str, Any]) -> Any:
    try:
        return check_proposal(document, tables=TABLES)
    except MpsPainError as error:
        return error


@pytest.mark.parametrize(
    "name",
    [
        "B5b-mor300-oxy100-rescue30x12.json",
        "CE1-mor300-oxy100-rescue33.json",
        "B5a-mor300-oxy100-rescue33-notrep.json",
        "B5e-mor300-oxy100-rescue30x12-jspm-JP.json",
    ],
)
def test_an_old_dose_rescue_beside_a_halved_switch_is_not_an_order(name: str) -> None:
    result = _check(json.loads((FIXTURES / name).read_text()))
    if isinstance(result, MpsPainError):  # no count: refused for it, as any rescue too large
        assert "doses_per_day" in str(result.location), result
        return
    assert not result.proposed_rescues, result.reasons
    assert result.verdict == "above", (result.verdict, result.proposed_ome_per_day)


@settings(max_examples=60, deadline=None)
@given(
    morphine=st.sampled_from([60, 120, 200, 300, 400]),
    share=st.floats(0, 1.2),
    dose=st.integers(1, 60),
    count=st.sampled_from([1, 3, 6, 12]),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
def test_a_rescue_above_a_sixth_of_the_switch_top_is_never_an_order(
    morphine: int, share: float, dose: int, count: int, table: str
) -> None:
    """Morphine MR -> oxycodone MR anywhere from half the current OME to above the range, with
    an oral oxycodone rescue (1.5 mg OME per mg in each set): it is an order (not summed) exactly
    when one dose is within 1/6 of the larger of the proposal and the range's top."""
    oxycodone = round(morphine / 1.5 * (0.5 + 0.5 * share))  # mg/day
    document = {
        "from": {"items": [{"drug": "morphine", "route": "oral", "form": "MR",
                            "dose": f"{morphine / 2} mg", "frequency": "q12h"}]},
        "proposed": {"items": [
            {"drug": "oxycodone", "route": "oral", "form": "MR",
             "daily_dose": f"{oxycodone} mg/day"},
            {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": f"{dose} mg", "prn": True,
             "doses_per_day": count},
        ]},
        "table": table,
    }  # fmt: skip
    result = _check(document)
    if isinstance(result, MpsPainError):
        return
    regular_ome = oxycodone * 1.5
    top = result.expected_high
    assert top is not None and top < morphine, (top, result.reasons)
    ceiling = max(regular_ome, top) / 6
    assert bool(result.proposed_rescues) is (dose * 1.5 <= ceiling * (1 + 1e-6)), (
        dose,
        ceiling,
        result.verdict,
        result.proposed_ome_per_day,
    )
