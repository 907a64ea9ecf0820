"""What a new patient record did not take from the header (clinician review 15, #5: an opened
example saved to a new patient lost its age and "cancer / palliative: yes" without a word, and
the chart then showed DANGER with no cause given).

The rule stays the records' (``services.saved_work.new_record_info``: a header that is another
patient's gives the new record none of its details); this says which stated details were left
behind and where they came from, in the header's own labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.tables.vocabulary import PATIENT_FACTOR_LABELS

if TYPE_CHECKING:
    from mps_pain.domain.regimen import Patient

__all__ = ["factors_not_copied", "not_copied_sentence"]


def factors_not_copied(header: Patient, taken: Patient) -> tuple[str, ...]:
    """The labels of the details ``header`` states that the new record (``taken``) does not."""
    return tuple(
        label
        for name, label in PATIENT_FACTOR_LABELS.items()
        if getattr(header, name) is not None and getattr(taken, name) is None
    )


def not_copied_sentence(header: Patient, taken: Patient, opened_from: str | None) -> str:
    """ "Age and Cancer / palliative care were not copied from Takamatsu 2018 case 1: enter them
    for this patient." ("" when every stated detail was taken). ``opened_from``: the record the
    editor's regimen was opened from (its header is that patient's)."""
    labels = factors_not_copied(header, taken)
    if not labels:
        return ""
    named = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"
    source = f"{opened_from}'s record" if opened_from else (header.identifier or "the header")
    were, them = ("was", "it") if len(labels) == 1 else ("were", "them")
    return f"{named} {were} not copied from {source}: enter {them} for this patient."
