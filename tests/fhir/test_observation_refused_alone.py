"""Fuzz review 12 #2: a patient Observation the regimen cannot take aborted the whole import
(a newborn's weight in grams: exit 2, every medication lost), and one beyond the plausibility
bounds (weight 700 kg, eGFR 250 mL/min) was imported with exit 0 into a document that every
command then refused. Each Observation is now read, validated and bounded on its own: one that
cannot be used is refused alone, naming it, and the orders are kept."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fhir.conftest import ORAL, bundle, q, request, run

MORPHINE = {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "7052"}]}
LOINC = {"weight": "29463-7", "egfr": "33914-3", "qtc": "8636-3"}


def _observation(field: str, value_quantity: dict[str, Any]) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": "o1",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": LOINC[field]}]},
        "subject": {"reference": "Patient/pt"},
        "effectiveDateTime": "2026-12-01T00:00:00Z",
        "valueQuantity": value_quantity,
    }


def _morphine() -> dict[str, Any]:
    dosage = {
        "route": ORAL,
        "timing": {"repeat": {"frequency": 1, "period": 4, "periodUnit": "h"}},
        "doseAndRate": [{"doseQuantity": q(10, "mg")}],
    }
    return request("rx1", dosage, MORPHINE)


def test_a_newborn_weight_in_grams_is_read_as_a_body_mass() -> None:
    result = run(bundle(_morphine(), _observation("weight", q(3500, "g"))))
    assert result.refused == []
    assert result.document.patient.weight is not None
    assert result.document.patient.weight.to("kg") == pytest.approx(3.5)
    assert len(result.document.items) == 1


@pytest.mark.parametrize(
    ("field", "value_quantity"),
    [
        ("weight", q(700, "kg")),
        ("weight", q(0.1, "kg")),
        ("weight", q(70, "g")),
        ("egfr", q(250, "mL/min")),
        ("qtc", q(4400, "ms")),
    ],
)
def test_an_observation_beyond_the_bounds_is_refused_alone_and_the_orders_kept(
    field: str, value_quantity: dict[str, Any]
) -> None:
    result = run(bundle(_morphine(), _observation(field, value_quantity)))
    [refused] = result.refused
    assert refused.source.startswith("Observation/o1")
    assert refused.path.startswith("valueQuantity")
    assert "physiological" in refused.message
    assert getattr(result.document.patient, field) is None  # not imported
    assert len(result.document.items) == 1  # the medication list is kept
