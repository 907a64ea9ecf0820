"""MedicationStatements, odd Bundles, and a property: an import never crashes or yields a non-finite
number; every element it cannot read becomes a refusal naming the resource and path."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.fhir.importer import import_fhir
from mps_pain.fhir.model import FhirInputError
from tests.fhir.conftest import AS_OF, IV, ORAL, TRANSDERMAL, bundle, q, request, run, rx


def _statement(ident: str, dosage: dict[str, Any], **extra: Any) -> dict[str, Any]:
    resource = {
        "resourceType": "MedicationStatement",
        "id": ident,
        "status": "active",
        "subject": {"reference": "Patient/pt"},
        "medicationCodeableConcept": rx("7804"),
        "dosage": [dosage],
    }
    resource.update(extra)
    return resource


PRN = {"route": ORAL, "asNeededBoolean": True, "doseAndRate": [{"doseQuantity": q(5, "mg")}]}


def test_a_standalone_statement_gives_the_doses_taken() -> None:
    taken = {**PRN, "timing": {"repeat": {"frequency": 4, "period": 1, "periodUnit": "d"}}}
    result = run(_statement("st", taken))
    item = result.document.items[0]
    assert item.prn and item.doses_per_day == 4 and item.daily_mg_per_day() == 20
    assert result.orders[0].source == "MedicationStatement/st"


def test_a_statement_with_an_unreadable_timing_is_refused_not_a_crash() -> None:
    bad = {**PRN, "timing": {"repeat": {"frequency": 4, "period": 1, "periodUnit": "mo"}}}
    result = run(
        bundle(
            request("rx", PRN),
            _statement("st", bad, basedOn=[{"reference": "MedicationRequest/rx"}]),
        )
    )
    assert [r.sentence() for r in result.refused] == [
        "MedicationStatement/st dosage[0].timing.repeat.periodUnit: “mo” is not a dosing period"
    ]
    assert result.document.items[0].doses_per_day == "not reported"


def test_a_statement_that_is_not_active_gives_no_doses_taken() -> None:
    taken = {**PRN, "timing": {"repeat": {"frequency": 4, "period": 1, "periodUnit": "d"}}}
    result = run(
        bundle(
            request("rx", PRN),
            _statement(
                "st", taken, status="completed", basedOn=[{"reference": "MedicationRequest/rx"}]
            ),
        )
    )
    assert result.document.items[0].doses_per_day == "not reported"
    assert [i.source for i in result.inactive] == ["MedicationStatement/st"]


def test_a_not_taken_statement_records_none_taken() -> None:
    result = run(
        bundle(
            request("rx", PRN),
            _statement(
                "st", PRN, status="not-taken", basedOn=[{"reference": "MedicationRequest/rx"}]
            ),
        )
    )
    assert result.document.items[0].doses_per_day == 0


def test_a_bundle_entry_that_is_not_a_resource_is_refused() -> None:
    with pytest.raises(FhirInputError, match=r"entry\[0\]\.resource is not a resource"):
        import_fhir(
            json.dumps(
                {
                    "resourceType": "Bundle",
                    "type": "collection",
                    "entry": [{"resource": "MedicationRequest/rx"}],
                }
            )
        )


def test_resources_that_are_not_read_are_listed(oral_dose: dict[str, Any]) -> None:
    condition = {"resourceType": "Condition", "id": "c1", "subject": {"reference": "Patient/pt"}}
    result = run(bundle(condition, request("rx", oral_dose)))
    assert result.ignored == ["Condition/c1"]


NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=False, width=32),
    st.integers(min_value=-5, max_value=10_000),
)
UNITS = st.sampled_from(
    ["mg", "ug", "g", "mL", "mg/h", "ug/h", "mL/h", "mg/d", "kg", "{tbl}", "[iU]", "h", "", "mg/mL"]
)


@st.composite
def dosages(draw: st.DrawFn) -> dict[str, Any]:
    def quantity() -> dict[str, Any]:
        code = draw(UNITS)
        value = draw(NUMBERS)
        return {
            "value": value,
            "system": "http://unitsofmeasure.org",
            **({"code": code} if code else {}),
        }

    kind = draw(st.sampled_from(["doseQuantity", "rateQuantity", "doseRange", "rateRatio"]))
    entry: dict[str, Any] = {
        "doseQuantity": lambda: {"doseQuantity": quantity()},
        "rateQuantity": lambda: {"rateQuantity": quantity()},
        "doseRange": lambda: {"doseRange": {"low": quantity(), "high": quantity()}},
        "rateRatio": lambda: {"rateRatio": {"numerator": quantity(), "denominator": quantity()}},
    }[kind]()
    repeat: dict[str, Any] = {}
    if draw(st.booleans()):
        repeat["frequency"] = draw(st.integers(min_value=1, max_value=200))
    if draw(st.booleans()):
        repeat["period"] = draw(st.floats(min_value=0.01, max_value=1000))
        repeat["periodUnit"] = draw(st.sampled_from(["s", "min", "h", "d", "wk", "mo", "a"]))
    if draw(st.booleans()):
        repeat["frequencyMax"] = draw(st.integers(min_value=1, max_value=50))
    if draw(st.booleans()):
        repeat["timeOfDay"] = draw(
            st.lists(st.sampled_from(["08:00:00", "14:00:00", "22:00:00"]), max_size=3)
        )
    dosage: dict[str, Any] = {
        "route": draw(st.sampled_from([ORAL, IV, TRANSDERMAL])),
        "doseAndRate": [entry],
    }
    if repeat or draw(st.booleans()):
        dosage["timing"] = {"repeat": repeat}
    if draw(st.booleans()):
        dosage["asNeededBoolean"] = True
    return dosage


@settings(max_examples=200, deadline=None)
@given(dosage=dosages(), code=st.sampled_from(["7804", "1049502", "245134", "897745", "42"]))
def test_any_dosage_imports_or_is_refused_with_its_path(dosage: dict[str, Any], code: str) -> None:
    text = json.dumps(request("rx", dosage, medication=rx(code)))
    try:
        result = import_fhir(text, as_of=AS_OF)
    except FhirInputError:
        return
    assert len(result.document.items) + len(result.refused) == 1
    for refused in result.refused:
        assert refused.source == "MedicationRequest/rx" and refused.message
    for item in result.document.items:
        if item.doses_per_day == "not reported":
            continue
        assert math.isfinite(item.daily_mg_per_day()) and item.daily_mg_per_day() >= 0


def test_an_interval_outside_the_accepted_range_is_refused(oral_dose: dict[str, Any]) -> None:
    dosage = {**oral_dose, "timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "min"}}}
    result = run(request("fast", dosage))
    assert [r.path for r in result.refused] == ["dosageInstruction[0].timing.repeat"]
    assert "0.25 h" in result.refused[0].message


def test_a_key_written_twice_is_refused() -> None:
    text = '{"resourceType": "MedicationRequest", "status": "active", "status": "stopped"}'
    with pytest.raises(FhirInputError, match="'status' is written twice"):
        import_fhir(text)


def test_an_observation_that_is_not_final_is_named_not_used(oral_dose: dict[str, Any]) -> None:
    egfr = {
        "resourceType": "Observation",
        "id": "g",
        "status": "preliminary",
        "code": {"coding": [{"system": "http://loinc.org", "code": "62238-1"}]},
        "valueQuantity": q(25, "mL/min"),
    }
    result = run(bundle(egfr, request("rx", oral_dose)))
    assert result.document.patient.egfr is None
    assert result.patient_notes == [
        "not used: Observation/g: status preliminary, not a final result"
    ]


def test_an_order_not_to_give_the_drug_is_left_out(oral_dose: dict[str, Any]) -> None:
    result = run(request("dnp", oral_dose, doNotPerform=True))
    assert result.document.items == []
    assert result.inactive[0].status == "active, doNotPerform (an order NOT to give it)"


@pytest.mark.parametrize("intent", ["proposal", "plan", "option"])
def test_an_active_proposal_or_plan_is_not_a_current_order(
    oral_dose: dict[str, Any], intent: str
) -> None:
    result = run(request("p", oral_dose, intent=intent))
    assert result.document.items == []
    assert result.inactive[0].status == f"active, intent {intent} (not an order)"
