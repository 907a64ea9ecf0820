"""Pharmacist review 17, H2 (the part left after the market maxima were fixed): a UK plan at
eGFR 12 continued gabapentin 600 mg tid = 1800 mg/day "unchanged (co-medication)", beside its
own caution that no UK maximum is in the sources and that other labels lower it for renal
function. A plan never says "unchanged" of a continued line whose dose a warning asks to check
(no maximum of the plan's market in the sources; renal function needed): the line says to check
its dose first, in the schedule and in its step."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
MORPHINE_MR = {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg",
               "frequency": "q12h"}  # fmt: skip
DOSE_TO_CHECK = ("max-daily-dose-not-in-market", "renal-function-needed")


def _plan(co_medication: dict[str, Any], patient: dict[str, Any], market: str | None):
    document: dict[str, Any] = {
        "from": {"items": [MORPHINE_MR, co_medication]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
        "patient": patient,
    }
    if market is not None:
        document["market"] = market
    return plan_rotation(RotationRequest.model_validate(document), tables=TABLES)


@pytest.mark.parametrize(
    ("co_medication", "patient", "market"),
    [
        ({"drug": "gabapentin", "route": "oral", "dose": "600 mg", "frequency": "tid"},
         {"egfr": 12}, "UK"),
        ({"drug": "naproxen", "route": "oral", "dose": "250 mg", "frequency": "tid"}, {}, "UK"),
        ({"drug": "gabapentin", "route": "oral", "dose": "600 mg", "frequency": "tid"}, {}, "JP"),
    ],
)  # fmt: skip
def test_a_continued_line_whose_dose_a_warning_asks_to_check_is_never_unchanged(
    co_medication: dict[str, Any], patient: dict[str, Any], market: str | None
) -> None:
    plan = _plan(co_medication, patient, market)
    asked = [w for w in plan.warnings if w.code in DOSE_TO_CHECK and w.item == 1]
    lines = [e.action for e in plan.schedule if co_medication["drug"] in e.action]
    assert lines, plan.schedule
    for line in lines:
        if asked:
            assert "unchanged" not in line, (line, asked)
            assert "check its dose" in line, line
    steps = [s for s in plan.steps if co_medication["drug"] in s and "co-medication" in s]
    assert all(("unchanged" in s) is not bool(asked) for s in steps), steps
