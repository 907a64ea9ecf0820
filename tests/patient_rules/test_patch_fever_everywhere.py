"""Pharmacist review 20, H2: a fever with a patch was a DANGER in ``rotate`` ("Fever, heating
pads … increase fentanyl absorption from a patch: risk of overdose … The patient has a fever
now", the Duragesic label) and nothing at all in ``check`` of the plan's own order, of a patch
continued, of a switch to a buprenorphine patch, under fpm-2021 and jspm-2010, or in ``mme`` of
the plan's regimen. The heat/fever rule is one patient-factor rule
(``domain/patient_rules/heat_fever.py``): wherever a patch is in the regimen judged (``mme``'s
regimen, a plan's current or target regimen, a proposal and the regimen it replaces), for every
set and market, a danger when the patient has a fever, else an info note."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation

CODE = "patch-heat-fever"
FEVER = {"cancer_or_palliative": True, "fever": True}
MORPHINE_90 = {
    "drug": "morphine",
    "route": "oral",
    "form": "MR",
    "dose": "45 mg",
    "frequency": "q12h",
}
MORPHINE_60 = {
    "drug": "morphine",
    "route": "oral",
    "form": "MR",
    "dose": "30 mg",
    "frequency": "q12h",
}
FENTANYL_25 = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"}
FENTANYL_50 = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "50 mcg/h"}
BUP_10 = {"drug": "buprenorphine", "route": "transdermal", "form": "patch", "rate": "10 mcg/h"}
RESCUE = {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True}


def _heat(warnings: list[Any]) -> list[Any]:
    return [w for w in warnings if w.code == CODE]


def _check(current: list[Any], proposed: list[Any], table: str, market: str) -> list[Any]:
    document = {
        "from": {"items": current},
        "proposed": {"items": proposed},
        "table": table,
        "market": market,
        "patient": FEVER,
    }
    return _heat(check_proposal(document).warnings)


@pytest.mark.parametrize(
    ("current", "proposed", "table", "market", "drug"),
    [
        ([MORPHINE_90], [FENTANYL_25, RESCUE], "uk-palliative", "UK", "fentanyl"),  # chk-G15
        ([FENTANYL_50], [FENTANYL_50, RESCUE], "uk-palliative", "UK", "fentanyl"),  # FV1
        ([MORPHINE_60], [BUP_10], "uk-palliative", "UK", "buprenorphine"),  # FV2
        ([MORPHINE_90], [FENTANYL_25, RESCUE], "fpm-2021", "AU", "fentanyl"),  # FV3
        ([MORPHINE_90], [FENTANYL_25, RESCUE], "jspm-2010", "JP", "fentanyl"),  # FV3
    ],
)
def test_check_of_a_patch_order_for_a_febrile_patient_is_a_danger(
    current: list[Any], proposed: list[Any], table: str, market: str, drug: str
) -> None:
    (line,) = _check(current, proposed, table, market)
    assert line.severity == "danger"
    assert f"{drug} absorption" in line.message and "fever now" in line.message


def test_rotate_and_check_of_its_own_order_give_the_same_fever_line() -> None:
    """G15: the plan's DANGER is the check's (the same code, severity and words)."""
    request = {
        "from": {"items": [MORPHINE_90]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
        "market": "UK",
        "patient": FEVER,
    }
    plan = plan_rotation(request)
    order = plan.regimen.as_item().model_dump(mode="json", exclude_none=True)
    lines = {(w.severity, w.message) for w in _heat(plan.warnings)}
    assert lines and {s for s, _ in lines} == {"danger"}
    checked = _check([MORPHINE_90], [order, RESCUE], "uk-palliative", "UK")
    assert {(w.severity, w.message) for w in checked} == lines


@pytest.mark.parametrize("table", ["uk-palliative", "fpm-2021", "jspm-2010"])
def test_mme_of_a_regimen_holding_a_patch_says_it(table: str) -> None:
    """mme-plan-G15: the plan's regimen through ``mme``."""
    document = {"items": [FENTANYL_25, {**RESCUE, "doses_per_day": 0}], "patient": FEVER}
    (line,) = _heat(calculate_mme(document, table_id=table).warnings)
    assert line.severity == "danger"
    without = calculate_mme({**document, "patient": {"fever": False}}, table_id=table)
    assert [w.severity for w in _heat(without.warnings)] == ["info"]


def test_no_patch_no_fever_line() -> None:
    document = {"items": [MORPHINE_90], "patient": FEVER}
    assert not _heat(calculate_mme(document, table_id="uk-palliative").warnings)
    assert not _check([MORPHINE_90], [MORPHINE_60], "uk-palliative", "UK")


def test_a_patch_the_order_takes_off_is_said_with_a_fever_only() -> None:
    """Its skin depot is still absorbed: with a fever the danger stands in check as in rotate;
    without one the check says nothing of heat for a patch no longer worn (the plan's advice for
    taking it off keeps the note: docs/patient-rules.md)."""
    order = [MORPHINE_90]
    (line,) = _check([FENTANYL_50], order, "uk-palliative", "UK")
    assert line.severity == "danger" and "fentanyl absorption" in line.message
    document = {"from": {"items": [FENTANYL_50]}, "proposed": {"items": order}}
    calm = check_proposal({**document, "table": "uk-palliative", "patient": {"fever": False}})
    assert not _heat(calm.warnings)
    plan = plan_rotation(
        {
            "from": {"items": [FENTANYL_50]},
            "to": {"drug": "morphine", "route": "oral", "form": "MR", "frequency": "q12h"},
            "table": "uk-palliative",
            "patient": {"fever": False},
        }
    )
    assert [w.severity for w in _heat(plan.warnings)] == ["info"]
