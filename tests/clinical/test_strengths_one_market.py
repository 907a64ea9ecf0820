"""Pharmacist review 5, D10 (a): "hydromorphone oral IR 2.3 mg (1.3 mg + 1 mg) q4h" under
fpm-2021 (AU) combined a UK-only capsule with a JP-only tablet: the catalogue lists no AU
strengths, and the fallback offered the union of every market's. A dose is now made of one
market's products: where the plan's market lists none, one listed market is used (the same for
every form of the drug where it lists the form), and the plan says which."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.domain.rotation.rounding import MarketChoice, fallback_markets, strengths_for
from mps_pain.tables.loader import get_tables
from mps_pain.units import Dimension, dimension_of
from tests.clinical.helpers import run_json

TABLES = get_tables()
MARKETS = [None, "AU", "UK", "JP", "US", "NZ"]


def _is_dose(unit: str) -> bool:
    return dimension_of(unit) in (Dimension.MASS, Dimension.MASS_RATE)


def _dose_forms() -> list[tuple[Any, str]]:
    return [
        (drug, form.id)
        for drug in TABLES.tables.drugs
        for form in drug.forms
        if any(_is_dose(s.unit) for s in form.strengths)
    ]


@pytest.mark.parametrize("market", MARKETS)
def test_strengths_come_from_one_listed_market(market) -> None:
    """Every drug and form with dose strengths, under every market: the strengths offered are
    one listed market's own list, and the choice names that market."""
    for drug, form_id in _dose_forms():
        choice = strengths_for(TABLES, drug, form_id, MarketChoice(market, ""))
        assert choice is not None
        form = next(f for f in drug.forms if f.id == form_id)
        lists = {s.market: tuple(s.values) for s in form.strengths if s.unit == choice.unit}
        assert choice.market in lists, (drug.id, form_id, market, choice.market)
        assert choice.values == lists[choice.market], (drug.id, form_id, market)


def test_one_fallback_market_per_drug_where_it_lists_the_form() -> None:
    """Without the plan's market, every form of a drug comes from the same listed market when
    that market lists the form (an ER dose and its IR breakthrough from one market)."""
    for drug in TABLES.tables.drugs:
        used = {}
        for d, form_id in _dose_forms():
            if d.id != drug.id:
                continue
            choice = strengths_for(TABLES, drug, form_id, MarketChoice("AU", ""))
            assert choice is not None
            used[form_id] = choice.market
        if not used:
            continue
        first = fallback_markets(drug)[0]
        for form_id, market in used.items():
            form = next(f for f in drug.forms if f.id == form_id)
            if any(s.market == first and _is_dose(s.unit) for s in form.strengths):
                assert market == first, (drug.id, form_id, used)


def test_d03_hydromorphone_au_is_one_market(tmp_path, capsys) -> None:
    document = {
        "from": {
            "items": [
                {
                    "drug": "hydromorphone",
                    "route": "iv",
                    "rate": "1 mL/h",
                    "concentration": "0.2 mg/mL",
                }
            ]
        },
        "to": {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
        "table": "fpm-2021",
    }
    plan = run_json("rotate", document, tmp_path, capsys)
    units = plan["regimen_detail"]["dose_units"] or [plan["regimen"]["dose"]]
    values = {u["value"] for u in units}
    jp, uk = {1.0, 2.0, 4.0}, {1.3, 2.6}
    assert values <= jp or values <= uk or values <= {2.0, 4.0, 8.0}, units
    caution = next(w for w in plan["warnings"] if w["code"] == "strengths-all-markets")
    assert "union" not in caution["message"]
    assert "the strengths of one market" in caution["message"]
