"""A switch TO methadone from a regimen that already has methadone gives no dose (lead, session
12; found beside pharmacist re-check 12b's N5b; docs/clinical-review.md).

Methadone oral 10 mg tid + oxycodone IR 5 mg q4h -> methadone: fpm-2021 planned "Stop methadone
10 mg tid (30 mg/day) ... Start methadone 6 mg q8h": the methadone was converted to OME by a
cohort median (Lawlor 1998's 8.25), summed with the oxycodone and converted back by a method's
bands, a 40% cut of a stable methadone dose; jspm-2010 planned "stop methadone 10 mg tid, start
methadone 10 mg tid". Methadone conversions are not bidirectional (clinical-sources §3(c)):
replacing the other opioids by more methadone is a methadone dose change for a specialist, which
`check` judges as such (clinical31, N5b). The planner refuses, naming the target drug and why;
`check` is where a proposed methadone dose is judged.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.from_methadone import ON_METHADONE
from mps_pain.errors import InputError, PlanningError
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from tests.clinical.test_planner_check_property import SETS

_MTD = {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"}
_OXY_IR = {"drug": "oxycodone", "route": "oral", "form": "ir", "dose": "5 mg", "frequency": "q4h"}


def _refusal(lines: list[dict[str, Any]], table: str) -> PlanningError:
    request = {"from": {"items": lines}, "to": {"drug": "methadone", "route": "oral"}}
    with pytest.raises(PlanningError) as raised:
        plan_rotation({**request, "table": table}, tables=get_tables())
    return raised.value


@pytest.mark.parametrize("table", SETS)
def test_methadone_beside_another_opioid_to_methadone_gives_no_dose(table: str) -> None:
    refused = _refusal([_MTD, _OXY_IR], table)
    assert refused.reason == ON_METHADONE, refused.message
    assert refused.location_path == ("to", "drug")
    assert "not bidirectional" in refused.message and "check" in refused.message


_OTHERS = st.sampled_from(
    [
        _OXY_IR,
        {"drug": "morphine", "route": "oral", "form": "er", "dose": "30 mg", "frequency": "q12h"},
        {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
        {
            "drug": "oxycodone",
            "route": "oral",
            "form": "ir",
            "dose": "5 mg",
            "prn": True,
            "doses_per_day": 3,
        },
        {"drug": "hydromorphone", "route": "sc", "rate": "0.5 mg/h"},
    ]
)


@given(
    methadone_mg=st.sampled_from([2, 5, 10, 20, 40]),
    as_needed=st.booleans(),
    other=_OTHERS,
    table=st.sampled_from(SETS),
)
def test_no_methadone_dose_is_worked_out_from_an_ome_that_counts_methadone(
    methadone_mg: int, as_needed: bool, other: dict[str, Any], table: str
) -> None:
    methadone: dict[str, Any] = _MTD | {"dose": f"{methadone_mg} mg"}
    if as_needed:
        methadone = {k: v for k, v in methadone.items() if k != "frequency"}
        methadone |= {"prn": True, "doses_per_day": 2}
    refused = _refusal([methadone, other], table)
    assert refused.reason == ON_METHADONE, refused.message


def test_methadone_started_beside_a_new_opioid_is_refused_in_words_that_fit_the_order() -> None:
    """Pharmacist review 13 #2: a methadone proposal beside another opioid was refused "check a
    methadone proposal on its own (methadone only)", which is not what it is. (O03 itself,
    methadone KEPT with oxycodone stopped and morphine SC added, is now judged line by line:
    pharmacist review 14 #3, ``test_methadone_kept_one_stopped_one_added``.) Methadone STARTED
    beside a new opioid is still no single switch: refused in words that fit it."""
    added = {"drug": "morphine", "route": "sc", "rate": "0.8333 mg/h"}
    request = {"from": {"items": [_OXY_IR]}, "proposed": {"items": [_MTD, added]}}
    with pytest.raises(InputError) as refused:
        check_proposal({**request, "table": "uk-palliative"}, tables=get_tables())
    assert "methadone beside another opioid" in refused.value.message
    assert "separate order" in refused.value.message
    assert "(methadone only)" not in refused.value.message
