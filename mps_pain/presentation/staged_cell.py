"""A Dose or Rate cell of a row Apply wrote from a staged plan (clinician review 19, M2): its
amount, then the plan's first part that its Note starts with (``applied_glance.staged_note``
writes it), so "8 mg/day" is never read alone when the plan gives 3 mg/day for the first 17 h.
Light on purpose: the regimen table loads it before the first paint (no engine imports)."""

from __future__ import annotations

from mps_pain.domain.kept_words import kept_words
from mps_pain.numbers import format_number

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


def staged_cell(
    name: str, text: str, note: object, stops_after: object = None, first_part: object = None
) -> str:
    """``8 mg/day from 17 h after patch removal (3 mg/day until then): see the Note`` for the
    amount cell of a row whose Note starts with the staged lead; ``40 mg/day from 17 h after
    patch removal (200 mg/day until then)`` for a row with a typed first part and no such Note
    (clinician re-check 21b, D2: the cell gave "40 mg/day" alone); ``40 mg/day for the first 12 h
    after the patch goes on, then stop it`` for a line the plan keeps (``stops_after``, the
    row's typed stop: clinician review 21, N1); any other cell as it is."""
    hours = stops_after.get("hours") if isinstance(stops_after, dict) else None
    if name in _AMOUNT_CELLS and text and isinstance(hours, int | float):
        return f"{text} {kept_words(hours)}"
    lead = _lead(note) if name in _AMOUNT_CELLS and text else None
    if lead:
        return f"{text} {lead}: see the Note"
    typed = _typed_lead(first_part) if name in _AMOUNT_CELLS and text else None
    return f"{text} {typed}" if typed else text


def _said(value: object) -> str | None:
    """A raw amount (``{"value": 200.0, "unit": "mg/day"}``) as words, None when there is none."""
    if not isinstance(value, dict) or not isinstance(value.get("value"), int | float):
        return None
    return f"{format_number(float(value['value']))} {value.get('unit', '')}".strip()


def _typed_lead(first_part: object) -> str | None:
    """``from 17 h after patch removal (200 mg/day until then)`` from a row's typed first part."""
    if not isinstance(first_part, dict):
        return None
    hours = first_part.get("full_from_hours")
    if not isinstance(hours, int | float):
        return None
    rate, dose, frequency = (first_part.get(k) for k in ("rate", "dose", "frequency"))
    before = _said(rate) or (_said(dose) and f"{_said(dose)} {frequency or ''}".strip())
    before = before or "only as-needed doses"  # a first part with no regular opioid
    return f"from {format_number(float(hours))} h after patch removal ({before} until then)"


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
