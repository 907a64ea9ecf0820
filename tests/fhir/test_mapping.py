"""Awkward dosage forms map exactly; what cannot be represented is refused with its path."""

from __future__ import annotations

import json
from typing import Any

import pytest

from mps_pain.fhir.importer import import_fhir
from mps_pain.fhir.model import FhirInputError
from tests.fhir.conftest import IV, TRANSDERMAL, bundle, q, request, run, rx


def _only_item(result: Any) -> Any:
    assert result.refused == [], [r.sentence() for r in result.refused]
    assert len(result.document.items) == 1
    return result.document.items[0]


def _refusal(result: Any) -> str:
    assert len(result.refused) == 1
    return result.refused[0].sentence()


def test_the_issue_example_names_resource_and_path(oral_dose: dict[str, Any]) -> None:
    dosage = {**oral_dose, "timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "mo"}}}
    good = request("rx-1", oral_dose)
    result = run(bundle(request("rx-17", dosage), good))
    assert _refusal(result) == (
        "MedicationRequest/rx-17 dosageInstruction[0].timing.repeat.periodUnit: "
        "“mo” is not a dosing period"
    )
    assert [i.note for i in result.document.items] == [
        "FHIR MedicationRequest/rx-1: RxNorm 7804 Oxycodone"
    ]


def test_rate_ratio_is_a_continuous_rate() -> None:
    dosage = {
        "route": IV,
        "doseAndRate": [{"rateRatio": {"numerator": q(24, "mg"), "denominator": q(1, "d")}}],
    }
    item = _only_item(run(request("inf", dosage)))
    assert item.shape == "continuous"
    assert item.daily_mg_per_day() == 24


def test_time_of_day_without_frequency_counts_the_times(oral_dose: dict[str, Any]) -> None:
    dosage = {**oral_dose, "timing": {"repeat": {"timeOfDay": ["08:00:00", "20:00:00"]}}}
    result = run(request("tod", dosage))
    item = _only_item(result)
    assert item.frequency is not None and item.frequency.interval_h == 12
    assert result.orders[0].choices == ["timeOfDay lists 2 time(s) a day: every 12 h"]


def test_time_of_day_that_contradicts_the_frequency_is_refused(oral_dose: dict[str, Any]) -> None:
    dosage = {
        **oral_dose,
        "timing": {
            "repeat": {
                "frequency": 3,
                "period": 1,
                "periodUnit": "d",
                "timeOfDay": ["08:00:00", "20:00:00"],
            }
        },
    }
    assert "timing.repeat.timeOfDay: 2 time(s) a day contradicts" in _refusal(
        run(request("x", dosage))
    )


def test_frequency_max_is_the_most_aggressive_reading(oral_dose: dict[str, Any]) -> None:
    dosage = {
        **oral_dose,
        "timing": {"repeat": {"frequency": 2, "frequencyMax": 4, "period": 1, "periodUnit": "d"}},
    }
    result = run(request("fm", dosage))
    item = _only_item(result)
    assert item.daily_mg_per_day() == 40
    assert "frequencyMax 4 is used rather than frequency 2 (most aggressive dosing)" in (
        result.orders[0].choices
    )


def test_period_max_keeps_the_shorter_period(oral_dose: dict[str, Any]) -> None:
    dosage = {
        **oral_dose,
        "asNeededBoolean": True,
        "timing": {"repeat": {"frequency": 1, "period": 4, "periodMax": 6, "periodUnit": "h"}},
    }
    result = run(request("prn", dosage))
    item = _only_item(result)
    assert item.prn and item.doses_per_day == "not reported"
    assert any("periodMax 6 is not used" in c for c in result.orders[0].choices)
    assert "the order allows at most 6 dose(s) in 24 h" in result.orders[0].cautions[0]


def test_dose_range_takes_the_high_end(oral_dose: dict[str, Any]) -> None:
    dosage = {**oral_dose, "doseAndRate": [{"doseRange": {"low": q(5, "mg"), "high": q(10, "mg")}}]}
    result = run(request("range", dosage))
    assert _only_item(result).dose.value == 10
    assert result.orders[0].choices[0].startswith("dose range: the high end 10 mg is used")


def test_contained_medication_with_strength_per_ml() -> None:
    medication = {
        "resourceType": "Medication",
        "id": "m",
        "code": rx("7804"),
        "ingredient": [
            {
                "itemCodeableConcept": rx("7804"),
                "strength": {"numerator": q(10, "mg"), "denominator": q(1, "mL")},
            }
        ],
    }
    dosage = {"route": IV, "doseAndRate": [{"rateQuantity": q(0.5, "mL/h")}]}
    resource = request("c", dosage, contained=[medication], medicationReference={"reference": "#m"})
    del resource["medicationCodeableConcept"]
    item = _only_item(run(resource))
    assert item.concentration is not None and item.concentration.to("mg/mL") == 10
    assert item.daily_mg_per_day() == 120


def test_a_volume_without_a_concentration_is_refused() -> None:
    dosage = {"route": IV, "doseAndRate": [{"rateQuantity": q(0.5, "mL/h")}]}
    assert "needs the concentration" in _refusal(run(request("v", dosage)))


def test_a_patch_given_as_a_dose_is_refused() -> None:
    dosage = {
        "route": TRANSDERMAL,
        "timing": {"repeat": {"frequency": 1, "period": 72, "periodUnit": "h"}},
        "doseAndRate": [{"doseQuantity": q(1, "{patch}")}],
    }
    sentence = _refusal(run(request("patch", dosage, medication=rx("245134"))))
    assert sentence.startswith("MedicationRequest/patch dosageInstruction[0].doseAndRate[0]")
    assert "patch" in sentence


@pytest.mark.parametrize(
    ("medication", "path", "words"),
    [
        (rx("999999"), "medicationCodeableConcept.coding[0].code", "RxNorm code “999999”"),
        (
            {
                "coding": [{"system": "http://hl7.org/fhir/sid/ndc", "code": "0000-0000"}],
                "text": "oxycodone",
            },
            "medicationCodeableConcept.coding[0].code",
            "is not in the",
        ),
        ({"text": "unobtainium 5 mg"}, "medicationCodeableConcept.text", "names no drug"),
    ],
)
def test_unknown_codes_are_refused_never_guessed(
    oral_dose: dict[str, Any], medication: dict[str, Any], path: str, words: str
) -> None:
    sentence = _refusal(run(request("u", oral_dose, medication=medication)))
    assert sentence.startswith(f"MedicationRequest/u {path}: ")
    assert words in sentence


def test_an_unknown_route_code_is_refused(oral_dose: dict[str, Any]) -> None:
    dosage = {
        **oral_dose,
        "route": {"coding": [{"system": "http://snomed.info/sct", "code": "12345"}]},
    }
    assert "dosageInstruction[0].route.coding[0].code" in _refusal(run(request("r", dosage)))


def test_display_text_fallback_says_so(oral_dose: dict[str, Any]) -> None:
    result = run(request("t", oral_dose, medication={"text": "Oxycodone hydrochloride 10 mg"}))
    assert _only_item(result).drug == "oxycodone"
    assert result.orders[0].cautions == [
        "no RxNorm code: the drug was read from the text “Oxycodone hydrochloride 10 mg” — check it"
    ]


@pytest.mark.parametrize(
    ("dose", "path"),
    [
        ({"value": 10, "unit": "mg"}, "doseQuantity.code"),
        ({"value": 10}, "doseQuantity.code"),
        (q(10, "[iU]"), "doseQuantity.code"),
        (q(-1, "mg"), "doseQuantity.value"),
        (q(2, "{tbl}"), "doseQuantity.code"),
    ],
    ids=["unit-text-only", "no-unit", "not-a-mass", "negative", "tablets-without-strength"],
)
def test_a_dose_without_a_usable_ucum_unit_is_refused(
    oral_dose: dict[str, Any], dose: dict[str, Any], path: str
) -> None:
    dosage = {**oral_dose, "doseAndRate": [{"doseQuantity": dose}]}
    sentence = _refusal(run(request("d", dosage)))
    assert sentence.startswith(f"MedicationRequest/d dosageInstruction[0].doseAndRate[0].{path}")


def test_tablets_of_a_clinical_drug_use_its_strength(oral_dose: dict[str, Any]) -> None:
    dosage = {**oral_dose, "doseAndRate": [{"doseQuantity": q(2, "{tbl}")}]}
    assert _only_item(run(request("tab", dosage, medication=rx("1049621")))).dose.value == 10


def test_a_scheduled_dose_without_timing_is_refused(oral_dose: dict[str, Any]) -> None:
    dosage = {k: v for k, v in oral_dose.items() if k != "timing"}
    assert "dosageInstruction[0].timing: a scheduled dose needs" in _refusal(
        run(request("nt", dosage))
    )


def test_day_of_week_timing_is_refused(oral_dose: dict[str, Any]) -> None:
    dosage = {
        **oral_dose,
        "timing": {
            "repeat": {"frequency": 1, "period": 1, "periodUnit": "d", "dayOfWeek": ["mon"]}
        },
    }
    assert "timing.repeat.dayOfWeek" in _refusal(run(request("w", dosage)))


def test_an_invalid_resource_is_refused_and_the_others_import(oral_dose: dict[str, Any]) -> None:
    broken = request("broken", {**oral_dose, "doze": 1})
    result = run(bundle(broken, request("ok", oral_dose)))
    assert _refusal(result).startswith("MedicationRequest/broken dosageInstruction[0].doze")
    assert len(result.document.items) == 1


def test_draft_proposals_are_left_out_unless_asked_for(oral_dose: dict[str, Any]) -> None:
    proposal = request("p", oral_dose, status="draft", intent="proposal")
    assert run(proposal).inactive[0].status == "draft"
    assert len(run(proposal, include_proposals=True).document.items) == 1


def test_observations_fill_the_patient(oral_dose: dict[str, Any]) -> None:
    def obs(ident: str, code: str, value: dict[str, Any], when: str) -> dict[str, Any]:
        return {
            "resourceType": "Observation",
            "id": ident,
            "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
            "effectiveDateTime": when,
            "valueQuantity": value,
        }

    result = run(
        bundle(
            {"resourceType": "Patient", "id": "pt", "birthDate": "1950-12-02"},
            obs("w", "29463-7", q(61, "kg"), "2026-11-01"),
            obs("crcl-old", "2164-2", q(50, "mL/min"), "2026-10-01"),
            obs("crcl", "2164-2", q(28, "mL/min"), "2026-11-01"),
            obs("qtc", "8636-3", q(0.47, "s"), "2026-11-01"),
            request("rx", oral_dose),
        )
    )
    patient = result.document.patient
    assert patient.age == 75
    assert patient.weight is not None and patient.weight.to("kg") == 61
    assert patient.creatinine_clearance is not None
    assert patient.creatinine_clearance.to("mL/min") == 28
    assert patient.qtc is not None and patient.qtc.to("ms") == 470


def test_a_file_that_is_not_fhir_is_one_error() -> None:
    with pytest.raises(FhirInputError):
        import_fhir(json.dumps({"items": []}))
    with pytest.raises(FhirInputError):
        import_fhir("{not json")
