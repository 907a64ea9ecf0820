"""Invariants of the MME engine, checked by hypothesis on the small made-up table."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import load_tables
from tests.conftest import FIXTURES

TABLES = load_tables(FIXTURES / "small_tables.yaml")
doses_mg = st.floats(min_value=0.01, max_value=200, allow_nan=False, allow_infinity=False)
frequencies = st.sampled_from(
    ["daily", "bid", "tid", "qid", "q4h", "q6h", "q8h", "q12h", "q24h", "q72h"]
)


SHAPES = st.sampled_from(["scheduled", "prn", "total", "patch", "adjuvant"])  # built once


@st.composite
def items(draw: st.DrawFn) -> dict[str, Any]:
    shape = draw(SHAPES)
    dose = draw(doses_mg)
    if shape == "scheduled":
        return {
            "drug": "alphadone",
            "route": "oral",
            "dose": f"{dose} mg",
            "frequency": draw(frequencies),
        }
    if shape == "prn":
        taken = draw(st.integers(min_value=0, max_value=12))
        return {
            "drug": "alphadone",
            "route": "oral",
            "prn": True,
            "dose": f"{dose} mg",
            "doses_per_day": taken,
        }
    if shape == "total":
        return {"drug": "alphadone", "route": "oral", "daily_dose": f"{dose} mg/day"}
    if shape == "patch":
        rate = draw(st.floats(min_value=1, max_value=300))
        return {"drug": "alphadone", "route": "transdermal", "rate": f"{rate} mcg/h"}
    return {"drug": "calmol", "route": "oral", "dose": f"{dose} mg", "frequency": draw(frequencies)}


def total(tables: TableIndex, regimen: list[dict[str, Any]], set_id: str = "set-risk") -> float:
    return calculate_mme(
        {"items": regimen}, tables=tables, table_id=set_id, prn_policy="include"
    ).total_mme_per_day


# a regimen has items: an empty one is refused (tests/cli/test_mme_of_nothing_refused.py)
@given(st.lists(items(), min_size=1, max_size=8))
def test_mme_is_never_negative(regimen: list[dict[str, Any]]) -> None:
    assert total(TABLES, regimen) >= 0


@given(st.lists(items(), min_size=1, max_size=6), st.lists(items(), min_size=1, max_size=6))
def test_mme_is_additive_over_items(
    first: list[dict[str, Any]], second: list[dict[str, Any]]
) -> None:
    assert total(TABLES, first + second) == pytest.approx(
        total(TABLES, first) + total(TABLES, second)
    )


@given(items(), st.floats(min_value=0.1, max_value=3))
def test_mme_is_linear_in_dose_for_an_unbanded_row(item: dict[str, Any], scale: float) -> None:
    def scaled(entry: dict[str, Any]) -> dict[str, Any]:
        out = dict(entry)
        for key in ("dose", "daily_dose", "rate"):
            if key in out:
                number, unit = out[key].split(" ", 1)
                out[key] = f"{float(number) * scale} {unit}"
        return out

    assert total(TABLES, [scaled(item)]) == pytest.approx(total(TABLES, [item]) * scale)


@given(st.floats(min_value=0.1, max_value=19.9), st.floats(min_value=0.1, max_value=3))
def test_mme_is_linear_in_dose_within_a_band(dose: float, scale: float) -> None:
    """Band 1 of betadone runs above 0 up to 10 mg/day: scaling inside it is linear."""
    low = min(dose, 9.9)
    high = min(low * scale, 10.0)
    at_low = total(TABLES, [{"drug": "betadone", "route": "oral", "daily_dose": f"{low} mg/day"}])
    at_high = total(TABLES, [{"drug": "betadone", "route": "oral", "daily_dose": f"{high} mg/day"}])
    assert at_high == pytest.approx(at_low * high / low)


@given(st.floats(min_value=1, max_value=900))
def test_the_same_patch_in_mcg_per_h_mg_per_h_or_mg_per_day_gives_the_same_mme(
    rate_mcg_per_h: float,
) -> None:
    spellings = [
        f"{rate_mcg_per_h} mcg/h",
        f"{rate_mcg_per_h} ug/hr",
        f"{rate_mcg_per_h / 1000} mg/h",
        f"{rate_mcg_per_h * 24 / 1000} mg/day",
        f"{rate_mcg_per_h * 24} mcg/day",
    ]
    results = [
        total(TABLES, [{"drug": "alphadone", "route": "transdermal", "rate": s}]) for s in spellings
    ]
    assert results == pytest.approx([results[0]] * len(results))


def _plain(value: float) -> str:
    """A float as a clinician types it, in plain digits: Python writes 3.3e-06, and an amount in
    exponent notation is refused (pharmacist review 5b, item 6)."""
    return format(Decimal(repr(value)), "f")


@given(doses_mg, frequencies)
def test_per_dose_and_per_day_writings_agree(dose: float, frequency: str) -> None:
    from mps_pain.domain.frequency import parse_frequency

    per_day = dose * parse_frequency(frequency).doses_per_day
    scheduled = total(
        TABLES,
        [{"drug": "alphadone", "route": "oral", "dose": f"{dose} mg", "frequency": frequency}],
    )
    daily = total(
        TABLES, [{"drug": "alphadone", "route": "oral", "daily_dose": f"{per_day} mg/day"}]
    )
    grams = total(
        TABLES,
        [{"drug": "alphadone", "route": "oral", "daily_dose": f"{_plain(per_day / 1000)} g/day"}],
    )
    assert scheduled == pytest.approx(daily) == pytest.approx(grams)


def band_edges(tables: TableIndex) -> list[tuple[str, str, str, float]]:
    edges = []
    for set_ in tables.tables.reference_sets:
        for factor in set_.factors:
            if factor.band is not None and factor.band.up_to is not None:
                for route in factor.routes:
                    edges.append((set_.id, factor.drug, route, factor.band.up_to))
    return edges


def assert_no_gap_at_edges(tables: TableIndex) -> int:
    """Every edge ±0.5 and ±1 gets a positive MME from a band; never a gap, never zero."""
    checked = 0
    for set_id, drug, route, edge in band_edges(tables):
        for offset in (-1.0, -0.5, 0.0, 0.5, 1.0):
            dose = edge + offset
            if dose <= 0:
                continue
            result = calculate_mme(
                {"items": [{"drug": drug, "route": route, "daily_dose": f"{dose} mg/day"}]},
                tables=tables,
                table_id=set_id,
                prn_policy="include",
            )
            assert result.total_mme_per_day > 0, (set_id, drug, dose)
            assert result.items[0].factor is not None
            checked += 1
    return checked


def test_no_gap_and_no_zero_at_any_band_edge_of_the_test_table() -> None:
    assert assert_no_gap_at_edges(TABLES) == 10


def test_no_gap_and_no_zero_at_any_band_edge_of_the_shipped_table(tables: TableIndex) -> None:
    assert assert_no_gap_at_edges(tables) > 0
