"""Lint over every row of the shipped data/conversion_tables.yaml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mps_pain.errors import ImplausibleAmountError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.index import TableIndex
from mps_pain.units import Dimension, dimension_of

REPO = Path(__file__).resolve().parents[2]

REQUIRED_SETS = {
    "cdc-2022": "risk_mme",
    "cdc-2016": "risk_mme",
    "fpm-2021": "equianalgesic",
    "uk-palliative": "equianalgesic",
    "jspm-2010": "equianalgesic",
}
OPIOIDS = [
    "morphine",
    "oxycodone",
    "hydromorphone",
    "fentanyl",
    "methadone",
    "tramadol",
    "tapentadol",
    "codeine",
    "dihydrocodeine",
    "hydrocodone",
    "oxymorphone",
    "buprenorphine",
    "diamorphine",
    "alfentanil",
    "pethidine",
    "levorphanol",
]
ADJUVANTS = [
    "acetaminophen",
    "naproxen",
    "loxoprofen",
    "ibuprofen",
    "celecoxib",
    "pregabalin",
    "gabapentin",
    "betamethasone",
    "dexamethasone",
    "ketamine",
    "olanzapine",
    "duloxetine",
    "amitriptyline",
]


def test_the_shipped_table_loads_with_version_and_hash(tables: TableIndex) -> None:
    assert tables.version
    assert re.fullmatch(r"[0-9a-f]{64}", tables.sha256)


@pytest.mark.parametrize(("set_id", "purpose"), REQUIRED_SETS.items())
def test_the_required_sets_exist_with_their_purpose(
    tables: TableIndex, set_id: str, purpose: str
) -> None:
    assert tables.reference_set(set_id).purpose == purpose


def test_every_drug_of_the_issue_is_in_the_catalogue(tables: TableIndex) -> None:
    for name in OPIOIDS:
        assert tables.drugs[name].is_opioid, name
    for name in ADJUVANTS:
        assert not tables.drugs[name].is_opioid, name
    assert tables.resolve_drug("paracetamol", location=None).id == "acetaminophen"
    assert tables.resolve_drug("meperidine", location=None).id == "pethidine"


def test_every_opioid_is_covered_by_at_least_one_set(tables: TableIndex) -> None:
    covered = {f.drug for s in tables.tables.reference_sets for f in s.factors}
    assert set(OPIOIDS) <= covered


def test_every_row_cites_a_source_with_a_year_and_a_locator(tables: TableIndex) -> None:
    for set_ in tables.tables.reference_sets:
        for factor in set_.factors:
            source = tables.tables.sources[factor.citation.source]
            assert source.year and source.citation and factor.citation.locator


def test_every_factor_multiplies_a_rate(tables: TableIndex) -> None:
    for set_ in tables.tables.reference_sets:
        for factor in set_.factors:
            assert dimension_of(factor.per) is Dimension.MASS_RATE


def test_cdc_2016_methadone_bands_have_continuous_bounds(tables: TableIndex) -> None:
    bands = [
        (f.band.above, f.band.up_to, f.factor)
        for f in tables.reference_set("cdc-2016").factors
        if f.drug == "methadone" and f.band is not None
    ]
    assert sorted(bands, key=lambda b: b[0]) == [
        (0, 20, 4),
        (20, 40, 8),
        (40, 60, 10),
        (60, None, 12),
    ]


def test_cdc_sets_carry_the_50_and_90_thresholds(tables: TableIndex) -> None:
    for set_id in ("cdc-2022", "cdc-2016"):
        levels = sorted(t.at_least_mme_per_day for t in tables.reference_set(set_id).thresholds)
        assert levels == [50, 90]


def test_pregabalin_maximum_comes_in_renal_bands_without_gaps(tables: TableIndex) -> None:
    bands = [m.renal for m in tables.drugs["pregabalin"].max_daily if m.renal is not None]
    assert len(bands) >= 4
    for value in [0, 14.9, 15, 29.9, 30, 59.9, 60, 200]:
        assert sum(band.contains(value) for band in bands) == 1, value


def test_every_drug_has_a_plausibility_ceiling(tables: TableIndex) -> None:
    for drug in tables.tables.drugs:
        assert drug.plausibility, drug.id


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"drug": "fentanyl", "route": "transdermal", "rate": "25 mg/h"}, "rate"),
        ({"drug": "morphine", "route": "oral", "daily_dose": "60 g/day"}, "daily_dose"),
        ({"drug": "morphine", "route": "oral", "dose": "10 g", "frequency": "q4h"}, "dose"),
        ({"drug": "oxycodone", "route": "iv", "rate": "2 g/h"}, "rate"),
    ],
)
def test_thousandfold_slips_are_refused_by_the_shipped_ceilings(
    tables: TableIndex, item: dict[str, str], field: str
) -> None:
    with pytest.raises(ImplausibleAmountError) as caught:
        calculate_mme({"items": [item]}, tables=tables, table_id="fpm-2021")
    assert caught.value.location == f"items[0].{field}"


def test_highest_palliative_doses_are_not_refused(tables: TableIndex) -> None:
    result = calculate_mme(
        {
            "items": [
                {"drug": "morphine", "route": "oral", "daily_dose": "3 g/day"},
                {"drug": "fentanyl", "route": "transdermal", "rate": "600 mcg/h"},
            ]
        },
        tables=tables,
        table_id="fpm-2021",
    )
    assert result.total_mme_per_day > 3000


def test_fentanyl_patches_exist_in_each_market(tables: TableIndex) -> None:
    patch = next(f for f in tables.drugs["fentanyl"].forms if f.id == "patch")
    markets = {s.market for s in patch.strengths}
    assert {"JP", "UK", "US"} <= markets
    assert all(s.unit == "mcg/h" for s in patch.strengths)


def test_no_clinical_factor_is_written_as_a_literal_in_the_core() -> None:
    """Distinctive shipped numbers must not be copied into code (one number, one place)."""
    distinctive = re.compile(r"(?<![\w.])(4\.7|2\.4|7\.2|0\.13|0\.15|1\.5|11\.46|16\.7)(?![\w.])")
    offenders = []
    for path in (REPO / "mps_pain").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if distinctive.search(code):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []
