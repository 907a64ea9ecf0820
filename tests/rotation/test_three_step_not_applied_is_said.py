"""Pharmacist re-check 19b, L1: a three-step methadone switch asked for from as-needed doses
alone became stop and go without a word (f/M08: oxycodone IR 10 mg × 6 as needed, CCDHB,
three-step asked). The steps step down a regular opioid, and there is none
(``schedule_not_one_order.stepped``); the plan's schedule now says why the steps were not
applied. A stop-and-go switch that was asked for says nothing of steps."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.domain.rotation.schedule_not_one_order import NOT_STEPPED
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

OXY_PRN = {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True,
           "doses_per_day": 6}  # fmt: skip
PARACETAMOL = {"drug": "paracetamol", "route": "oral", "dose": "1 g", "frequency": "qid"}
REGULAR = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg",
           "frequency": "q12h"}  # fmt: skip


def _actions(items: list[dict[str, Any]], method: str, schedule: str, table: str) -> str:
    request = {
        "from": {"items": items},
        "to": {"drug": "methadone", "route": "oral"},
        "table": table,
        "patient": {"cancer_or_palliative": True, "opioid_tolerant": True, "qtc": "440 ms"},
        "methadone_method": method,
        "methadone_schedule": schedule,
    }
    plan = plan_rotation(request, tables=get_tables())
    return " ".join(entry.action for entry in plan.schedule)


@pytest.mark.parametrize("method", ["ccdhb", "msd-quill"])
@pytest.mark.parametrize("table", ["uk-palliative", "fpm-2021"])
@pytest.mark.parametrize("items", [[OXY_PRN], [PARACETAMOL, OXY_PRN]], ids=["prn", "prn+adjuvant"])
def test_three_steps_asked_from_as_needed_doses_alone_say_why_not(
    method: str, table: str, items: list[dict[str, Any]]
) -> None:
    actions = _actions(items, method, "three-step", table)
    assert "(stop and go)" in actions, actions
    assert NOT_STEPPED in actions, actions
    assert "regular opioid to step down" in actions and "as-needed doses alone" in actions


@pytest.mark.parametrize(
    ("items", "schedule"),
    [([OXY_PRN], "immediate"), ([REGULAR, OXY_PRN], "three-step")],
    ids=["stop-and-go-asked", "steps-applied"],
)
def test_no_word_of_steps_not_applied_otherwise(items: list[dict[str, Any]], schedule: str) -> None:
    assert NOT_STEPPED not in _actions(items, "ccdhb", schedule, "uk-palliative")
