"""Clinician review 10 #6: a subcutaneous syringe-driver plan was headed "morphine sc injection
1.4 mg/h continuous"; UK practice prescribes and checks a syringe driver as mg over 24 h. The
regimen sentence (one place: the headline, "New regimen", the schedule, CLI, app, PDF) says the
24-h amount first, and that amount is the one the stated rate delivers (rate × 24 h)."""

from __future__ import annotations

import math
import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.cli_runner import cli_text

TABLES = get_tables()
CSCI = re.compile(r"([\d.]+) (mg|mcg) over 24 h by syringe driver \(([\d.]+) (mg|mcg)/h\)")


def _document(mg_per_day: float, drug: str = "morphine") -> dict[str, Any]:
    dose = f"{mg_per_day / 2:g} mg"
    return {
        "from": {"items": [{"drug": "oxycodone", "route": "oral", "form": "ER", "dose": dose,
                            "frequency": "q12h"}]},
        "to": {"drug": drug, "route": "sc", "continuous": True},
        "table": "uk-palliative",
    }  # fmt: skip


def test_the_takamatsu_csci_reads_as_mg_over_24_h() -> None:
    # 90 OME/day: 45 mg SC, −25% = 33.75 mg, down to the injected step (2.5 mg from 20 mg):
    # 32.5 mg/24 h (clinician review 11 #5: "33.6 mg … (1.4 mg/h)" is not what a prescriber writes)
    document = _document(60)
    plan = plan_rotation(RotationRequest.model_validate(document), tables=TABLES)
    sentence = plan_view(plan).regimen
    # the rate as a syringe driver is set (clinician review 15 #14: "(1.354 mg/h)"): two decimal
    # places, rounded down, so never above the 24-h amount written
    assert sentence == "morphine sc injection 32.5 mg over 24 h by syringe driver (1.35 mg/h)"
    text = cli_text("rotate", document)
    assert "32.5 mg over 24 h by syringe driver (1.35 mg/h)" in text
    assert "1.354" not in text and "÷ 24 h ≈ 1.35 mg/h" in text
    assert "mg/h continuous" not in text


@given(st.sampled_from([10, 20, 40, 60, 90, 120, 200, 300]), st.sampled_from(
    ["morphine", "oxycodone", "hydromorphone", "alfentanil"]))  # fmt: skip
def test_the_24h_amount_is_what_the_stated_rate_delivers(mg_per_day: int, drug: str) -> None:
    plan = plan_rotation(RotationRequest.model_validate(_document(mg_per_day, drug)), tables=TABLES)
    if plan.regimen.no_dose is not None or plan.regimen.rate is None:
        return
    found = CSCI.search(plan_view(plan).regimen)
    assert found is not None, plan_view(plan).regimen
    daily, rate = float(found.group(1)), float(found.group(3))
    assert found.group(2) == found.group(4)
    # the rate that delivers the 24-h amount, as a pump is set: two decimal places (two
    # significant figures below 0.1), rounded down (clinician review 15 #14)
    decimals = max(2, 1 - math.floor(math.log10(daily / 24)))
    assert rate == math.floor(round(daily / 24 * 10**decimals, 6)) / 10**decimals, (daily, rate)
    assert 0 < rate * 24 <= daily, (daily, rate)
    assert len(found.group(3).partition(".")[2]) <= decimals, found.group(3)
