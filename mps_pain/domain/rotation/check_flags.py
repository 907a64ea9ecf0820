"""The sanity flags of the proposed order's rows (pharmacist re-check 18b, M1: IV hydromorphone
5 mg/h, a 250 mcg/h patch, a switch to IV hydromorphone 4 mg/h: ``mme`` gave each a DANGER to
verify, the check none, as it read the flags of the current rows only).

Every row of the order was already judged by the one sanity rule (``plausibility_notes``, run on
each line as it is read); its flags are the same dangers, said of the proposed row ("Proposed
row 1: …", as the order's duplicates are) under their own code, so a proposed amount's flag heads
the check (``check_dangers``) while the current row's stays about the current regimen.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.plausibility import ROW_FLAGS
from mps_pain.domain.results import ClinicalWarning

__all__ = ["PROPOSED_FLAGS", "proposed_flag_code", "proposed_row_flags"]


def proposed_flag_code(code: str) -> str:
    """A sanity flag's code said of a proposed row: 'proposed-amount-far-above-usual'."""
    return f"proposed-{code}"


PROPOSED_FLAGS = tuple(proposed_flag_code(code) for code in ROW_FLAGS)


def proposed_row_flags(proposed: Sequence[DailyItem]) -> list[ClinicalWarning]:
    """Each proposed row's sanity flags (and the per-hour rate's caution), with their severity
    and source, pointing at no current row (``item`` None; the message names the proposed row)."""
    return [_of_proposed(note) for d in proposed for note in d.notes if note.code in ROW_FLAGS]


def _of_proposed(note: ClinicalWarning) -> ClinicalWarning:
    message = note.message
    said = f"Proposed row{message.removeprefix('Row')}" if message.startswith("Row ") else message
    return note.model_copy(
        update={"code": proposed_flag_code(note.code), "message": said, "item": None}
    )
