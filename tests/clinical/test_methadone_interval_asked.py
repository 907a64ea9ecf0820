"""Pharmacist review 10, N-2: ``rotate`` to methadone with ``to.frequency: q4h`` under the JP
label (tid) printed 5 mg tid (right) with the DANGER ``methadone-interval`` "Methadone q4h is
more often than the cited methods give it … Give it at the cited interval", worded as if the
printed plan were q4h: noise at the highest severity. One rule (``interval_warning``), the
severity by whether the interval is in the plan: an ORDER at q4h (check) keeps the danger; an
interval asked for and not used is a caution that says so."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
CODE = "methadone-interval"
MORPHINE = {"drug": "morphine", "route": "oral", "daily_dose": "120 mg/day"}


def _plan(frequency: str, method: str = "jp-label", table: str = "jspm-2010") -> Any:
    return plan_rotation(
        {
            "from": {"items": [MORPHINE]},
            "to": {"drug": "methadone", "route": "oral", "frequency": frequency},
            "table": table,
            "methadone_method": method,
        },
        tables=TABLES,
    )


@pytest.mark.parametrize(
    ("frequency", "method", "table"),
    [("q4h", "jp-label", "jspm-2010"), ("q4h", "ccdhb", "uk-palliative"),
     ("q12h", "jp-label", "jspm-2010")],
)  # fmt: skip
def test_n2_an_interval_asked_for_and_not_used_is_a_caution_saying_so(
    frequency: str, method: str, table: str
) -> None:
    plan = _plan(frequency, method, table)
    assert plan.regimen.frequency in ("tid", "q8h"), plan.regimen.frequency  # not the asked
    found = [w for w in plan.warnings if w.code == CODE]
    assert len(found) == 1, [w.code for w in plan.warnings]
    assert found[0].severity == "caution", found[0]
    message = found[0].message
    assert f"{frequency} was asked for" in message, message
    assert "the method gives it every 8 hours" in message, message


def test_n2_an_order_at_q4h_keeps_the_danger() -> None:
    order = {"drug": "methadone", "route": "oral", "form": "tablet", "dose": "5 mg",
             "frequency": "q4h"}  # fmt: skip
    result = check_proposal(
        {"from": {"items": [MORPHINE]}, "proposed": {"items": [order]}, "table": "jspm-2010"},
        tables=TABLES,
    )
    found = [w for w in result.warnings if w.code == CODE]
    assert found and found[0].severity == "danger", [w.code for w in result.warnings]
    assert "was asked for" not in found[0].message
    assert result.not_signable
