"""Pharmacist re-check 20c, M-A: an infusion plan's own order, its rate typed per hour as the plan
prints it ("1.5 mg over 24 h by syringe driver (0.062 mg/h)" typed 0.062 mg/h) beside the plan's
own rescue, read "RESCUE ABOVE ITS RULE" in 4 of 9 plans: the rate written rounded down to a
pump's step stands for a dose up to one step more, and the rescue was judged against the top the
rounded-down rate gives (0.248 mg for the plan's 0.25 mg). The rescue's top is read with one pump
step of the rate (``rescue_fit.written_rate_slack``); a rescue clearly above stays above."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
FIXTURES = Path(__file__).parent / "fixtures" / "review20c"
CASES = sorted(p.name for p in FIXTURES.glob("printed-*.json"))


def _check(name: str, **rescue: Any) -> Any:
    document = json.loads((FIXTURES / name).read_text())
    if rescue:
        items = document["proposed"]["items"]
        items[-1] = {**items[-1], **rescue}
    return check_proposal(document, tables=TABLES)


@pytest.mark.parametrize("name", CASES)
def test_the_plans_own_order_with_its_printed_rate_passes_its_check(name: str) -> None:
    result = _check(name)
    assert result.verdict == "within", (result.verdict, result.reasons)
    codes = [w.code for w in result.warnings]
    assert "breakthrough-dose-outside-rule" not in codes, result.warnings


def test_a_rescue_clearly_above_its_rule_beside_a_printed_rate_stays_above() -> None:
    name = next(n for n in CASES if "L04" in n)
    result = _check(name, dose="0.5 mg", doses_per_day=0)  # twice the plan's 0.25 mg
    assert result.verdict == "rescue_above", (result.verdict, result.reasons)
