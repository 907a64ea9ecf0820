"""A real switching plan and check, saved and reproduced exactly from what was stored."""

from __future__ import annotations

from mps_pain import __version__
from mps_pain.services.patient_service import PatientService

REQUEST = {
    "from": {
        "items": [{"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "60 mg/day"}]
    },
    "to": {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
    "market": "UK",
}


def test_a_saved_rotation_plan_reproduces_exactly(service: PatientService, patient: str) -> None:
    from mps_pain.services.rotation_service import RotationRequest, plan_rotation

    request = RotationRequest.model_validate(REQUEST)
    result = plan_rotation(request, tables=service.tables)
    saved = service.save_plan(
        patient, kind="plan", title="oxycodone → morphine", inputs=request, outputs=result
    )
    [stored] = service.plans(patient)
    assert stored == saved
    assert (stored.table_id, stored.table_version, stored.table_sha256) == (
        result.table.id,
        result.table.version,
        result.table.sha256,
    )
    assert stored.app_version == __version__
    # later: the same tables file (same SHA-256) and the stored inputs give the same plan
    assert service.tables.sha256 == stored.table_sha256
    again = plan_rotation(RotationRequest.model_validate(stored.inputs), tables=service.tables)
    assert again.model_dump(mode="json") == stored.outputs
