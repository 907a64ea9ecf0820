"""Outside pharmacist review (review3, 2 December), breakthrough items 1 and 2.

1. tp01 (morphine ER 60 mg q12h → fentanyl patch, uk-palliative): "patch 37.5 mcg/h × 0.4 =
   15 mg morphine oral, rounded down" gave 10 mg. The sourced value is 15 mg (Canadian card
   0.4 mg per mcg/h; NHS Lanarkshire "37 → 15–20 mg"): the patch-linked breakthrough now follows
   the same rounding policy as every breakthrough (docs/rotation.md step 6: a tablet dose below
   its sourced value is measured as oral solution).
2. fp01 (fentanyl 25 mcg/h → morphine ER q12h): a breakthrough of "6.66 mg" oral solution is not
   measurable; it is rounded down to the solution's measuring step (0.5 mL of 2 mg/mL = 1 mg).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.rounding import liquid_step
from mps_pain.tables.loader import get_tables
from tests.rotation.plans import PATCH, planned

MORPHINE_ER = {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"}


def _morphine_er(dose_mg: float) -> dict[str, Any]:
    return {
        "drug": "morphine",
        "route": "oral",
        "form": "er",
        "dose": f"{dose_mg} mg",
        "frequency": "q12h",
    }


def test_tp01_patch_breakthrough_is_its_sourced_value_as_oral_solution() -> None:
    bt = planned({"from": {"items": [_morphine_er(60)]}, "to": PATCH, "table": "uk-palliative"})[
        "breakthrough"
    ]
    assert bt["dose"] == {"value": 15.0, "unit": "mg"}, bt
    assert bt["form"] == "oral_solution", bt
    assert "mL of the 2 mg/mL oral solution" in bt["note"], bt["note"]


def test_fp01_oral_solution_breakthrough_is_a_measurable_amount() -> None:
    fentanyl = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
    bt = planned({"from": {"items": [fentanyl]}, "to": MORPHINE_ER, "table": "uk-palliative"})[
        "breakthrough"
    ]
    assert bt["form"] == "oral_solution", bt
    assert bt["dose"] == {"value": 6.0, "unit": "mg"}, bt


def _step_mg(drug_id: str) -> float:
    tables = get_tables()
    step = liquid_step(
        tables, tables.drugs[drug_id], rotation_rules(tables).rounding.oral_solution_step
    )
    assert step is not None
    return step.mg


def _multiple(value: float, step: float) -> bool:
    return abs(value / step - round(value / step)) < 1e-6


@given(
    source=st.sampled_from(["patch", "morphine"]),
    amount=st.integers(min_value=3, max_value=60),
    target=st.sampled_from(["morphine", "oxycodone", "hydromorphone", "patch"]),
)
def test_every_oral_solution_amount_is_a_multiple_of_its_measuring_step(
    source: str, amount: int, target: str
) -> None:
    item = (
        {"drug": "fentanyl", "route": "transdermal", "rate": f"{amount * 2.5} mcg/h"}
        if source == "patch"
        else _morphine_er(amount * 5)
    )
    to = PATCH if target == "patch" else {**MORPHINE_ER, "drug": target}
    if (source == "patch") == (target == "patch"):
        return
    plan = planned({"from": {"items": [item]}, "to": to, "table": "uk-palliative"})
    bt = plan.get("breakthrough") or {}
    if bt.get("form") == "oral_solution" and bt.get("dose"):
        assert _multiple(bt["dose"]["value"], _step_mg(bt["drug"])), bt
    regimen = plan.get("regimen") or {}  # the regular dose too (review3 md10: "1.66 mg tid")
    if regimen.get("form") == "oral_solution" and regimen.get("dose"):
        assert _multiple(regimen["dose"]["value"], _step_mg(regimen["drug"])), regimen
