"""The records window's words: audit rows and the notices about a record, never a code.

The audit trail stores ``action`` and ``entity`` as short codes (``add``, ``regimen_version``);
a person reads "added" and "regimen version". Imported history is what a file claims, so it is
said to be that, with its source; an imported entry dated in the future is marked in words.
Times are shown in local time (``local_text``); the records store UTC. No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from mps_pain.errors import RESTORE_ADVICE, DamagedRecordError, MpsPainError
from mps_pain.persistence.records import AuditEntry, StoredPatient
from mps_pain.presentation.records import (
    RECORD_PROBLEM_ADVICE,
    RECORD_PROBLEM_HEADLINE,
    record_problem_text,
    saves_text,
)
from mps_pain.services.record_integrity import RecordProblem
from mps_pain.services.timeline import Timeline
from ui.records.local_time import local_text, record_time

__all__ = [
    "AUDIT_HEADERS",
    "NO_PATIENT",
    "NO_SAVED_PLANS",
    "NRS_LABEL",
    "audit_rows",
    "damaged_patient_line",
    "damaged_patient_tip",
    "damaged_patients_status",
    "event_rows",
    "event_title",
    "integrity_words",
    "kind_choice",
    "kind_words",
    "record_notices",
    "saves_words",
    "unavailable_words",
]

NO_PATIENT = "No patient selected."
NO_SAVED_PLANS = "No saved plans or checks."

AUDIT_HEADERS = ["When (local time)", "Computer account", "App", "Action", "What", "Where recorded"]
_ACTIONS = {
    "create": "created",
    "update": "changed",
    "add": "added",
    "import": "imported",
    "delete": "deleted",
}
_ENTITIES = {
    "patient": "patient record",
    "regimen_version": "regimen version",
    "event": "clinical event",
    "saved_plan": "saved plan or check",
}


_KINDS = {"nrs": "pain score (NRS)"}
NRS_LABEL = "Pain score (NRS 0–10)"


def kind_choice(kind: str) -> str:
    """An event kind as the Add event list shows it: ``nrs`` → ``Pain score (NRS 0–10)``."""
    if kind == "nrs":
        return NRS_LABEL
    words = kind_words(kind)
    return words[:1].upper() + words[1:]


def event_title(kind: str, score: int | None) -> str:
    """The title of an event left untitled: ``pain score 6``, ``radiotherapy`` (never "nrs")."""
    if kind == "nrs" and score is not None:
        return f"pain score {score}"
    return kind_words(kind)


def kind_words(kind: str) -> str:
    """An event's kind as read: ``nrs`` → ``pain score (NRS)``."""
    return _KINDS.get(kind, kind.replace("_", " "))


def event_rows(timeline: Timeline) -> list[list[str]]:
    """The events table: when (local time, or day N), kind in words, NRS, until, title."""
    basis = timeline.time_basis
    return [
        [
            record_time(e.occurred_at, basis),
            kind_words(e.kind),
            "" if e.nrs is None else str(e.nrs),
            record_time(e.ends_at, basis) if e.ends_at else "",
            e.title,
        ]
        for e in timeline.events
    ]


def action_words(action: str) -> str:
    return _ACTIONS.get(action, action.replace("_", " ").replace("-", " "))


def entity_words(entity: str) -> str:
    return _ENTITIES.get(entity, entity.replace("_", " ").replace("-", " "))


def _row(entry: AuditEntry, future: bool) -> list[str]:
    when = local_text(entry.occurred_at, seconds=True)
    if entry.origin == "imported":
        recorded = f"imported: what {entry.source or 'the imported file'} says"
        if future:
            when += " — DATED IN THE FUTURE"
            recorded += "; dated in the future, so not believable as it stands"
    else:
        recorded = "in this database"
    return [
        when,
        entry.os_user,
        entry.app_version,
        action_words(entry.action),
        entity_words(entry.entity),
        recorded,
    ]


def audit_rows(
    local: Sequence[AuditEntry], imported: Sequence[AuditEntry], future: Sequence[AuditEntry]
) -> list[list[str]]:
    """This database's trail, then the imported history (marked), oldest first in each."""
    return [_row(e, False) for e in local] + [_row(e, e in future) for e in imported]


def record_notices(
    identifier: str,
    look_alikes: Sequence[str],
    imported: Sequence[AuditEntry],
    future: Sequence[AuditEntry],
) -> list[str]:
    """What a clinician must know before trusting this record, one sentence each."""
    notices = []
    if look_alikes:
        others = ", ".join(f"“{other}”" for other in look_alikes)
        notices.append(
            f"CHECK THE PATIENT: “{identifier}” differs only by capitals, width or look-alike "
            f"characters from {others}. Make sure these are two different people, not one "
            "patient recorded twice."
        )
    if future:
        first: datetime = min(e.occurred_at for e in future)
        notices.append(
            f"IMPORTED HISTORY DATED IN THE FUTURE: {len(future)} entr"
            f"{'y' if len(future) == 1 else 'ies'} of the imported history "
            f"(from {local_text(first)}) cannot have happened yet; the imported file's history "
            "is not believable as it stands. See the audit trail."
        )
    if imported:
        sources = sorted({e.source or "an imported file" for e in imported})
        notices.append(
            f"Imported record: {len(imported)} entr{'y' if len(imported) == 1 else 'ies'} of "
            f"its history come from {'; '.join(sources)}. They say what that file claims; they "
            "were not recorded in this database (the audit trail lists them apart)."
        )
    return notices


def saves_words(patient: StoredPatient) -> str:
    """The record's save counter, its last save in local time (``presentation.records``)."""
    return saves_text(patient.version, local_text(patient.updated_at))


def integrity_words(problems: Sequence[RecordProblem]) -> str:
    """The banner over a record ``patients verify`` cannot vouch for (as ``patients show`` warns
    on the command line): what was changed, and what to do. Empty when the record is intact."""
    if not problems:
        return ""
    found = "; ".join(record_problem_text(p.kind, p.row_id, p.problem) for p in problems)
    return f"⚠ {RECORD_PROBLEM_HEADLINE}: {found}. {RECORD_PROBLEM_ADVICE}"


def damaged_patient_line(err: DamagedRecordError) -> str:
    """A patient whose stored row no longer reads back whole, as the patient list names it."""
    return f"{err.row_id} (⚠ damaged record)"  # the identifier first: its width is the list's


def damaged_patient_tip(err: DamagedRecordError) -> str:
    return (
        f"The stored record {err.row_id} was changed outside mps-pain and no longer passes its "
        f"checks (stored field “{err.field}”). Nothing is shown from it and nothing was "
        f"changed: {RESTORE_ADVICE}"
    )


def damaged_patients_status(damaged: Sequence[DamagedRecordError]) -> str:
    """The records window's status when some patients cannot be read ("" when none)."""
    if not damaged:
        return ""
    named = ", ".join(str(err.row_id) for err in damaged)
    which = "record is" if len(damaged) == 1 else "records are"
    return (
        f"⚠ {len(damaged)} patient {which} damaged and cannot be opened ({named}): the other "
        "patients are listed. Hover the ⚠ line for what to do."
    )


def unavailable_words(exc: MpsPainError) -> str:
    """Why the records cannot be opened (a server, a damaged file), in a clinician's words."""
    return f"Patient records cannot be opened: {exc.message}"
