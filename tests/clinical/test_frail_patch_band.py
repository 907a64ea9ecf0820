"""A frail patient's switch to a patch read from a band table takes the frail reduction too
(pharmacist review 5, D7: age 90, frail, morphine ER 30 mg q12h → fentanyl patch under
uk-palliative was given 25 mcg/h at 0%; the frail default of 30% (Lanarkshire 'reduce up to 30%
if toxic or frail') reads the NHS chart at 42 mg/day → 12.5 mcg/h). The check judges the frail
patient's patch by the same range, so the plan passes its own check.

Since clinician review 12, #5, 60 mg/day itself is read in the lower band (12.5 mcg/h, the value
two cited bands share), frail or not; at 80 mg/day (ER 40 mg q12h) the frail reduction still
makes the difference: 25 mcg/h, frail 56 mg/day → 12.5 mcg/h."""

from __future__ import annotations

import pytest

from mps_pain.domain.rotation.requests import CheckRequest, RotationRequest
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.index import TableIndex


def _request(patient: dict[str, object], dose: str = "30 mg") -> dict[str, object]:
    return {
        "from": {
            "items": [
                {
                    "drug": "morphine",
                    "route": "oral",
                    "form": "ER",
                    "dose": dose,
                    "frequency": "q12h",
                }
            ]
        },
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
        "patient": patient,
    }


@pytest.mark.parametrize(
    ("patient", "dose", "patch_mcg_per_h"),
    [
        ({"age": 90, "frail": True}, "30 mg", 12.5),
        ({"age": 60}, "30 mg", 12.5),
        ({"age": 90}, "30 mg", 12.5),
        ({"age": 90, "frail": True}, "40 mg", 12.5),
        ({"age": 60}, "40 mg", 25.0),
        ({"age": 90}, "40 mg", 25.0),
    ],
)
def test_a_frail_patients_band_is_read_at_the_frail_reduction(
    tables: TableIndex, patient: dict[str, object], dose: str, patch_mcg_per_h: float
) -> None:
    request = _request(patient, dose)
    plan = plan_rotation(RotationRequest.model_validate(request), tables=tables)
    assert plan.regimen.rate is not None
    assert plan.regimen.rate.value == patch_mcg_per_h
    check = check_proposal(
        CheckRequest.model_validate(
            {
                "from": request["from"],
                "proposed": {
                    "items": [plan.regimen.as_item().model_dump(mode="json", exclude_none=True)]
                },
                "table": "uk-palliative",
                "patient": patient,
            }
        ),
        tables=tables,
    )
    assert check.verdict == "within"


def test_uncontrolled_pain_changes_the_dose_and_never_says_it_is_unchanged(
    tables: TableIndex,
) -> None:
    """Pharmacist review 5, D11: with ``pain_controlled: false`` the plan said it "uses the low
    end of the range" while the dose was the default one (the default already is the low end).
    Pharmacist review 7, D3: the cited formulary says no reduction then, so the dose is the
    equianalgesic one (morphine 120 mg/day → oxycodone 80 mg/day by 1.5:1, not 60) and the note
    does not say it is unchanged."""
    base = {
        "from": {
            "items": [
                {
                    "drug": "morphine",
                    "route": "oral",
                    "form": "ER",
                    "dose": "60 mg",
                    "frequency": "q12h",
                }
            ]
        },
        "to": {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
        "table": "uk-palliative",
    }
    usual = plan_rotation(RotationRequest.model_validate(base), tables=tables)
    uncontrolled = plan_rotation(
        RotationRequest.model_validate({**base, "pain_controlled": False}), tables=tables
    )
    assert uncontrolled.regimen.dose.value == 40, uncontrolled.regimen
    assert usual.regimen.dose.value < uncontrolled.regimen.dose.value
    note = next(w for w in uncontrolled.warnings if w.code == "pain-uncontrolled")
    assert "the dose is the one it would be with pain controlled" not in note.message
