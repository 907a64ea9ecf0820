"""Own fuzz after fuzz review 15 (D9's FHIR part): a resource that fhir.resources rejects was
refused in the library's words: "Value is expected from the instance of Dosage, but got type
<class 'int'>", "Invalid JSON: EOF while parsing a value" (for "" where an object belongs, in a
file that is valid JSON), "String should match pattern '^[^\\s]+(\\s[^\\s]+)*$'", "Decimal value
string does not match spec regex.", "Input should be greater than or equal to 1". Each is said in
a clinician's words, naming the element (never a ``root`` of the library's own); and an order
checked against a Patient without an id no longer says "Patient/None"."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fhir.conftest import ORAL, bundle, q, request, run

DEVELOPER_WORDS = (
    "Input should",
    "Value is expected",
    "<class",
    "Invalid JSON",
    "regex",
    "pattern '",
    "Extra inputs",
    "Value error",
    "None",
)


def _dosage(**extra: Any) -> dict[str, Any]:
    return {
        "route": ORAL,
        "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
        "doseAndRate": [{"doseQuantity": q(10, "mg")}],
        **extra,
    }


def _repeat(**repeat: Any) -> dict[str, Any]:
    return _dosage(timing={"repeat": {"frequency": 2, "period": 1, "periodUnit": "d", **repeat}})


CASES: list[tuple[dict[str, Any], str, str]] = [
    ({"dosageInstruction": 5}, "dosageInstruction", "a list"),
    ({"dosageInstruction": [5]}, "dosageInstruction[0]", "an object"),
    ({"subject": "x"}, "subject", "an object"),
    ({"medicationCodeableConcept": ""}, "medicationCodeableConcept", "an object"),
    ({"status": " active"}, "status", "spaces"),
    ({"dosageInstruction": [_repeat(frequency=0)]}, "frequency", "at least 1"),
    ({"dosageInstruction": [_repeat(frequency=1.5)]}, "frequency", "without a fraction"),
    ({"dosageInstruction": [_repeat(timeOfDay=["x"])]}, "timeOfDay[0]", "time"),
    ({"authoredOn": "x"}, "authoredOn", "date"),
    ({"doNotPerform": "x"}, "doNotPerform", "true or false"),
    ({"zz": 1}, "zz", "not a field at this place"),
]


@pytest.mark.parametrize(("change", "element", "fragment"), CASES, ids=lambda c: str(c)[:40])
def test_a_resource_the_library_rejects_is_refused_in_plain_words(
    change: dict[str, Any], element: str, fragment: str
) -> None:
    resource = {**request("x", _dosage()), **change}
    [refused] = run(bundle(resource)).refused
    assert refused.path.endswith(element), refused
    assert fragment in refused.message, refused.message
    for words in DEVELOPER_WORDS:
        assert words not in refused.message, refused.message


def test_a_decimal_text_is_refused_as_not_a_number() -> None:
    dose = q(10, "mg")
    dose["value"] = "x"
    [refused] = run(bundle(request("x", _dosage(doseAndRate=[{"doseQuantity": dose}])))).refused
    assert refused.path.endswith("doseQuantity.value")
    assert "not a decimal number" in refused.message and "regex" not in refused.message


def test_a_patient_without_an_id_is_not_called_none() -> None:
    patient = {"resourceType": "Patient", "name": [{"text": "A"}]}
    [refused] = run(bundle(patient, request("x", _dosage()))).refused
    assert refused.path == "subject"
    assert "None" not in refused.message and "no id" in refused.message


@pytest.mark.parametrize("period", [0, -2, 0.0])
def test_a_period_that_is_not_positive_is_said_as_written(period: float) -> None:
    """Fuzz review 15, D9: "timing.repeat.period: Decimal('0') is not a positive period"."""
    dosage = _dosage(timing={"repeat": {"frequency": 1, "period": period, "periodUnit": "h"}})
    [refused] = run(bundle(request("x", dosage))).refused
    assert refused.path.endswith("timing.repeat.period")
    assert "Decimal" not in refused.message and f"{period}" in refused.message
