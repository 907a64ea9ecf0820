"""Fuzz review 17, D1: a regimen checked against itself read WITHIN (175 against 175 mg/day
oMEDD), but with its as-needed morphine 10 mg written "10000 mcg" in the proposal it read DOSE
CHANGE (135, from 175), and "bid" for "q12h" gave a third reading: whether a proposed line keeps
a current one was decided on the words written, not on the amounts. The same amount written in
another unit, or the same interval by another name, reads alike, whatever line it is."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
PATCH = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
ER = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
RESCUE = {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True,
          "doses_per_day": 4}  # fmt: skip
HYDROMORPHONE = {"drug": "hydromorphone", "route": "oral", "form": "IR", "dose": "2 mg",
                 "frequency": "q4h"}  # fmt: skip
HM_RESCUE = {"drug": "hydromorphone", "route": "oral", "form": "IR", "dose": "5 mg",
             "prn": True, "doses_per_day": 2}  # fmt: skip
WRITTEN_OTHERWISE = {  # fuzz re-check 17b, N1: the same line in another shape or form word
    ("morphine", "ER"): ({"form": "MR"}, {"dose": None, "frequency": None,
                                            "daily_dose": "60 mg/day"}),
    ("morphine", "IR"): ({"form": None}, {"form": "oral_solution"}, {"form": "normal-release"}),
    ("hydromorphone", "IR"): ({"form": None},),
}  # fmt: skip
RESPELT = {  # the same amount or interval, as others write it
    "10 mg": ("10000 mcg", "0.01 g", "10mg"),
    "30 mg": ("30000 mcg", "0.03 g"),
    "2 mg": ("2000 mcg",),
    "5 mg": ("5000 mcg", "0.005 g"),
    "25 mcg/h": ("0.025 mg/h", "0.6 mg/day"),
    "q12h": ("bid", "every 12 hours"),
    "q4h": ("every 4 hours",),
}


def _respelt(line: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    out = dict(line)
    other = WRITTEN_OTHERWISE.get((line["drug"], line.get("form", "")))
    if other is not None and draw(st.booleans()):
        change = draw(st.sampled_from(other))
        out = {k: v for k, v in {**out, **change}.items() if v is not None}
        if "daily_dose" in out:
            return out
    for field in ("dose", "rate", "frequency"):
        spelling = out.get(field)
        if spelling in RESPELT and draw(st.booleans()):
            out[field] = draw(st.sampled_from(RESPELT[spelling]))
    return out


def _reading(items: list[dict[str, Any]], proposed: list[dict[str, Any]], table: str) -> Any:
    request = {"from": {"items": items}, "proposed": {"items": proposed}, "table": table}
    result = check_proposal(request, tables=TABLES)
    return (result.verdict, result.proposed_ome_per_day, result.expected_low, result.expected_high)


@given(
    regimen=st.sampled_from([[PATCH, ER, RESCUE], [ER, RESCUE], [HYDROMORPHONE, HM_RESCUE]]),
    table=st.sampled_from(("fpm-2021", "uk-palliative")),
    data=st.data(),
)
def test_a_regimen_checked_against_itself_reads_alike_however_its_lines_are_spelt(
    regimen: list[dict[str, Any]], table: str, data: st.DataObject
) -> None:
    plain = _reading(regimen, regimen, table)
    respelt = [_respelt(line, data.draw) for line in regimen]
    assert _reading(regimen, respelt, table) == plain, respelt
