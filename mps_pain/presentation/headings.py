"""What a printed plan and the window are called, once the opened regimen has been edited.

An example's or file's title and note describe the regimen as it was opened ("…oxycodone
raised to 60 mg/day"). After an edit they no longer describe it (clinician review 5 #9 and
review 6 #3: the plan printed that headline above 80 mg/day plus a patch and an infusion). The
plan is then called by its patient and date, and the title and note are printed apart, under
"Source case (before edits)".
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

__all__ = [
    "NOT_FOR_SIGNATURE",
    "NOT_SIGNED_WHY",
    "SOURCE_CASE_HEADING",
    "PlanHeading",
    "edited_name",
    "plan_heading",
]

SOURCE_CASE_HEADING = "Source case (before edits)"
#: a printed document that names no patient is no order (clinician review 15 #14: signature
#: lines under "Opioid plan — patient not named" and "Patient: —"): no signature lines, this
#: marking in its title (or under an example's own title) and in their place
NOT_FOR_SIGNATURE = "PATIENT NOT NAMED — NOT FOR SIGNATURE"
NOT_SIGNED_WHY = (
    "This document names no patient, so it is not an order: it must not be signed, dispensed "
    "or given. To print it with signature lines, type the patient's name or ID in the Patient "
    "field and print again."
)


@dataclass(frozen=True, slots=True)
class PlanHeading:
    """The plan's title and note, and the source case's (``None`` unless edited)."""

    title: str
    note: str | None
    source_title: str | None
    source_note: str | None


def _neutral_title(patient: str | None, printed_on: _dt.date) -> str:
    return f"Opioid plan — {patient or NOT_FOR_SIGNATURE} — {printed_on.day} {printed_on:%B %Y}"


def plan_heading(
    title: str | None,
    note: str | None,
    *,
    patient: str | None,
    printed_on: _dt.date,
    edited: bool,
) -> PlanHeading:
    """Unedited, the opened title and note as they are (a neutral title when there is none);
    edited, a neutral title (patient, date) and the opened title and note as the source case."""
    if not edited or not (title or note):
        return PlanHeading(title or _neutral_title(patient, printed_on), note, None, None)
    return PlanHeading(_neutral_title(patient, printed_on), None, title, note)


def edited_name(patient: str | None) -> str:
    """The window's name for an edited regimen that came without a file of its own."""
    return f"Edited regimen — {patient}" if patient else "Edited regimen"
