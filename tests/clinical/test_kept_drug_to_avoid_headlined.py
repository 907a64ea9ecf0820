"""A proposed opioid the patient-factor rules say to avoid is headlined AVOID whether it is new,
kept or titrated (pharmacist re-check 13b #1: methadone kept at QTc 520 ms read "Verdict: WITHIN",
morphine raised 50% at eGFR 20 read DOSE CHANGE, while the same kept morphine was AVOID when
another line was stopped beside it). One gate, the planner's own (``gate.avoided_warning``), for
every proposed opioid on every path of the check."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

_MTD = {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"}
_MOR = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
_OXY = {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "frequency": "q4h"}


def _check(current: list[Any], proposed: list[Any], patient: dict[str, Any]) -> Any:
    request = {"from": {"items": current}, "proposed": {"items": proposed}}
    request |= {"table": "uk-palliative", "patient": patient}
    return check_proposal(request, tables=get_tables())


@pytest.mark.parametrize(
    ("current", "proposed", "patient"),
    [
        ([_MTD], [_MTD], {"qtc": "520 ms"}),  # kept unchanged
        ([_MTD], [_MTD | {"dose": "15 mg"}], {"qtc": "520 ms"}),  # raised
        ([_MOR], [_MOR | {"dose": "45 mg"}], {"egfr": "20 mL/min"}),  # raised
        ([_MOR], [_MOR], {"egfr": "20 mL/min"}),  # kept unchanged
        ([_MOR, _OXY], [_MOR], {"egfr": "20 mL/min"}),  # kept, another stopped (was AVOID)
    ],
)
def test_a_proposed_opioid_to_avoid_is_headlined_avoid(current, proposed, patient) -> None:
    result = _check(current, proposed, patient)
    said = " ".join([*result.reasons, *(w.message for w in result.warnings)])
    assert result.avoid, said


def test_a_drug_not_to_avoid_is_not_headlined_avoid() -> None:
    result = _check([_MOR], [_MOR | {"dose": "45 mg"}], {"egfr": "60 mL/min"})
    assert not result.avoid


def test_methadone_kept_beside_another_opioid_is_never_summed_into_an_ome() -> None:
    """Pharmacist re-check 13b #2: methadone 10 mg tid + oxycodone ER 10 -> 40 mg q12h read "in
    total 277.5 -> 367.5 mg/day OME (+32%)", methadone counted at Lawlor's 8.25 (a fourfold
    oxycodone raise said as +32%); as for a line added beside methadone, each drug by itself."""
    oxy_er = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "10 mg"}
    oxy_er |= {"frequency": "q12h"}
    result = _check([_MTD, oxy_er], [_MTD, oxy_er | {"dose": "40 mg"}], {})
    said = " ".join([*result.reasons, *(w.message for w in result.warnings)])
    assert "277.5" not in said and "367.5" not in said, said
    assert result.proposed_ome_per_day != 367.5, said
    drugs = {amount.drug for amount in result.proposed_amounts}
    assert {"methadone", "oxycodone"} <= drugs, result.proposed_amounts
    assert "+300%" in said, said  # the oxycodone line's own step is still said
