"""Fuzz review 15, D12: 2.5 tablets of oxycodone 10 mg ER (RxNorm 1049502) imported as 25 mg
q12h with no remark. A modified-release tablet or capsule is swallowed whole, never split: an
order for a fraction of one cannot be given as written, and what the patient really takes (2 or
3 tablets, or a tablet broken and so released at once) is not known. The order is refused at its
``doseQuantity.value``, as every order that cannot be read as one dose is (docs/fhir.md), so
``mme --fhir`` computes no total until the dose taken is entered. Whole ER tablets, and half an
immediate-release tablet, import as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import run_cli
from tests.fhir.conftest import bundle, q, request, run, rx

REPRO = Path(__file__).parent / "fixtures" / "fuzz15" / "fhir-er-tablet-2.5.fhir.json"
ER_10 = "1049502"  # oxycodone 10 mg 12 h ER tablet
ER_10_BRAND = "1049504"  # [OxyContin]
IR_5 = "1049621"  # oxycodone 5 mg tablet
ER_FORM = {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "316945"}]}


def _tablets(count: float, code: str = "{tbl}") -> dict[str, Any]:
    return {
        "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
        "doseAndRate": [{"doseQuantity": q(count, code)}],
    }


@pytest.mark.parametrize("medication", [ER_10, ER_10_BRAND])
@pytest.mark.parametrize("count", [2.5, 0.5, 1.25])
def test_a_fraction_of_a_modified_release_tablet_is_refused(medication: str, count: float) -> None:
    found = run(bundle(request("er", _tablets(count), medication=rx(medication))))
    assert found.orders == []
    [refused] = found.refused
    assert refused.path == "dosageInstruction[0].doseAndRate[0].doseQuantity.value"
    assert refused.code == "invalid-value"
    assert "swallowed whole" in refused.message and "modified-release" in refused.message


def test_a_medication_whose_dose_form_is_modified_release_is_refused_too() -> None:
    medication = {
        "resourceType": "Medication",
        "id": "m",
        "code": rx("7804"),
        "form": ER_FORM,
        "ingredient": [
            {
                "itemCodeableConcept": rx("7804"),
                "strength": {"numerator": q(20, "mg"), "denominator": q(1, "{tbl}")},
            }
        ],
    }
    resource = request(
        "er", _tablets(1.5), contained=[medication], medicationReference={"reference": "#m"}
    )
    del resource["medicationCodeableConcept"]
    [refused] = run(bundle(resource)).refused
    assert refused.path == "dosageInstruction[0].doseAndRate[0].doseQuantity.value"
    resource["dosageInstruction"] = [_tablets(2)]
    found = run(bundle(resource))
    assert found.refused == [] and found.document.items[0].form == "er"


def test_a_dose_range_ending_in_a_fraction_is_refused_too() -> None:
    dosage = _tablets(1)
    dosage["doseAndRate"] = [{"doseRange": {"low": q(1, "{tbl}"), "high": q(1.5, "{tbl}")}}]
    [refused] = run(bundle(request("er", dosage, medication=rx(ER_10)))).refused
    assert refused.path == "dosageInstruction[0].doseAndRate[0].doseRange.high.value"


@pytest.mark.parametrize("count", [1, 2, 3.0])
def test_whole_modified_release_tablets_import(count: float) -> None:
    found = run(bundle(request("er", _tablets(count), medication=rx(ER_10))))
    assert found.refused == []
    assert found.document.items[0].dose is not None
    assert found.document.items[0].dose.value == 10 * count


def test_half_an_immediate_release_tablet_imports() -> None:
    found = run(bundle(request("ir", _tablets(0.5), medication=rx(IR_5))))
    assert found.refused == []
    assert found.document.items[0].dose is not None
    assert found.document.items[0].dose.value == 2.5


def test_the_reported_file_stops_the_total_naming_the_order() -> None:
    done = run_cli("fhir", "import", str(REPRO))
    assert done.returncode == 1
    assert "refused MedicationRequest/oxy-er dosageInstruction[0]" in done.stderr
    done = run_cli("mme", "--fhir", str(REPRO))
    assert done.returncode == 2 and "Total:" not in done.stdout
    assert "MedicationRequest/oxy-er" in done.stderr and "swallowed whole" in done.stderr
