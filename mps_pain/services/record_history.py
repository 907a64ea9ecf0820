"""A record file must hold what its own audit history says was stored (fuzz review 21, D2).

Nothing is ever deleted through the program: a record's regimen versions, events and saved plans
only grow. Its history says how many there are at least: an ``import`` entry records how many of
each the imported file held, a ``create`` starts from none, and each ``add`` stores one more. A
file that holds fewer was exported from a database where rows had been deleted outside mps-pain
(by a program that did not refuse it), or was cut after export: importing it would make the
older dose look current and verify as intact in its new database. It is refused, naming what is
missing; nothing is imported. (A file whose history was cut as well is not detectable: the
format carries no signature, docs/records.md.)
"""

from __future__ import annotations

from mps_pain.errors import DocumentFormatError
from mps_pain.persistence.records import AuditEntry, PatientRecordDocument
from mps_pain.plural import counted
from mps_pain.sentences import then

__all__ = ["NOTHING_IMPORTED", "PARTS", "recorded_counts", "refuse_missing_rows"]

NOTHING_IMPORTED = "; nothing was imported"
"""How an import refusal ends (``sentences.then`` joins it)."""

PARTS = ("regimen_versions", "events", "plans")
"""The parts of a record file that only grow, as the file and an import entry name them."""

_PART_WORDS = {  # (one, more than one)
    "regimen_versions": ("regimen version", "regimen versions"),
    "events": ("clinical event", "clinical events"),
    "plans": ("saved plan (or check)", "saved plans (and checks)"),
}
_ADDED = {"regimen_version": "regimen_versions", "event": "events", "saved_plan": "plans"}


def recorded_counts(audit: list[AuditEntry]) -> dict[str, int]:
    """How many of each part the history says were stored, at least (in the file's order:
    imported history first, as export writes it)."""
    counts = dict.fromkeys(PARTS, 0)
    for entry in audit:
        if entry.action == "create" and entry.entity == "patient":
            counts = dict.fromkeys(PARTS, 0)
        elif entry.action == "import" and isinstance(entry.after, dict):
            counts = {p: _count(entry.after.get(p)) for p in PARTS}
        elif entry.action == "add" and entry.entity in _ADDED:
            counts[_ADDED[entry.entity]] += 1
    return counts


def _count(value: object) -> int:
    """A count an import entry recorded; anything else counts as none (the lower bound)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return 0


def refuse_missing_rows(document: PatientRecordDocument) -> None:
    """``DocumentFormatError`` (``history-not-held``, located at the part) when the file holds
    fewer regimen versions, events or saved plans than its own history stored."""
    recorded = recorded_counts(document.audit)
    for part in PARTS:
        held = len(getattr(document, part))
        if held < recorded[part]:
            said = (
                f"the file's own history stored {counted(recorded[part], *_PART_WORDS[part])}, "
                f"but the file holds {held}: some were deleted outside mps-pain before it was "
                "exported, or cut from the file since. Export the record again from a database "
                "that 'patients verify' says is intact"
            )
            raise DocumentFormatError(
                then(said, NOTHING_IMPORTED),
                location=part,
                reason="history-not-held",
                context={"part": part, "recorded": recorded[part], "held": held, "said": said},
            )
