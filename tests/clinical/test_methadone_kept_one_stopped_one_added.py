"""Pharmacist review 14 #3 (13 #2, 13b #4): own13/O03, methadone 10 mg tid kept, oxycodone IR 5 mg
q4h stopped and morphine SC 20 mg/day added, was refused ("a proposal with methadone beside
another opioid cannot be judged as one switch"), although methadone beside a kept or added opioid
is judged (own14/Q04, 13b V13). The existing per-line rules cover it: methadone kept is a dose
change of itself, the stopped line is named as stopped (not converted), the added line is said by
itself, nothing is summed with methadone. Property over the stopped and added lines (other
drugs: the same drug by another route is a partial route switch by its cited ratio) and
methadone kept or titrated.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from mps_pain.domain.rotation.check_kept import BESIDE_METHADONE, STOPPED_BESIDE_METHADONE
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
_MTD = {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"}
STOPPED = [
    {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "frequency": "q4h"},
    {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"},
    {"drug": "hydromorphone", "route": "oral", "form": "IR", "dose": "1.3 mg", "frequency": "q4h"},
]
ADDED = [
    {"drug": "morphine", "route": "sc", "daily_dose": "20 mg/day"},
    {"drug": "oxycodone", "route": "sc", "daily_dose": "10 mg/day"},
    {"drug": "fentanyl", "route": "transdermal", "rate": "12 mcg/h"},
]
O03: dict[str, Any] = {
    "from": {"items": [_MTD, STOPPED[0]]},
    "proposed": {"items": [_MTD, ADDED[0]]},
    "table": "uk-palliative",
}


def _judged_line_by_line(request: dict[str, Any]) -> None:
    result = check_proposal(request, tables=TABLES)
    said = " ".join([*result.reasons, *(w.message for w in result.warnings)])
    assert result.verdict in ("dose_change", "within"), said
    codes = {w.code for w in result.warnings}
    assert {BESIDE_METHADONE, STOPPED_BESIDE_METHADONE} <= codes, said
    assert "stopped:" in said and "added:" in said, said
    drugs = {amount.drug for amount in result.proposed_amounts}
    assert "methadone" in drugs and len(drugs) == 2, result.proposed_amounts
    assert result.unit == "mg/day methadone", result.unit


def test_o03_is_judged_line_by_line() -> None:
    _judged_line_by_line(O03)


@given(
    stopped=st.sampled_from(STOPPED),
    added=st.sampled_from(ADDED),
    methadone=st.sampled_from(["10 mg", "5 mg", "15 mg"]),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
def test_methadone_kept_one_stopped_one_added(stopped, added, methadone, table) -> None:
    assume(not (stopped["drug"] == "hydromorphone" and table == "jspm-2010"))  # no row
    # the same drug by another route has a cited ratio: a partial route switch, judged by it
    assume(stopped["drug"] != added["drug"])
    request = {
        "from": {"items": [_MTD, stopped]},
        "proposed": {"items": [_MTD | {"dose": methadone}, added]},
        "table": table,
    }
    _judged_line_by_line(request)
