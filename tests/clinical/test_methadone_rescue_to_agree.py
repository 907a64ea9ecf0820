"""Pharmacist review 8, D2b: every regular methadone plan printed "Breakthrough: methadone oral
tablet: no dose (see the note)": no rescue at all on the printed order, and a line naming
methadone as if it were the rescue drug. The reference (clinical-sources.md, searched for a
rescue during a methadone switch) sources none: the 1/6 and 10–20% rules are of the same
opioid's 24-h dose, the hospice protocol's 10% of methadone every 3 h has no maximum in 24 h,
and no source names a short-acting opioid or its dose for a patient on methadone. So the plan
keeps the danger naming what to agree, and prints the fill-in line the order needs: the rescue
opioid, its dose, its minimum interval and its maximum in 24 h, each a blank to be agreed.

Property: every regular methadone plan has a sourced rescue (a dose with its source), or the
danger naming what to agree AND the printed fill-in line with a blank for each.
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.errors import PlanningError
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.cli_runner import cli_text

TABLES = get_tables()
METHODS = [m.id for m in TABLES.tables.rotation.methadone.methods if m.frequency.code != "prn"]
BLANK = "______"
TO_AGREE = ("opioid", "dose", "minimum interval", "maximum")


def _request(ome: float, method: str, table: str) -> dict[str, Any]:
    return {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": f"{ome} mg/day"}]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": table,
        "methadone_method": method,
    }


@pytest.mark.parametrize("table", ["uk-palliative", "jspm-2010", "fpm-2021"])
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("ome", [91, 300])
def test_d2b_every_regular_methadone_plan_has_a_rescue_or_the_line_to_agree(
    ome: float, method: str, table: str
) -> None:
    try:
        plan = plan_rotation(_request(ome, method, table), tables=TABLES)
    except PlanningError:  # a coded refusal (JP tablets only: below the smallest): no order
        return
    if plan.regimen.dose is None and plan.regimen.rate is None:
        return
    rescue = plan.breakthrough
    assert rescue is not None
    if rescue.dose is not None:  # a sourced rescue: its dose with its source
        assert rescue.source, rescue
        return
    danger = [w for w in plan.warnings if w.code == "breakthrough-no-source"]
    assert danger and danger[0].severity == "danger", plan.warnings
    for what in TO_AGREE:
        assert what in danger[0].message, (what, danger[0].message)
    line = plan_view(plan).breakthrough or ""
    assert "methadone" not in line, line  # no drug named that is not agreed
    assert line.count(BLANK) == len(TO_AGREE), line
    for what in TO_AGREE:
        assert what in line, (what, line)


def test_d2b_the_printed_plan_carries_the_fill_in_line() -> None:
    """N15 (uk, CCDHB, 91 mg/day): the CLI's text shows the line to fill in."""
    text = cli_text("rotate", _request(91, "ccdhb", "uk-palliative"))
    line = next(x for x in text.splitlines() if x.strip().startswith("Breakthrough:"))
    assert line.count(BLANK) == len(TO_AGREE) and "methadone" not in line, line
