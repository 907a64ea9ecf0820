"""Issue 8, class 9: palliative defaults.

CDC 2022 and 2016 exclude active cancer treatment, palliative and end-of-life care
(clinical-sources §1 A1), so their tapering thresholds are not applied to a patient marked
``cancer_or_palliative``; the CDC totals stay in the spread. The five published cases are marked;
the set a document opens under comes from the market (data: market_defaults)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mps_pain.paths import cases_dir
from mps_pain.services.documents import parse_document_text, parse_regimen
from mps_pain.services.market_defaults import default_set_for_market
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.loader import get_tables

OXYCODONE_120 = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "ER",
    "dose": "60 mg",
    "frequency": "q12h",
}  # 180 MME/day under CDC


@pytest.mark.parametrize("table", ["cdc-2022", "cdc-2016"])
def test_the_cdc_taper_danger_is_not_raised_for_a_palliative_patient(table: str) -> None:
    unmarked = calculate_mme({"items": [OXYCODONE_120]}, table_id=table)
    marked = calculate_mme(
        {"items": [OXYCODONE_120], "patient": {"cancer_or_palliative": True}}, table_id=table
    )
    assert "mme-90" in {w.code for w in unmarked.warnings}
    codes = {w.code: w for w in marked.warnings}
    assert "mme-90" not in codes and "mme-50" not in codes
    note = codes["set-scope-excludes-patient"]
    assert note.severity == "info" and note.source and "palliative" in note.message
    assert marked.total_mme_per_day == unmarked.total_mme_per_day == 180


def test_the_cdc_totals_stay_in_the_spread_under_a_palliative_set() -> None:
    result = calculate_mme(
        {"items": [OXYCODONE_120], "patient": {"cancer_or_palliative": True}},
        table_id="uk-palliative",
    )
    cdc = {e.table: e.total_mme_per_day for e in result.spread}
    assert cdc["cdc-2022"] == 180 and cdc["cdc-2016"] == 180


def _case_files() -> list[Path]:
    return sorted(cases_dir().glob("*/step-*.yaml"))


def test_all_five_cases_are_marked_and_none_pins_a_risk_set() -> None:
    files = _case_files()
    assert len({f.parent.name for f in files}) == 5
    tables = get_tables()
    for path in files:
        document = parse_regimen(parse_document_text(path.read_text(encoding="utf-8")))
        assert document.patient.cancer_or_palliative is True, path
        assert document.table is None or tables.sets[document.table].purpose == "equianalgesic"


@pytest.mark.parametrize(
    ("market", "expected"),
    [
        ("JP", "jspm-2010"),
        ("UK", "uk-palliative"),
        ("AU", "fpm-2021"),
        ("NZ", "fpm-2021"),
        ("US", "uk-palliative"),
        (None, "uk-palliative"),
    ],
)
def test_the_market_chooses_an_equianalgesic_set(market: str | None, expected: str) -> None:
    tables = get_tables()
    chosen = default_set_for_market(tables, market)
    assert chosen == expected and tables.sets[expected].purpose == "equianalgesic"


def test_a_document_with_a_market_and_no_table_opens_under_that_market_s_set() -> None:
    result = calculate_mme({"market": "AU", "items": [OXYCODONE_120]})
    assert result.table.id == "fpm-2021"
