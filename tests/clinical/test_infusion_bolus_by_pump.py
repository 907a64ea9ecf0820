"""Pharmacist review 19, L5: under JSPM 2010 an infusion's rescue is a rapid bolus of its 1-hour
amount (ch. 3 rec. 21) and has no floor. J06 (oral oxycodone ER 10 mg q12h → morphine SC
infusion, 7.5 mg/24 h) gave "morphine sc 300 micrograms as needed, repeatable every 15–30 min":
0.03 mL of 10 mg/mL, a dose only an infusion pump's bolus (PCA) can give, and the plan did not
say so nor name the dose outside a pump.

The plan now says the 1-hour rule assumes a bolus from the infusion's pump (PCA) and names,
beside it, the sourced 1/6-of-the-24-h dose by the same route (the set's breakthrough fraction
rule, JSPM/closedi.jp 1/6, rounded down by the injected grid as every bolus), where that rule
applies; its source excludes fentanyl, and the plan says so. No floor is invented: the 1-hour
dose is unchanged.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.breakthrough import breakthrough_for_drug
from mps_pain.domain.rotation.breakthrough_infusion import BY_PUMP, OUTSIDE_PUMP
from mps_pain.domain.rotation.shaped import injected_grid
from mps_pain.tables.loader import get_tables
from mps_pain.units import format_number, scale
from tests.rotation.generated import GENERATED, generated_request, plan_or_discard

TABLES = get_tables()
assert TABLES.tables.rotation is not None
RULES = TABLES.tables.rotation
ORAL_OXY_20 = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "10 mg",
               "frequency": "q12h"}  # fmt: skip


def test_j06_names_the_pump_and_the_one_sixth_dose() -> None:
    plan = plan_or_discard(
        {
            "from": {"items": [ORAL_OXY_20]},
            "to": {"drug": "morphine", "route": "sc", "continuous": True},
            "table": "jspm-2010",
            "market": "JP",
        }
    )
    bt = plan.breakthrough
    assert bt is not None and bt.dose is not None
    assert (bt.dose.value, bt.dose.unit) == (0.3, "mg")  # the 1-hour amount, unchanged
    note = bt.note or ""
    assert BY_PUMP in note
    # 7.5 mg/24 h ÷ 6 = 1.25 mg, rounded down by the injected grid (0.1 mg steps from 1 mg)
    assert f"{OUTSIDE_PUMP}: morphine sc 1.2 mg as needed" in note
    assert "7.5 mg/24 h × 1/6 = 1.25 mg" in note


@GENERATED
@given(
    drug=st.sampled_from(["morphine", "oxycodone", "hydromorphone", "fentanyl"]),
    route=st.sampled_from(["sc", "iv"]),
    oral_mg=st.sampled_from([10, 20, 30, 60, 90, 120, 200, 400]),
    table=st.sampled_from(["jspm-2010", "uk-palliative", "fpm-2021"]),
)
def test_an_infusion_bolus_says_it_is_the_pumps_and_names_the_fraction_dose(
    drug: str, route: str, oral_mg: int, table: str
) -> None:
    item = {"drug": "morphine", "route": "oral", "form": "ER", "dose": f"{oral_mg} mg",
            "frequency": "q12h"}  # fmt: skip
    plan = plan_or_discard(
        generated_request([item], {"drug": drug, "route": route, "continuous": True}, table)
    )
    bt = plan.breakthrough
    note = (bt.note or "") if bt is not None else ""
    one_hour = bt is not None and "1-hour amount of the infusion" in note
    # the pump's bolus is said exactly where the 1-hour rule gives the dose
    assert (BY_PUMP in note) == one_hour
    if not one_hour:
        return
    assert bt is not None and plan.rounded_daily_dose is not None
    if drug in RULES.breakthrough.fraction_excludes:
        assert f"{OUTSIDE_PUMP}: none is named" in note
        return
    daily = plan.rounded_daily_dose
    per_day = daily.value * scale(daily.unit, "mg/day")
    sixth = breakthrough_for_drug(
        TABLES, RULES.breakthrough, TABLES.drugs[drug], route, None, per_day, "mg", None,
        injected=injected_grid(RULES.rounding),
    )  # fmt: skip
    if sixth.dose is None:
        assert f"{OUTSIDE_PUMP}: 1/6" in note
    else:
        amount = format_number(sixth.dose.value)
        assert f"{OUTSIDE_PUMP}: {drug} {route} {amount} {sixth.dose.unit}" in note
        # never below the 1-hour bolus: a sixth of 24 h is four hours' amount
        assert bt.dose is None or sixth.dose.value >= bt.dose.value * scale(
            bt.dose.unit, sixth.dose.unit
        )
