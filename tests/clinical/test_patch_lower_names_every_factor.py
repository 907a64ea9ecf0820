"""Pharmacist re-check 19b, L6 (low): for a frail 85-year-old (M5d, a check of 25 mcg/h), the
reason the patch above the range is not taken read as the age note ("… if the patient is frail,
mark them frail …", said of a patient already marked frail) run on into "the patient is frail or
elderly": frailty, the factor that fired, was not named as such.

The rule (``patch_lower.lower_patch_reason``, the planner's and the check's one reason): every
factor that fired is named, one by one, each with its source: the hepatic or renal rule for the
patch drug, the age (elderly note), and frailty as marked.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.patient_rules.elderly import elderly_warnings
from mps_pain.domain.patient_rules.renal_hepatic import hepatic_warnings, renal_warnings
from mps_pain.domain.patient_rules.uses import DrugUse
from mps_pain.domain.regimen import Patient
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.patch_lower import lower_patch_reason
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
RULES = rotation_rules(TABLES)
FENTANYL = TABLES.drugs["fentanyl"]
FIXTURES = Path(__file__).parent / "fixtures" / "review19b"
FRAIL = "marked frail"


def test_m5d_names_frailty_and_the_age_apart() -> None:
    request = json.loads((FIXTURES / "M5d-fpm-oxy60-frail-patch25-check.json").read_text())
    result = check_proposal(request, tables=TABLES)
    (held,) = [r for r in result.reasons if "is not taken for this patient" in r]
    assert FRAIL in held and "Age 85" in held, held
    assert "mark them frail" not in held, held  # the age note's advice, to a frail patient


@settings(max_examples=60, deadline=None)
@given(
    frail=st.booleans(),
    age=st.sampled_from([None, 40, 64, 65, 85]),
    hepatic=st.sampled_from([None, "mild", "moderate", "severe"]),
    egfr=st.sampled_from([None, "60 mL/min", "25 mL/min", "10 mL/min"]),
)
def test_every_factor_that_fired_is_named(
    frail: bool, age: int | None, hepatic: str | None, egfr: str | None
) -> None:
    given_patient: dict[str, Any] = {"frail": frail, "age": age, "hepatic_impairment": hepatic,
                                     "egfr": egfr}  # fmt: skip
    patient = Patient.model_validate({k: v for k, v in given_patient.items() if v is not None})
    reason = lower_patch_reason(TABLES, RULES, patient, FENTANYL)
    use = [DrugUse(FENTANYL, "transdermal")]
    organ = [
        *hepatic_warnings(TABLES, RULES, patient, use),
        *renal_warnings(TABLES, RULES, patient, use),
    ]
    for warning in organ:
        assert warning.message.rstrip(".") in reason, (warning.message, reason)
    aged = elderly_warnings(TABLES, patient)
    assert (f"Age {age}" in reason) == bool(aged), reason
    assert (FRAIL in reason) == frail, reason
    fired = len(organ) + len(aged) + int(frail)
    assert (reason == "") == (fired == 0), reason
    if frail and fired > 1:  # named apart, not run on into the factor before it
        assert f"]; the patient is {FRAIL}" in reason, reason
