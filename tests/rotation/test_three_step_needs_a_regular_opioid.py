"""Found on session 18's merged state by the applied-steps property: a three-step methadone
switch from as-needed doses alone printed "previous opioid(s) at 66.7% of the current doses
(morphine oral IR 10 mg as needed …): give ; no methadone yet …": the steps step down regular
doses, and there were none. Without a regular opioid the switch is stop and go, and the plan
has no "days 1–6 cannot be checked as one order" caution (``schedule_not_one_order.stepped``:
one rule for both)."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.domain.rotation.schedule_not_one_order import STEPS_NOT_ONE_ORDER
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

PRN = {"drug": "morphine", "route": "oral", "form": "IR", "prn": True, "dose": "10 mg",
       "doses_per_day": 2}  # fmt: skip
PARACETAMOL = {"drug": "paracetamol", "route": "oral", "dose": "1 g", "frequency": "qid"}
REGULAR = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg",
           "frequency": "q12h"}  # fmt: skip


def _plan(items: list[dict[str, Any]], table: str) -> Any:
    request = {
        "from": {"items": items},
        "to": {"drug": "methadone", "route": "oral"},
        "table": table,
        "patient": {"opioid_tolerant": True},
        "methadone_method": "msd-quill",  # a stepped method (Morley-Makin is stop and go)
        "methadone_schedule": "three-step",
    }
    return plan_rotation(request, tables=get_tables())


@pytest.mark.parametrize("table", ["fpm-2021", "uk-palliative"])
def test_from_as_needed_doses_alone_the_switch_is_stop_and_go(table: str) -> None:
    plan = _plan([PARACETAMOL, PRN], table)
    actions = " ".join(entry.action for entry in plan.schedule)
    assert "give ;" not in actions and "give;" not in actions, actions
    assert "(stop and go)" in actions, actions
    assert not [w for w in plan.warnings if w.code == STEPS_NOT_ONE_ORDER]


def test_with_a_regular_opioid_the_steps_are_kept() -> None:
    plan = _plan([REGULAR, PRN], "uk-palliative")
    assert [entry.when for entry in plan.schedule][:3] == ["days 1–3", "days 4–6", "day 7+"]
    assert [w for w in plan.warnings if w.code == STEPS_NOT_ONE_ORDER]
