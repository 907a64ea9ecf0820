"""The patient header's part of the editor's state: one field as typed (kept with its message
when the domain refuses it), or the empty fields filled from a record's identity. No Qt."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from mps_pain.domain.regimen import Patient
from mps_pain.errors import InputError
from mps_pain.fields import is_bare_number
from mps_pain.units import ParsedQuantity
from ui.editing import EditorState, patient_raw_of
from ui.plain_language import patient_message

__all__ = ["refuse_unread", "refuse_unread_patient", "with_patient", "with_patient_field"]


def with_patient_field(state: EditorState, name: str, value: Any) -> EditorState:
    """Set one patient field; a value the domain refuses is kept as typed, with its message."""
    raw = dict(state.patient_raw)
    if value is None or (isinstance(value, str) and not value.strip()):
        raw.pop(name, None)
    else:
        raw[name] = value.strip() if isinstance(value, str) else value
    errors: dict[str, str] = {}
    valid: dict[str, Any] = {}
    for key, val in list(raw.items()):
        try:
            read = getattr(Patient.model_validate({key: val}), key)
        except ValidationError:
            errors[key] = patient_message(key, str(val))
        else:
            valid[key] = val
            if isinstance(read, ParsedQuantity) and is_bare_number(val):
                raw[key] = str(read)  # "520" in the QTc shows as read: "520 ms" (review 10, #1)
    patient = Patient.model_validate(valid)
    document = state.document.model_copy(update={"patient": patient})
    return replace(
        state,
        document=document,
        patient_errors=MappingProxyType(errors),
        patient_raw=MappingProxyType(raw),
    )


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
    return replace(after, document=document)


def refuse_unread_patient(state: EditorState | None) -> None:
    """Never plan, convert, check or print while a patient field the user typed is refused: the
    engine would take it as not known (clinician review 10, #1: QTc "520", refused, and a
    methadone plan saying "QTc not known"). Raises ``InputError`` naming the fields."""
    if state is None or not state.patient_errors:
        return
    fields = tuple(state.patient_errors)
    raise InputError(
        f"the patient field(s) {', '.join(fields)} could not be read",
        location=f"patient.{fields[0]}",
        reason="unreadable-patient",
        context={"fields": fields, "problems": tuple(state.patient_errors.values())},
    )


def refuse_unread(state: EditorState | None, prefix: str, *, patient: bool = True) -> None:
    """Never plan or check with what could not be read: a patient field (``patient``) or a row
    of the regimen (issue #8 class 10), named; left out, either would be taken as not known."""
    # start-up seam: the rotation domain loads with the planner, not for the first MME
    from mps_pain.domain.rotation.context import refuse_excluded_rows

    if state is None:
        return
    if patient:
        refuse_unread_patient(state)
    refuse_excluded_rows([(r, e.message) for r, e in state.invalid_rows()], prefix)
