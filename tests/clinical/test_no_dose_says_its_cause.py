"""Clinician review 15, #11: the default methadone method (Morley-Makin, an as-needed-only
regime) gave "methadone oral solution: no dose — not proposed for this patient: Morley-Makin stop
and go is an as-needed-only regime …". The reason was the method, not the patient, and "for this
patient" sent the reader looking for a patient factor. One wording rule for every plan without a
dose (``shaped.no_dose_reason``): "for this patient" only when a patient factor is the reason;
"not given by this method" when the method is; "not proposed" for any other reason (the amount
the conversion gives, no source for the switch)."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.domain.rotation.shape import regimen_text
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
OXYCODONE = {
    "drug": "oxycodone", "route": "oral", "form": "er", "dose": "30 mg", "frequency": "q12h"
}  # fmt: skip
PALLIATIVE = {"cancer_or_palliative": True, "age": 65, "opioid_tolerant": True}


def _plan(frm: dict[str, Any], to: dict[str, Any], patient: dict[str, Any] | None = None) -> Any:
    request: dict[str, Any] = {"from": {"items": [frm]}, "to": to, "table": "uk-palliative"}
    if patient is not None:
        request["patient"] = patient
    return plan_rotation(request, tables=TABLES)


CASES = {
    # the default method gives no dose, whatever the patient
    "method": (OXYCODONE, {"drug": "methadone", "route": "oral"}, None),
    # a patient factor (QTc > 500 ms) is the reason
    "patient": (OXYCODONE, {"drug": "methadone", "route": "oral"}, {"qtc": "520 ms"}),
    # eGFR 15: morphine is to be avoided
    "renal": (
        OXYCODONE,
        {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"},
        PALLIATIVE | {"egfr": "15 mL/min"},
    ),
    # no source gives a dose away from methadone (specialist only)
    "switch": (
        {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "q8h"},
        {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"},
        None,
    ),
    # the amount the conversion gives is outside the clinical range
    "amount": (
        {"drug": "morphine", "route": "oral", "daily_dose": "24 g/day"},
        {"drug": "morphine", "route": "sc", "continuous": True},
        PALLIATIVE,
    ),
}
HEADLINE = {
    "method": "no dose — not given by this method",
    "patient": "no dose — not proposed for this patient",
    "renal": "no dose — not proposed for this patient",
    "switch": "no dose — not proposed",
    "amount": "no dose — not proposed",
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_plan_without_a_dose_names_its_cause_and_only_a_patient_factor_as_the_patients(
    case: str,
) -> None:
    frm, to, patient = CASES[case]
    plan = _plan(frm, to, patient)
    reason = plan.regimen_detail.no_dose
    assert reason is not None, case
    view = plan_view(plan)
    headline = regimen_text(plan.regimen)
    assert headline.endswith(HEADLINE[case]), (case, headline)
    said = " ".join([reason, headline, *(r.note or "" for r in plan.spread)])
    by_patient = case in ("patient", "renal")
    assert ("for this patient" in said) is by_patient, (case, said)
    assert ("by this method" in said) is (case == "method"), (case, said)
    assert view.no_dose == reason
