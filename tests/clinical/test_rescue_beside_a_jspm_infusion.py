"""Pharmacist re-check 20d, H-1: under jspm-2010 a rescue beside an infusion was not sized at
all (the plan's rescue there is the infusion's own one-hour bolus, not the fraction rule), so a
30 mg SC morphine bolus beside 30 mg/24 h, 0 a day, read WITHIN. Such a rescue is now judged by
its top: above 1/6 of the 24-h dose it is above the one-hour bolus too; never called "below"."""

from __future__ import annotations

import json
from pathlib import Path

from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
CASE = Path(__file__).parent / "fixtures" / "review20d" / "x30-H07-jspm-0.json"


def test_a_days_dose_as_one_bolus_beside_a_jspm_infusion_is_not_within() -> None:
    result = check_proposal(json.loads(CASE.read_text()), tables=TABLES)
    assert result.verdict == "rescue_above", (result.verdict, result.reasons)
    assert "breakthrough-dose-outside-rule" in [w.code for w in result.warnings]
