"""One patient per record: the header's patient against the record a regimen is saved to.

A regimen opened from an example (or typed for someone else) names a patient in the header; the
record chosen in the save dialog is another. Saving must never mix the two silently: when they
differ, the clinician is told plainly and chooses — save under the record's identity (the
record's name, age and details replace the header's) or cancel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from mps_pain.domain.regimen import Patient
from mps_pain.errors import MpsPainError
from ui.widgets.save_question import save_asked

if TYPE_CHECKING:
    from mps_pain.persistence.records import PatientInfo
    from mps_pain.services.patient_service import PatientService

__all__ = [
    "ask_identity",
    "ask_other_record",
    "identity_differences",
    "new_record_words",
    "record_identity",
    "record_title",
    "stated_context",
]


def _age(age: float | None) -> str:
    return "not stated" if age is None else f"{age:g}"


def _names(info: PatientInfo) -> set[str]:
    return {n.strip().casefold() for n in (info.identifier, info.display_name or "") if n.strip()}


def identity_differences(header: Patient, info: PatientInfo) -> list[str]:
    """What in the header belongs to someone other than the record's patient, in words
    ([] when the header names this patient or nobody)."""
    found = []
    shown = (header.identifier or "").strip()
    if shown and shown.casefold() not in _names(info):
        found.append(f"the header names “{shown}”")
    if header.age is not None and info.context.age is not None and header.age != info.context.age:
        found.append(
            f"the header's age is {_age(header.age)}, the record's {_age(info.context.age)}"
        )
    if found and header.age is not None and info.context.age is None:
        found.append(f"the header's age {_age(header.age)} is not in the record")
    return found


def stated_context(info: PatientInfo) -> dict[str, object]:
    """What the record states of the patient (weight, kidneys, QTc…), as typed values for
    ``model_copy``: never their JSON, which ``model_copy`` does not validate (clinician
    re-check 17b #2: a weight copied as {"value", "unit"} made the patient unopenable)."""
    context = info.context
    return {
        name: value
        for name in type(context).model_fields
        if name != "identifier" and (value := getattr(context, name)) is not None
    }


def record_identity(info: PatientInfo) -> Patient:
    """The patient as the record states them, shown by name (else by identifier)."""
    name = info.display_name or info.identifier
    return info.context.model_copy(update={**stated_context(info), "identifier": name})


def record_title(info: PatientInfo) -> str:
    """How the window and the printed plan name a record's patient: "Name (ID)"."""
    if info.display_name and info.display_name != info.identifier:
        return f"{info.display_name} ({info.identifier})"
    return info.identifier


def new_record_words(identifier: str) -> str:
    """A new record as the status bar names it: "(no name)" only beside a bare ID (review 11,
    #2: a new record takes no name). The header's one Patient box holds a name or an ID, so a
    text of several words is said as typed (clinician review 18 #9: "new patient Mrs Ada Test
    MRN-1801 (no name)" read as if the name had been dropped)."""
    said = f"new patient {identifier}"
    return said if len(identifier.split()) > 1 else f"{said} (no name)"


def ask_identity(parent: QWidget, header: Patient, info: PatientInfo) -> bool:
    """Tell the clinician the header's patient is not the record's and ask: True to save under
    the record's identity, False to cancel (the default: Enter or Esc cancels)."""
    header_words = (header.identifier or "no name") + f", age {_age(header.age)}"
    record_words = f"{record_title(info)}, age {_age(info.context.age)}"
    return save_asked(
        parent,
        "Different patient",
        f"The patient in the header is not the patient of record {info.identifier}.\n\n"
        f"Header: {header_words}.\nRecord {info.identifier}: {record_words}.\n\n"
        f"({'; '.join(identity_differences(header, info))}.)\n\n"
        f"Save under {info.identifier}'s identity: the record's name, age and details replace "
        "the header's in the saved regimen. Or cancel and check the patient.",
        f"&Save under {info.identifier}",
    )


def ask_other_record(
    parent: QWidget, opened_from: str, target: PatientInfo, service: PatientService, *, new: bool
) -> bool:
    """The editor's regimen was opened from (or saved to) ``opened_from``'s record and is being
    saved to another patient's: say so naming both, and ask. True only when the clinician
    chooses the other patient (Enter and Esc cancel)."""
    try:
        source = record_title(service.get_patient(opened_from).info)
    except MpsPainError:
        source = opened_from
    where = "a new record" if new else "the record"
    return save_asked(
        parent,
        "Another patient's record",
        f"The regimen in the editor belongs to the record of {source}: it was opened from or "
        "last saved to it."
        f"\n\nSave it to {where} of {record_title(target)}, another patient?\n\n"
        f"{target.identifier}'s name, age and details replace {opened_from}'s in the saved "
        f"regimen, and {opened_from}'s record is not changed. Or cancel and choose {opened_from}.",
        f"&Save to {target.identifier}",
    )
