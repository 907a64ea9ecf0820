"""Golden: the HL7 MME calculator's published examples (cqframework/opioid-mme-r4,
input/tests/MMECalculatorTests; see tests/fhir/hl7/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

from mps_pain.fhir.importer import import_fhir
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.index import TableIndex

HL7 = Path(__file__).parent / "hl7"


def test_time_of_day_example_gives_the_published_30_mme(tables: TableIndex) -> None:
    """patient-mme-with-timeofday: published TotalMME 30.0 {MME}/d."""
    result = import_fhir((HL7 / "mme-with-timeofday.json").read_text(encoding="utf-8"))
    assert result.refused == []
    assert result.orders[0].choices == [
        "route oral: from the dose form (no dosage route given)",
        "timeOfDay lists 2 time(s) a day: every 12 h",
    ]
    total = calculate_mme(result.document, tables=tables, table_id="cdc-2022")
    assert total.total_mme_per_day == 30.0


def test_patch_count_example_is_refused_and_names_the_rate() -> None:
    """patient-mme-greater-than-fifty: the HL7 calculator reads 180 MME/day from '1 patch every
    3 days'; issue 13 asks that a patch given as a dose be refused, so it is, naming the rate."""
    result = import_fhir((HL7 / "mme-greater-than-fifty.json").read_text(encoding="utf-8"))
    assert result.document.items == []
    assert [r.sentence() for r in result.refused] == [
        "MedicationRequest/example-rec-05-mme-greater-than-fifty-context "
        "dosageInstruction[0].doseAndRate[0].doseQuantity: a patch is given as a dose; a patch "
        "releases a rate (this patch releases 0.075 mg/h, strength of RxNorm 197696): give "
        "doseAndRate.rateQuantity in ug/h (or mg/h)"
    ]


def test_the_same_patch_written_as_a_rate_gives_the_published_180_mme(tables: TableIndex) -> None:
    raw = json.loads((HL7 / "mme-greater-than-fifty.json").read_text(encoding="utf-8"))
    raw["dosageInstruction"][0]["doseAndRate"] = [
        {
            "rateQuantity": {
                "value": 75,
                "unit": "ug/h",
                "system": "http://unitsofmeasure.org",
                "code": "ug/h",
            }
        }
    ]
    result = import_fhir(json.dumps(raw))
    assert result.refused == []
    total = calculate_mme(result.document, tables=tables, table_id="cdc-2022")
    assert total.total_mme_per_day == 180.0
