"""Pharmacist review 10, N-3: uk-palliative, oral morphine 60 mg/day → methadone at QTc 520 ms
(or severe hepatic impairment) gave the NO DOSE reason "Morley-Makin stop and go is an
as-needed-only regime …" (the default method's own refusal) while jspm-2010 gave the
patient-factor rule. A system showing only ``no_dose`` told the user to pick another method,
which would then be dosed. Now the NO DOSE reason names the patient-factor contraindication
first whenever one applies, whatever the method (``gate.gate_plan``), the method's own reason
after it."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
FIRST = "Not proposed for this patient: the patient-factor rules say to avoid methadone"


def _plan(table: str, patient: dict[str, Any], method: str | None) -> Any:
    request: dict[str, Any] = {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "60 mg/day"}]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": table,
        "patient": patient,
    }
    if method is not None:
        request["methadone_method"] = method
    return plan_rotation(request, tables=TABLES)


@pytest.mark.parametrize(
    "patient", [{"qtc": "520 ms"}, {"hepatic_impairment": "severe"}], ids=["qtc", "hepatic"]
)
@pytest.mark.parametrize(
    ("table", "method"),
    [
        ("uk-palliative", None),  # the default: Morley-Makin, an as-needed-only regime
        ("uk-palliative", "morley-makin"),
        ("uk-palliative", "ccdhb"),
        ("jspm-2010", None),
    ],
)
def test_n3_no_dose_names_the_contraindication_first(
    table: str, method: str | None, patient: dict[str, Any]
) -> None:
    plan = _plan(table, patient, method)
    no_dose = plan.regimen_detail.no_dose
    assert no_dose is not None and no_dose.startswith(FIRST), no_dose
    assert plan.regimen.dose is None and plan.regimen.rate is None
    assert all(o.daily_dose is None and o.per_dose is None for o in plan.methadone_options)
