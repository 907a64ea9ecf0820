"""The patient header's part of the editor's state: one field as typed (kept with its message
when the domain refuses it), or the empty fields filled from a record's identity. No Qt."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from mps_pain.domain.regimen import Patient
from ui.editing import EditorState, patient_raw_of
from ui.plain_language import patient_message

__all__ = ["with_patient", "with_patient_field"]


def with_patient_field(state: EditorState, name: str, value: Any) -> EditorState:
    """Set one patient field; a value the domain refuses is kept as typed, with its message."""
    raw = dict(state.patient_raw)
    if value is None or (isinstance(value, str) and not value.strip()):
        raw.pop(name, None)
    else:
        raw[name] = value.strip() if isinstance(value, str) else value
    errors: dict[str, str] = {}
    valid: dict[str, Any] = {}
    for key, val in raw.items():
        try:
            Patient.model_validate({key: val})
        except ValidationError:
            errors[key] = patient_message(key, str(val))
        else:
            valid[key] = val
    patient = Patient.model_validate(valid)
    document = state.document.model_copy(update={"patient": patient})
    return EditorState(document, state.rows, MappingProxyType(errors), MappingProxyType(raw))


def with_patient(state: EditorState, patient: Patient, *, title: str | None) -> EditorState:
    """Fill the EMPTY patient fields (and the title) from ``patient``, e.g. a record's identity;
    every field already typed stays as typed, with its message when it cannot be read (clinician
    review 9, #7: saving an unnamed patient replaced the whole header, so a typed CrCl "fen" -
    refused, still to correct - and any value the record did not hold were gone)."""
    after = state
    for name, value in patient_raw_of(patient).items():
        if state.patient_raw.get(name) in (None, ""):
            after = with_patient_field(after, name, value)
    document = after.document.model_copy(update={"title": title})
    return EditorState(document, after.rows, after.patient_errors, after.patient_raw)
