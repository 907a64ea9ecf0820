"""The defects of other calculators (clinical-sources §1 and §4) cannot happen here.

T42 Dannyb685: methadone non-monotonic at tier edges (here a band edge holds the dose) and
1199 MME → 40.5 mg over its 40 mg cap.
T43 NotoMD: breakthrough divided by the doses per day (6× too small).
T44 NotoMD: patch output truncated at 100 mcg/h ("100–100" for OME 400).
T45 kalkulatoropioidow: methadone tiers with integer gaps (100.5 → 0) and drops (101 < 100).
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from mps_pain.domain.rotation.methadone import dose_for, method_value
from mps_pain.services.rotation_service import plan_rotation
from tests.rotation.conftest import request, scheduled

T42_POINTS = [59, 60, 199, 200, 299, 300, 499, 500, 1000, 1199]
T45_POINTS = [100, 100.5, 101, 300, 301, 1000, 1001]


def _methods(tables):
    rules = tables.tables.rotation.methadone
    return rules, [m for m in rules.methods if m.kind != "fraction"]


def _edges(method):
    return [t.up_to_mg_per_day for t in method.tiers if t.up_to_mg_per_day is not None]


@pytest.mark.parametrize("points", [T42_POINTS, T45_POINTS])
def test_t42_t45_a_methadone_dose_never_drops_at_a_band_edge(tables, points) -> None:
    rules, methods = _methods(tables)
    for method in methods:
        for low, high in pairwise(points):
            a, b = method_value(rules, method, low), method_value(rules, method, high)
            if a.value_mg is None or b.value_mg is None:
                continue
            assert b.value_mg >= a.value_mg, (method.id, low, high)


def test_t45_no_gap_between_integer_bands_gives_zero(tables) -> None:
    rules, methods = _methods(tables)
    for method in methods:
        for ome in (100.5, 99.5, 30.5, 90.5, 160.5, 299.5, 300.5, 390.5):
            value = method_value(rules, method, ome)
            assert value.value_mg is None or value.value_mg > 0
            assert value.value_mg is not None or value.refused


def test_t42_caps_hold_after_rounding_at_1199(tables) -> None:
    rules = tables.tables.rotation.methadone
    for method in rules.methods:
        if method.cap is None:
            continue
        dose = dose_for(rules, method, 1199, 0.0, (5, 10))
        amount = dose.per_dose_mg if method.cap.per == "dose" else dose.daily_mg
        assert amount is not None and amount <= method.cap.mg


def test_t43_breakthrough_is_a_fraction_of_the_daily_dose_per_dose(tables) -> None:
    """OME 60, morphine q4h: 1/10–1/6 of 60 mg = 6–10 mg per dose, never 1–2 mg."""
    plan = plan_rotation(
        request(
            [scheduled("morphine", "30 mg", "q12h", form="ER")],
            {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"},
            market="UK",
        ),
        tables=tables,
    )
    assert plan.rounded_daily_dose is not None and plan.rounded_daily_dose.value == 60
    bt = plan.breakthrough
    assert bt is not None and bt.dose is not None
    assert 6 <= bt.dose.value <= 10


def test_t44_patch_output_is_not_truncated_at_the_largest_size(tables) -> None:
    plan = plan_rotation(
        request(
            [scheduled("morphine", "200 mg", "q12h", form="ER")],
            {"drug": "fentanyl", "route": "transdermal"},
            table="uk-palliative",
            patch_table="factor",
            reduction=0,
            market="UK",
        ),
        tables=tables,
    )
    assert plan.regimen_detail.patches is not None
    total = sum(p.value for p in plan.regimen_detail.patches)
    assert total > 100
    assert total <= 400 / 2.4
    assert all(p.value in (12.5, 25, 50, 75, 100) for p in plan.regimen_detail.patches)
