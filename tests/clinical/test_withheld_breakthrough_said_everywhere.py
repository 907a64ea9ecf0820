"""Pharmacist re-check 18b, L1: jspm-2010 at eGFR 8 or 15 → fentanyl patch. Step 6 and the danger
said "JSPM 2010 … holds none of the sourced alternatives … agree the breakthrough opioid, its
dose and how often … with the palliative care specialist before the patch is applied", while the
schedule's row "from 0 h" (the row a nurse reads) and the regimen's breakthrough line still ended
"Choose one with the prescriber." or said no advice at all.

One sentence: a breakthrough the plan does not give carries its advice in its note
(``withheld_words``), and the schedule's row and the regimen's line say that same advice.
"""

from __future__ import annotations

from typing import Any

from hypothesis import event, given
from hypothesis import strategies as st

from mps_pain.domain.rotation.withheld_words import withheld_advice
from mps_pain.errors import MpsPainError
from mps_pain.presentation.rotation import breakthrough_sentence
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.discarded import discard
from tests.rotation.generated import GENERATED

TABLES = get_tables()
OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
MOR = {"drug": "morphine", "route": "oral", "form": "MR", "dose": "60 mg", "frequency": "q12h"}
PRN = {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "prn": True,
       "doses_per_day": 3}  # fmt: skip
PATCH = {"drug": "fentanyl", "route": "transdermal"}
TARGETS = [
    PATCH,
    {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
    {"drug": "morphine", "route": "sc", "continuous": True},
    {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
]


def _plan(current: list[dict[str, Any]], to: dict[str, Any], table: str, egfr: int) -> Any:
    request = {"from": {"items": current}, "to": to, "table": table, "patient": {"egfr": egfr}}
    try:
        return plan_rotation(request, tables=TABLES)
    except MpsPainError as refusal:
        discard(refusal)


def _row(plan: Any) -> str:
    return next(e.action for e in plan.schedule if e.action.startswith("No breakthrough dose"))


def test_r58_the_row_and_the_line_say_agree_with_the_specialist_before_the_patch() -> None:
    plan = _plan([OXY], PATCH, "jspm-2010", 15)
    said = "with the palliative care specialist before the patch is applied"
    assert said in plan.breakthrough.note, plan.breakthrough
    assert said in _row(plan), plan.schedule
    assert said in breakthrough_sentence(plan.breakthrough)
    assert "Choose one with the prescriber" not in _row(plan), plan.schedule


def test_l4d_with_a_current_rescue_the_row_says_it_and_keeps_the_rescue() -> None:
    plan = _plan([OXY, PRN], PATCH, "jspm-2010", 15)
    row = _row(plan)
    assert "palliative care specialist before the patch is applied" in row, row
    assert "Keep the current as-needed oxycodone oral" in row and "then stop it" in row, row


@GENERATED
@given(
    st.sampled_from([[OXY], [MOR], [OXY, PRN], [MOR, PRN]]),
    st.sampled_from(TARGETS),
    st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
    st.sampled_from([8, 15, 25, 45]),
)
def test_every_breakthrough_not_given_says_its_advice_in_the_row_and_the_line(
    current: list[dict[str, Any]], to: dict[str, Any], table: str, egfr: int
) -> None:
    plan = _plan(current, to, table, egfr)
    bt = plan.breakthrough
    advice = withheld_advice(bt)
    if bt is None or bt.no_dose is None or advice is None:
        return  # a dose is given, or none withheld with advice of its own
    event("withheld, with its advice")
    context = (current, to, table, egfr, plan.schedule)
    assert advice in _row(plan), context
    assert advice in breakthrough_sentence(bt), context
