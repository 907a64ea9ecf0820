"""Defects from the outside fuzz review of 2 December (reproducers in tests/fhir/fixtures/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mps_pain.fhir.model import FhirInputError
from mps_pain_cli.main import main
from tests.fhir.conftest import ORAL, RXNORM, UCUM, bundle, q, request, run

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_repeated_entry_refuses_the_bundle_naming_both(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The same MedicationRequest twice gave 318 OME/day instead of 174 (counted twice)."""
    path = str(FIXTURES / "fhir_duplicate_entry.json")
    assert main(["mme", "--fhir", path, "--table", "fpm-2021"]) == 2
    err = capsys.readouterr().err
    assert "Bundle.entry[2] and Bundle.entry[3]" in err
    assert "bdl-7" in err


def test_a_repeated_resource_id_under_new_full_urls_is_refused(oral_dose: dict[str, Any]) -> None:
    document = bundle(request("rx-1", oral_dose), request("rx-1", oral_dose))
    with pytest.raises(
        FhirInputError, match=r"entry\[0\] and Bundle.entry\[1\].*MedicationRequest/rx-1"
    ):
        run(document)


@pytest.mark.parametrize(
    ("name", "text", "code"),
    [
        ("fhir_unit_code_mismatch.json", "mg/h", "ug/h"),
        ("fhir_unit_code_mismatch_reverse.json", "ug/h", "mg/h"),
    ],
)
def test_a_unit_text_that_disagrees_with_its_code_is_refused(
    name: str, text: str, code: str
) -> None:
    result = run_file(FIXTURES / name)
    assert [i.drug for i in result.document.items] == ["oxycodone"]
    [refused] = result.refused
    assert refused.source == "MedicationRequest/m2"
    assert refused.path == "dosageInstruction[0].doseAndRate[0].rateQuantity.unit"
    assert f"“{text}”" in refused.message and f"“{code}”" in refused.message


@pytest.mark.parametrize("text", ["mg", "milligram", "tablet", None])
def test_a_unit_text_that_agrees_or_is_no_unit_still_imports(
    oral_dose: dict[str, Any], text: str | None
) -> None:
    dose = {**q(10, "mg"), "unit": text}
    if text is None:
        dose.pop("unit")
    oral_dose["doseAndRate"] = [{"doseQuantity": dose}]
    result = run(bundle(request("rx-1", oral_dose)))
    assert not result.refused
    assert result.document.items[0].dose is not None
    assert result.document.items[0].dose.to("mg") == 10


def test_a_strength_ratio_unit_text_is_checked_too() -> None:
    medication = {
        "resourceType": "Medication",
        "id": "med",
        "code": {"coding": [{"system": RXNORM, "code": "7052"}]},
        "ingredient": [
            {
                "itemCodeableConcept": {"text": "morphine"},
                "strength": {
                    "numerator": {"value": 10, "unit": "g", "system": UCUM, "code": "mg"},
                    "denominator": {"value": 1, "unit": "mL", "system": UCUM, "code": "mL"},
                },
            }
        ],
    }
    dosage = {
        "route": ORAL,
        "timing": {"repeat": {"frequency": 1, "period": 4, "periodUnit": "h"}},
        "doseAndRate": [{"doseQuantity": q(1, "mL")}],
    }
    order = request(
        "rx-1", dosage, medication=None, medicationReference={"reference": "Medication/med"}
    )
    order.pop("medicationCodeableConcept")
    result = run(bundle(medication, order))
    [refused] = result.refused
    assert refused.path.endswith("strength.numerator.unit")


@pytest.mark.parametrize(
    ("name", "bad"),
    [("fhir_two_codings.json", "coding[1]"), ("fhir_conflicting_codings.json", "coding[1]")],
)
def test_codings_naming_different_drugs_are_refused(name: str, bad: str) -> None:
    result = run_file(FIXTURES / name)
    [refused] = result.refused
    assert refused.source == "MedicationRequest/m1"
    assert refused.path == f"medicationCodeableConcept.{bad}.code"
    assert (
        "Morphine and oxycodone" in refused.message or "Oxycodone and morphine" in refused.message
    )
    assert [i.drug for i in result.document.items] == ["oxycodone"]  # m2 still imports


def test_codings_with_conflicting_dose_forms_are_refused(oral_dose: dict[str, Any]) -> None:
    # 1049502: oxycodone 10 mg ER tablet; 1049683: oxycodone 10 mg (IR) tablet
    concept = {
        "coding": [{"system": RXNORM, "code": "1049502"}, {"system": RXNORM, "code": "1049683"}]
    }
    oral_dose["doseAndRate"] = [{"doseQuantity": q(10, "mg")}]
    result = run(bundle(request("rx-1", oral_dose, medication=concept)))
    [refused] = result.refused
    assert "dose forms differ" in refused.message


def test_an_ingredient_and_its_clinical_drug_agree(oral_dose: dict[str, Any]) -> None:
    concept = {
        "coding": [{"system": RXNORM, "code": "7804"}, {"system": RXNORM, "code": "1049502"}]
    }
    oral_dose["doseAndRate"] = [{"doseQuantity": q(10, "mg")}]
    result = run(bundle(request("rx-1", oral_dose, medication=concept)))
    assert not result.refused
    assert result.document.items[0].form == "er"


def test_a_bidi_override_in_the_input_is_escaped_in_messages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["fhir", "import", str(FIXTURES / "fhir_status_bidi.json")])
    err = capsys.readouterr().err
    assert "\u202e" not in err
    assert "active\\u202e" in err


def run_file(path: Path) -> Any:
    from mps_pain.fhir.importer import import_fhir
    from tests.fhir.conftest import AS_OF

    return import_fhir(path.read_text(encoding="utf-8"), as_of=AS_OF)
