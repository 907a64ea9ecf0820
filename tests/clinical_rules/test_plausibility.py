"""Issue 8, class 5 (and robustness issue 12, class 4): sanity bounds per dose, per rate and per
day, with a lower bound, for every opioid and route; a total far above any palliative range is a
danger under every set. The bounds are software sanity bounds (source mps-pain-plausibility),
not clinical maxima."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.bare_rate import takes_a_rate
from mps_pain.errors import ImplausibleAmountError, NoConversionFactorError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
SETS = [s.id for s in TABLES.tables.reference_sets]


def _mme(items: list[dict[str, Any]], table: str) -> Any:
    return calculate_mme({"items": items}, table_id=table)


@pytest.mark.parametrize("table", SETS)
def test_a_5_g_oral_morphine_prn_dose_is_refused_under_every_set(table: str) -> None:
    item = {"drug": "morphine", "route": "oral", "prn": True, "dose": "5 g", "doses_per_day": 3}
    with pytest.raises(ImplausibleAmountError) as caught:
        _mme([item], table)
    assert caught.value.location == "items[0].dose"


@pytest.mark.parametrize("table", SETS)
def test_a_buprenorphine_patch_at_5_mg_h_is_refused(table: str) -> None:
    with pytest.raises(ImplausibleAmountError) as caught:
        _mme([{"drug": "buprenorphine", "route": "transdermal", "rate": "5 mg/h"}], table)
    assert caught.value.location == "items[0].rate"


@pytest.mark.parametrize("table", ["uk-palliative", "fpm-2021"])
def test_iv_hydromorphone_40_mg_h_is_refused(table: str) -> None:
    """Was kept with a danger; since the outside review of 2 December an injected rate that even
    the least potent cited factor (11.5, clinical-sources §3(b)) puts at ≥ 2000 mg/day OME is
    refused (tests/clinical/test_plausibility_and_avoid_rules.py has the 20 mg/h case in every
    command)."""
    with pytest.raises(ImplausibleAmountError) as caught:
        _mme([{"drug": "hydromorphone", "route": "iv", "rate": "40 mg/h"}], table)
    assert caught.value.location == "items[0].rate"


@pytest.mark.parametrize("table", ["uk-palliative", "fpm-2021"])
def test_iv_hydromorphone_5_mg_h_is_kept_and_flagged_as_a_danger(table: str) -> None:
    result = _mme([{"drug": "hydromorphone", "route": "iv", "rate": "5 mg/h"}], table)
    dangers = {w.code for w in result.warnings if w.severity == "danger"}
    assert "amount-far-above-usual" in dangers


def test_a_mcg_for_mg_slip_is_refused_by_the_lower_bound() -> None:
    item = {"drug": "morphine", "route": "oral", "dose": "10 mcg", "frequency": "q4h"}
    with pytest.raises(ImplausibleAmountError, match="below"):
        _mme([item], "uk-palliative")


@pytest.mark.parametrize("table", SETS)
def test_a_total_far_above_palliative_ranges_is_a_danger_under_every_set(table: str) -> None:
    # 1.5 g/day oral oxycodone: below its own flag, but 2250–3000 mg/day OME under every set
    item = {"drug": "oxycodone", "route": "oral", "dose": "250 mg", "frequency": "q4h"}
    try:
        result = _mme([item], table)
    except NoConversionFactorError:
        pytest.skip(f"{table} has no oral oxycodone factor")
    codes = {w.code: w.severity for w in result.warnings}
    assert codes["total-far-above-palliative-range"] == "danger"
    assert "amount-far-above-usual" not in codes


def test_every_opioid_route_has_a_ceiling_a_dose_ceiling_a_floor_and_a_flag() -> None:
    """Data lint: per day (or rate), per dose (not for patches), lower bound, danger flag."""
    missing = []
    for drug in TABLES.tables.drugs:
        if not drug.is_opioid:
            continue
        for route in drug.routes:
            bounds = [b for b in drug.plausibility if b.routes is None or route in b.routes]
            if not bounds:
                missing.append(f"{drug.id} {route}: no bound")
                continue
            bound = bounds[0]
            needs = {"refuse_below": bound.refuse_below, "flag_above": bound.flag_above}
            if route != "transdermal":
                needs["refuse_dose_above"] = bound.refuse_dose_above
            missing += [f"{drug.id} {route}: {k}" for k, v in needs.items() if v is None]
            assert bound.citation.source == "mps-pain-plausibility" and bound.citation.locator
    assert not missing, missing


_OPIOID_ROWS = [
    (drug.id, route, bound)
    for drug in TABLES.tables.drugs
    if drug.is_opioid
    for bound in drug.plausibility
    for route in (bound.routes or drug.routes)
    if route in drug.routes
]


@settings(max_examples=200, deadline=None)
@given(row=st.sampled_from(_OPIOID_ROWS), factor=st.sampled_from([1.01, 10, 1000]))
def test_above_the_ceiling_or_below_the_floor_is_never_counted(row: Any, factor: float) -> None:
    drug, route, bound = row
    above = bound.refuse_above.to("mg/day") * factor
    below = (bound.refuse_below.to("mg/day") / factor) if bound.refuse_below else None
    # the amount per day goes in the field the route takes: a rate only by a patch or an
    # infusion, a daily total by any other route (clinician re-check 19b, R4: a rate by mouth is
    # refused as a rate, whatever its amount; tests/domain/test_rate_only_by_infusion_or_patch.py)
    field = "rate" if takes_a_rate(route) else "daily_dose"
    for amount in [above] + ([below] if below else []):
        with pytest.raises(ImplausibleAmountError):
            calculate_mme(
                # a JSON number: Python writes 5e-05, and text in exponent notation is refused
                # before the bound is reached (pharmacist review 5b, item 6)
                {
                    "items": [
                        {"drug": drug, "route": route, field: {"value": amount, "unit": "mg/day"}}
                    ]
                },
                table_id="uk-palliative",
            )


def test_a_prn_line_with_none_taken_is_never_below_the_floor() -> None:
    item = {"drug": "morphine", "route": "oral", "prn": True, "dose": "5 mg", "doses_per_day": 0}
    assert _mme([item], "uk-palliative").total_mme_per_day == 0
