"""The rows a check judges by the breakthrough rule (clinician review 21, N7): one set, whatever
the rescue's verdict, that the check's order table reads for its "breakthrough" cell. Every such
row is an as-needed order of the proposal, holds the check's rescue orders, and a rescue above
its rule is among them unless the verdict sums an amount for it."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.presentation.check_rescue import RESCUE_ABOVE_CELL, RESCUE_CELL, breakthrough_orders
from mps_pain.services.rotation_service import check_proposal

PATIENT = {"identifier": "MRN-21A1", "age": 71, "weight": "62 kg", "egfr": "25 mL/min"}
PATCH = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
CURRENT = {
    "items": [
        PATCH,
        {"drug": "alfentanil", "route": "sc", "dose": "325 mcg", "prn": True, "doses_per_day": 0},
    ]
}


def _check(dose: str, taken: int) -> Any:
    rescue = {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": dose, "prn": True}
    proposed = {"items": [PATCH, {**rescue, "doses_per_day": taken}]}
    request = {"from": CURRENT, "proposed": proposed, "table": "uk-palliative", "patient": PATIENT}
    return check_proposal(request), RegimenDocument.model_validate(proposed).items


@pytest.mark.parametrize("dose", ["20 mg", "13.6 mg", "7.5 mg", "5 mg", "4 mg"])
def test_the_reviewers_rescue_is_judged_by_the_rule_at_every_size(dose: str) -> None:
    result, proposed = _check(dose, 0)
    rows = breakthrough_orders(result, proposed)
    assert set(rows) == {1}, (dose, result.verdict, result.proposed_rescues, result.rescues_above)
    said = RESCUE_ABOVE_CELL if result.rescues_above else RESCUE_CELL
    assert rows[1] == said
    assert set(result.proposed_rescues) <= set(rows)
    assert all(proposed[i].prn for i in rows)


def test_a_rescue_above_its_rule_with_doses_taken_shows_its_amount() -> None:
    """20 mg × 3 taken is summed into the proposed amount (60 + 90 OME): its row keeps its
    number, so the column adds up to the total (re-check 17b #4)."""
    result, proposed = _check("20 mg", 3)
    assert [r.index for r in result.rescues_above] == [1]
    assert result.proposed_ome_per_day > 60
    assert 1 not in breakthrough_orders(result, proposed)
