"""Shared helpers of the FHIR tests: bundles are built as plain JSON, as an EHR would send them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mps_pain.fhir.importer import import_fhir
from mps_pain.fhir.model import FhirImport

CASES = Path(__file__).parent / "cases"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
ORAL = {"coding": [{"system": SNOMED, "code": "26643006"}]}
IV = {"coding": [{"system": SNOMED, "code": "47625008"}]}
TRANSDERMAL = {"coding": [{"system": SNOMED, "code": "45890007"}]}
AS_OF = date(2026, 12, 1)


def q(value: float, code: str) -> dict[str, Any]:
    return {"value": value, "unit": code, "system": UCUM, "code": code}


def rx(code: str) -> dict[str, Any]:
    return {"coding": [{"system": RXNORM, "code": code}]}


def request(
    ident: str, dosage: dict[str, Any], medication: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    resource = {
        "resourceType": "MedicationRequest",
        "id": ident,
        "status": "active",
        "intent": "order",
        "subject": {"reference": "Patient/pt"},
        "medicationCodeableConcept": rx("7804") if medication is None else medication,
        "dosageInstruction": [dosage],
    }
    resource.update(extra)
    return resource


def bundle(*resources: dict[str, Any]) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": r} for r in resources],
    }


def run(document: dict[str, Any], **options: Any) -> FhirImport:
    return import_fhir(json.dumps(document), as_of=AS_OF, **options)


@pytest.fixture
def oral_dose() -> dict[str, Any]:
    return {
        "route": ORAL,
        "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
        "doseAndRate": [{"doseQuantity": q(10, "mg")}],
    }
