"""A Dose or Rate cell of a row Apply wrote from a staged plan (clinician review 19, M2): its
amount, then the plan's first part that its Note starts with (``applied_glance.staged_note``
writes it), so "8 mg/day" is never read alone when the plan gives 3 mg/day for the first 17 h.
Light on purpose: the regimen table loads it before the first paint (no engine imports)."""

from __future__ import annotations

from mps_pain.domain.kept_words import kept_words

__all__ = [
    "FROM_PLAN",
    "PLAN_NOTE_MARKS",
    "STAGED",
    "STEPS",
    "staged_cell",
    "staged_note_lead",
    "staged_printed",
]

#: how an applied row's Note starts when its full dose waits for the patch's skin depot
STAGED = "Full dose "
#: how an applied regular row's Note names the plan (``ui/planner/apply.py``)
FROM_PLAN = "from the switching plan under"
#: how an applied row's Note brings the plan's timed steps (``applied_steps``)
STEPS = "the plan's timed steps"
#: what a Note that Apply wrote from the switching plan holds
PLAN_NOTE_MARKS = (FROM_PLAN, STEPS)
_AMOUNT_CELLS = ("dose", "rate")
_END = "; "


def staged_cell(name: str, text: str, note: object, stops_after: object = None) -> str:
    """``8 mg/day from 17 h after patch removal (3 mg/day until then): see the Note`` for the
    amount cell of a row whose Note starts with the staged lead; ``40 mg/day for the first 12 h
    after the patch goes on, then stop it`` for a line the plan keeps (``stops_after``, the
    row's typed stop: clinician review 21, N1); any other cell as it is."""
    hours = stops_after.get("hours") if isinstance(stops_after, dict) else None
    if name in _AMOUNT_CELLS and text and isinstance(hours, int | float):
        return f"{text} {kept_words(hours)}"
    lead = _lead(note) if name in _AMOUNT_CELLS and text else None
    return f"{text} {lead}: see the Note" if lead else text


def staged_printed(text: str, note: object) -> str:
    """A printed row's amount with the first part its Note starts with (re-check 19b, R2: page 1
    listed "50 mg/day continuous" alone): ``8 mg/day continuous from 17 h after patch removal
    (3 mg/day until then)``; a row not staged as it is. The printed plan's schedule follows."""
    lead = _lead(note) if text else None
    return f"{text} {lead}" if lead else text


def _lead(note: object) -> str | None:
    """The staged lead a row's Note starts with (``staged_note_lead`` wrote it), else None."""
    if not isinstance(note, str) or not note.startswith(STAGED) or _END not in note:
        return None
    return note[len(STAGED) : note.index(_END)]


def staged_note_lead(lead: str) -> str:
    """How the Note starts for ``lead`` ("" when the plan is not staged)."""
    return f"{STAGED}{lead}{_END}" if lead else ""
