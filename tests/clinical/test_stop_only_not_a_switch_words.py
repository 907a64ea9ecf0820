"""A proposal that only stops lines is not worded as a switch, and a kept line's 0% cites the
software rule it is (pharmacist re-check 13b, #7).

O04 (morphine ER 30 mg q12h + oxycodone IR 5 mg q4h -> the morphine alone) read "Switch: a
different opioid beside morphine …"; O12 (patch 25 + morphine ER -> the patch alone) "Switch: to a
patch by the band table …". The verdicts are right (the kept lines read as taking over the stopped
ones, the planner's consolidation); the words now say no opioid is started. O14/O14b/N03/V09: the
kept line's 0% cited "Planner specification §1.3 '0% for the same drug by another route'" though
the kept line changes neither drug nor route: it takes no reduction because nothing about it
changes, a software rule (`rotation.reduction.kept_unchanged`).
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.rotation_service import check_proposal
from tests.clinical.test_added_line_other_drug import TABLES, _said

_MOR_ER = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
_OXY_IR = {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "frequency": "q4h"}
_OXY_ER = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"}
_PRN = {**_OXY_IR, "prn": True, "doses_per_day": 3, "frequency": None}
_MOR_PRN = {"drug": "morphine", "route": "oral", "form": "IR", "dose": "5 mg", "prn": True,
            "doses_per_day": 3}  # fmt: skip
_PATCH = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
_PATCH_12 = {**_PATCH, "rate": "12 mcg/h"}
_SC_MOR = {"drug": "morphine", "route": "sc", "rate": "0.5 mg/h"}


def _check(current: list[Any], proposed: list[Any]) -> Any:
    clean = [{k: v for k, v in i.items() if v is not None} for i in proposed]
    document = {"from": {"items": current}, "proposed": {"items": clean}}
    return check_proposal({**document, "table": "uk-palliative"}, tables=TABLES)


@pytest.mark.parametrize(
    ("current", "proposed"),
    [
        ([_MOR_ER, _OXY_IR], [_MOR_ER]),  # O04
        ([_PATCH, _MOR_ER], [_PATCH]),  # O12
        ([_MOR_ER, _OXY_IR, _SC_MOR], [_MOR_ER]),  # two stopped
        ([_MOR_ER, _OXY_IR, _SC_MOR], [_MOR_ER, _SC_MOR]),  # two kept, one stopped
    ],
)
def test_a_proposal_that_only_stops_lines_is_not_called_a_switch(
    current: list[Any], proposed: list[Any]
) -> None:
    result = _check(current, proposed)
    said = _said(result)
    assert "Switch:" not in said, said
    assert "no opioid started" in result.reasons[0], result.reasons[0]


# O14, N03 and V09 kept an as-needed line; since clinician review 16, #2 a proposed as-needed
# line within the breakthrough rule is an order, not a kept line (test_check_rescue_orders), so
# the same switches are asked here with a regular line kept (morphine SC)
@pytest.mark.parametrize(
    ("current", "proposed"),
    [
        ([_OXY_ER, _SC_MOR], [{**_MOR_ER}, _SC_MOR]),  # O14
        ([_OXY_ER, _SC_MOR], [_PATCH_12, _SC_MOR]),  # N03
        ([_OXY_ER, _SC_MOR], [_PATCH, _SC_MOR]),  # V09
    ],
)  # fmt: skip
def test_a_kept_line_cites_the_software_rule_not_the_route_rule(
    current: list[Any], proposed: list[Any]
) -> None:
    result = _check(current, proposed)
    said = _said(result)
    assert "kept unchanged" in said, said
    assert "0% for the same drug by another route" not in said, said
    assert "nothing about it changes" in said, said
    assert result.reasons[0].startswith("Switch:"), result.reasons[0]  # a real switch stays one
