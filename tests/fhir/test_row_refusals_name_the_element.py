"""Own fuzz after fuzz review 15 (and D9's FHIR examples): an amount the regimen row refuses
(out of range) was refused at the whole ``dosageInstruction[0]`` with pydantic's "Value error,"
and, for 1e308 tablets, an amount the order never said ("'inf mg' is out of range"). The row's
refusal names the FHIR element its field came from, in the row's own words."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fhir.conftest import ORAL, bundle, q, request, run, rx

IV = {"coding": [{"system": "http://snomed.info/sct", "code": "47625008"}]}


def _scheduled(dose: dict[str, Any]) -> dict[str, Any]:
    return {
        "route": ORAL,
        "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
        "doseAndRate": [{"doseQuantity": dose}],
    }


@pytest.mark.parametrize(
    ("dosage", "medication", "path", "fragment"),
    [
        (_scheduled(q(1e12, "mg")), None, "doseAndRate[0].doseQuantity", "out of range"),
        (_scheduled(q(1e308, "{tbl}")), "1049621", "doseAndRate[0].doseQuantity.value", "1e+308"),
        (
            {"route": IV, "doseAndRate": [{"rateQuantity": q(1e12, "mg/h")}]},
            None,
            "doseAndRate[0].rateQuantity",
            "out of range",
        ),
        (
            {
                "route": ORAL,
                "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
                "doseAndRate": [{"doseRange": {"low": q(1, "mg"), "high": q(1e12, "mg")}}],
            },
            None,
            "doseAndRate[0].doseRange.high",
            "out of range",
        ),
    ],
)
def test_an_amount_out_of_range_is_refused_at_its_element(
    dosage: dict[str, Any], medication: str | None, path: str, fragment: str
) -> None:
    found = run(bundle(request("x", dosage, medication=rx(medication) if medication else None)))
    [refused] = found.refused
    assert refused.path == f"dosageInstruction[0].{path}", refused
    assert fragment in refused.message
    assert not refused.message.startswith("Value error") and "inf mg" not in refused.message


def test_a_decimal_beyond_float_range_is_out_of_range_not_negative() -> None:
    """Own fuzz: the FHIR decimal text "1e400" was refused as "1E+400 is not a positive number"."""
    dose = q(1, "mg")
    dose["value"] = "1e400"
    [refused] = run(bundle(request("x", _scheduled(dose)))).refused
    assert refused.path == "dosageInstruction[0].doseAndRate[0].doseQuantity.value"
    assert "out of range" in refused.message and "positive" not in refused.message
