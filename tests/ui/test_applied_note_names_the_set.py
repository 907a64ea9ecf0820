"""Clinician review 18 #9 (shot-38): the applied row's Note read "from the switching plan
(uk-palliative v2026.12.9)", a set id. Under every equianalgesic set the note says the set by
its name, by the one rule (``set_names.named``), and no set's id."""

from __future__ import annotations

import re

import pytest

from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from ui.planner.apply import planned_items

TABLES = get_tables()
EQUIANALGESIC = [s.id for s in TABLES.tables.reference_sets if s.purpose == "equianalgesic"]


@pytest.mark.parametrize("set_id", EQUIANALGESIC)
def test_the_applied_note_names_the_set_not_its_id(set_id: str) -> None:
    request = RotationRequest.model_validate(
        {
            "from": {
                "items": [
                    {
                        "drug": "morphine",
                        "route": "oral",
                        "form": "er",
                        "dose": "30 mg",
                        "frequency": "q12h",
                    }
                ]
            },
            "to": {"drug": "oxycodone", "route": "oral", "form": "er", "frequency": "q12h"},
            "table": set_id,
        }
    )
    plan = plan_rotation(request, tables=TABLES)
    items = planned_items(plan)
    assert items, plan.regimen
    assert TABLES.sets[set_id].name in (items[0].note or ""), items[0].note  # the regular line
    for item in items:  # the breakthrough line too: no set's id
        note = item.note or ""
        for other in TABLES.sets:
            assert not re.search(rf"(?<![\w-]){re.escape(other)}(?![\w-])", note), (other, note)
