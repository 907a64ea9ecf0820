"""Clinician re-check 17b, #9 (low): the signable check listed "oxycodone sc injection 20
mg/day", without "over 24 h by syringe driver": a nurse could read it as one 20 mg injection.
An order line with a rate on a parenteral route says it as the plan says an infusion
(``shape.infusion_words``): the 24-h amount, the device, and the pump rate, whatever unit the
rate was typed in (mg/day or mg/h, mg or mcg); a line of another route keeps its own words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.regimen import RegimenItem
from mps_pain.presentation.orders import order_line


def _item(route: str, rate: str, drug: str = "oxycodone") -> RegimenItem:
    return RegimenItem.model_validate(
        {"drug": drug, "route": route, "form": "injection", "rate": rate}
    )


def test_the_reviewers_line() -> None:
    line = order_line(_item("sc", "20 mg/day"), proposed=True)
    assert line == "oxycodone sc injection 20 mg over 24 h by syringe driver (0.83 mg/h)", line


@pytest.mark.parametrize(
    ("route", "rate", "said"),
    [
        ("sc", "1.25 mg/h", "30 mg over 24 h by syringe driver (1.25 mg/h)"),
        ("iv", "4 mg/day", "4 mg over 24 h by continuous IV infusion (0.16 mg/h)"),
    ],
)
def test_every_infusion_says_its_24_h_amount(route: str, rate: str, said: str) -> None:
    assert order_line(_item(route, rate)).endswith(said)


@given(st.sampled_from(["sc", "iv"]), st.integers(1, 400), st.sampled_from(["mg/day", "mg/h"]))
def test_no_infusion_line_reads_as_one_amount(route: str, number: int, unit: str) -> None:
    line = order_line(_item(route, f"{number} {unit}"))
    assert " over 24 h by " in line and line.endswith("/h)"), line


def test_a_patch_keeps_its_words() -> None:
    item = RegimenItem.model_validate(
        {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
    )
    assert order_line(item) == "fentanyl transdermal patch 25 mcg/h"
