"""Clinician review 12, #7: Takamatsu case 1 step 3, the regular oxycodone raised fourfold to
240 mg/day in the pharmacist check, kept its 5 mg as-needed dose (1/48 of the new daily dose) with
only "info: none taken". The set's breakthrough rule is 1/10-1/6 of the 24-h dose (clinical-sources
§3(d), data ``rotation.breakthrough``): a proposed as-needed dose of the same opioid by the same
route outside what the planner's own rescue function gives for the proposed regular daily dose is
a caution (``breakthrough-dose-outside-rule``). The planner's rescue for that dose is never flagged
(the same function computes both). Since pharmacist re-check 16b, #5, the base is the whole
regular opioid dose as the rescue's opioid (``rescue_size``), so a rescue of another opioid is
judged too. Infusions under a set with its own infusion rescue (JSPM: the 1-hour amount),
methadone and fentanyl (no fraction rule) are not judged by it.
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.errors import NoConversionFactorError
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
CODE = "breakthrough-dose-outside-rule"


def _rescue(drug: str, dose: str, route: str = "oral", form: str | None = "ir") -> dict[str, Any]:
    item: dict[str, Any] = {"drug": drug, "route": route, "prn": True, "dose": dose}
    item |= {"form": form} if form else {}
    return item | {"doses_per_day": 0}


def _oxycodone(mg_per_day: float) -> dict[str, Any]:
    return {
        "drug": "oxycodone",
        "route": "oral",
        "form": "er",
        "daily_dose": f"{mg_per_day} mg/day",
    }


TAKAMATSU_STEP_3 = {"items": [_oxycodone(60), _rescue("oxycodone", "5 mg")]}


def _check(proposed: list[dict[str, Any]], table: str = "jspm-2010", current: Any = None) -> Any:
    request = {
        "from": current or TAKAMATSU_STEP_3,
        "proposed": {"items": proposed},
        "table": table,
        "patient": {"age": 31, "cancer_or_palliative": True},
    }
    return check_proposal(request, tables=TABLES)


def _codes(result: Any) -> dict[str, str]:
    return {w.code: w.severity for w in result.warnings}


@pytest.mark.parametrize("table", ["jspm-2010", "uk-palliative", "fpm-2021"])
def test_an_unchanged_5_mg_rescue_after_a_fourfold_increase_is_a_caution(table: str) -> None:
    result = _check([_oxycodone(240), _rescue("oxycodone", "5 mg")], table)
    assert _codes(result).get(CODE) == "caution"
    message = next(w.message for w in result.warnings if w.code == CODE)
    assert "1/10" in message and "1/6" in message and "24" in message and "40" in message


@pytest.mark.parametrize("dose", ["25 mg", "30 mg", "40 mg"])
def test_a_rescue_within_the_fraction_is_not_flagged(dose: str) -> None:
    assert CODE not in _codes(_check([_oxycodone(240), _rescue("oxycodone", dose)]))


def test_a_rescue_above_the_fraction_is_flagged() -> None:
    assert _codes(_check([_oxycodone(60), _rescue("oxycodone", "20 mg")])).get(CODE) == "caution"


def test_a_rescue_of_another_opioid_is_judged_against_the_whole_regular_dose() -> None:
    """Pharmacist re-check 16b, #5, reversing this test's former "a rescue of another opioid is
    not judged": the rule is 1/10-1/6 of the 24-h regular opioid dose, whatever drug the rescue
    is, so oxycodone 240 mg/day (360 mg/day OME under jspm-2010) gives a morphine rescue of
    36-60 mg (the planner's own alternative rescue works it the same way), and 5 mg is outside."""
    assert _codes(_check([_oxycodone(240), _rescue("morphine", "5 mg")])).get(CODE) == "caution"
    assert CODE not in _codes(_check([_oxycodone(240), _rescue("morphine", "40 mg")]))


MORPHINE_120 = {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "120 mg/day"}]}
TARGETS: list[dict[str, Any]] = [
    {"drug": "oxycodone", "route": "oral", "frequency": "q12h"},
    {"drug": "oxycodone", "route": "oral", "form": "ir", "frequency": "q4h"},
    {"drug": "hydromorphone", "route": "oral", "form": "er", "frequency": "q12h"},
    {"drug": "morphine", "route": "sc", "frequency": "q4h"},
    {"drug": "morphine", "route": "sc", "continuous": True},
    {"drug": "oxycodone", "route": "iv", "continuous": True},
]


@pytest.mark.parametrize("table", ["jspm-2010", "uk-palliative", "fpm-2021"])
@pytest.mark.parametrize("to", TARGETS)
def test_the_planners_own_rescue_is_never_flagged(table: str, to: dict[str, Any]) -> None:
    try:
        plan = plan_rotation({"from": MORPHINE_120, "to": to, "table": table}, tables=TABLES)
    except NoConversionFactorError:
        pytest.skip("the set has no factor for this target")
    bt, regimen = plan.breakthrough, plan.regimen
    if bt is None or bt.dose is None or regimen is None or bt.drug != regimen.drug:
        pytest.skip("no same-drug rescue in this plan")
    regular = regimen.as_item().model_dump(mode="json", exclude_none=True)
    rescue = _rescue(bt.drug, f"{bt.dose.value} {bt.dose.unit}", bt.route, bt.form)
    result = _check([regular, rescue], table, current=MORPHINE_120)
    assert CODE not in _codes(result)
