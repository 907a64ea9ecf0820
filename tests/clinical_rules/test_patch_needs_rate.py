"""Issue 8, class 4: a patch written as dose + frequency is refused, pointing to ``rate``; its
content is read only through the named product's own label table (clinical-sources addendum
2026-12-01: the Japanese 3-day matrix patch, JAPIC 00068021; Durotep MT label)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.errors import PatchRateRequiredError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation


def _patch(**fields: Any) -> dict[str, Any]:
    return {"drug": "fentanyl", "route": "transdermal", **fields}


@pytest.mark.parametrize(
    "item",
    [
        _patch(dose="25 mcg", frequency="q72h"),  # the first example (~1 OME/day before)
        _patch(dose="4.2 mg", frequency="q72h"),  # Durotep MT by content, no product (140 before)
        _patch(daily_dose="0.6 mg/day"),
        _patch(prn=True, dose="25 mcg", doses_per_day=1),
        {
            "drug": "buprenorphine",
            "route": "transdermal",
            "dose": "5 mg",
            "frequency": "every 168 h",
        },
    ],
)
def test_a_patch_without_a_rate_is_refused_naming_rate(item: dict[str, Any]) -> None:
    with pytest.raises(PatchRateRequiredError) as caught:
        calculate_mme({"items": [item]}, table_id="fpm-2021")
    assert caught.value.code == "patch-rate-required"
    assert caught.value.location == "items[0].rate"
    assert caught.value.location_path == ("items", 0, "rate")
    assert "'rate'" in caught.value.message


def test_rotate_and_check_refuse_it_too() -> None:
    bad = _patch(dose="25 mcg", frequency="q72h")
    morphine = {
        "drug": "morphine",
        "route": "oral",
        "form": "ER",
        "dose": "30 mg",
        "frequency": "q12h",
    }
    with pytest.raises(PatchRateRequiredError) as planned:
        plan_rotation(
            {
                "from": {"items": [bad]},
                "to": {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"},
            }
        )
    assert planned.value.location_path == ("from", "items", 0, "rate")
    with pytest.raises(PatchRateRequiredError) as checked:
        check_proposal({"from": {"items": [morphine]}, "proposed": {"items": [bad]}})
    assert checked.value.location_path == ("proposed", "items", 0, "rate")


@pytest.mark.parametrize(
    ("product", "content", "rate_mcg_per_h"),
    [
        ("Durotep MT", "4.2 mg", 25),
        ("Durotep MT", "12.6 mg", 75),
        ("JAPIC 00068021", "2.75 mg", 25),
        ("JAPIC 00068021", "1.38 mg", 12.5),
    ],
)
def test_a_named_product_is_read_by_its_own_table_with_a_caution(
    product: str, content: str, rate_mcg_per_h: float
) -> None:
    by_content = calculate_mme(
        {"items": [_patch(product=product, dose=content, frequency="q72h")]}, table_id="fpm-2021"
    )
    by_rate = calculate_mme(
        {"items": [_patch(rate=f"{rate_mcg_per_h} mcg/h")]}, table_id="fpm-2021"
    )
    assert by_content.total_mme_per_day == by_rate.total_mme_per_day
    caution = [w for w in by_content.warnings if w.code == "patch-content-read-as-rate"]
    assert caution and caution[0].severity == "caution" and caution[0].source


def test_one_product_s_content_is_not_read_by_another_s_table() -> None:
    """Durotep MT 4.2 mg = 25 mcg/h; 4.2 mg is no size of the JAPIC 00068021 patch."""
    with pytest.raises(PatchRateRequiredError):
        calculate_mme(
            {"items": [_patch(product="JAPIC 00068021", dose="4.2 mg", frequency="q72h")]}
        )


def test_the_product_s_change_interval_is_required() -> None:
    with pytest.raises(PatchRateRequiredError) as caught:
        calculate_mme({"items": [_patch(product="Durotep MT", dose="4.2 mg", frequency="q24h")]})
    assert caught.value.location == "items[0].frequency"


@settings(max_examples=200, deadline=None)
@given(
    dose_mcg=st.floats(min_value=1, max_value=20_000, allow_nan=False),
    frequency=st.sampled_from(["q24h", "every 48 h", "q72h", "every 168 h", "q12h"]),
)
def test_no_dose_and_frequency_patch_is_ever_counted(dose_mcg: float, frequency: str) -> None:
    with pytest.raises(PatchRateRequiredError):
        calculate_mme({"items": [_patch(dose=f"{dose_mcg} mcg", frequency=frequency)]})
