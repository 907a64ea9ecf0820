"""An applied row whose dose is edited after Apply (clinician re-check 20b, N11).

After Apply to a syringe driver, the Rate edited to 40 mg/24h read "40 mg/day from 17 h after
patch removal (22.5 mg/day until then): see the Note", and the Note still ordered "From 17 h on,
set the infusion to the full dose: … 50 mg over 24 h". A nurse following "see the Note" would
set the pump to the dose the prescriber had just changed.

The plan's words were made for the dose it applied; nothing here re-times them for another.
When an amount (dose, frequency, rate or amount per day) of a row whose Note is the switching
plan's is changed, the Note loses the staged lead that the cell reads (so the cell gives the
amount alone) and starts by saying the plan below is for the dose it applied, named. The rest
of the plan's words stay, as the record of what was planned. Ctrl+Z gives the row back as
Apply wrote it. Light on purpose: the editor loads it (no engine imports).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.fields import MAX_TEXT_CHARS
from mps_pain.presentation.staged_cell import PLAN_NOTE_MARKS, STAGED

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["AMOUNT_FIELDS", "CHANGED", "fields_after_edit", "note_after_amount_edit"]

#: the cells whose change makes the applied dose another one
AMOUNT_FIELDS = ("dose", "frequency", "rate", "daily_dose")
#: the cells whose change makes the row another order than the plan's (its first part dropped)
_ORDER_FIELDS = (*AMOUNT_FIELDS, "route", "form", "concentration", "prn")
#: how the Note of an applied row starts once its dose is changed
CHANGED = "Dose changed after Apply"
_END = "; "


def fields_after_edit(raw: Mapping[str, object], name: str, value: object) -> dict[str, object]:
    """The other cells of a row that change once its cell ``name`` is set to ``value``: an
    applied row's Note marked (``note_after_amount_edit``) with the dose Apply wrote kept as
    ``changed_from_plan`` (every page then says the row has no plan timing), the plan's first part
    (``first_part``) dropped once the order is another (clinician re-check 20c, M1: a check of the
    edited row is not to give the plan's first 17 h for a dose the plan did not make), and so is
    a kept line's stop (``stops_after``): a row typed over is a new order, counted in the total,
    never a kept current line left out of it (clinician re-check 21b, D1)."""
    changed: dict[str, object] = {}
    if (note := note_after_amount_edit(raw, name, value)) is not None:
        changed["note"] = note  # and the dose Apply wrote, as typed data (re-check 20c, L2)
        changed["changed_from_plan"] = _applied(raw)
    another = name in _ORDER_FIELDS and _text(value) != _text(raw.get(name))
    if raw.get("first_part") and another:
        changed["first_part"] = ""
    if raw.get("stops_after") and another:  # a new amount is no longer the line kept going:
        changed["stops_after"] = ""  # an ordinary row, counted (clinician re-check 21b, D1)
    return changed


def note_after_amount_edit(raw: Mapping[str, object], name: str, value: object) -> str | None:
    """The row's new Note once its cell ``name`` is set to ``value`` (``raw``: the row before),
    or None when the Note stays: only an amount of an applied row changed makes one, the plan's
    Note marked as for the dose it applied (``Dose changed after Apply (the plan applied 50
    mg/24h): …``)."""
    note = raw.get("note")
    changed = name in AMOUNT_FIELDS and _text(value) != _text(raw.get(name))
    if not changed or not isinstance(note, str) or note.startswith(CHANGED):
        return None
    if not note.startswith(STAGED) and not any(mark in note for mark in PLAN_NOTE_MARKS):
        return None  # a Note the clinician wrote: theirs
    rest = note[note.index(_END) + len(_END) :] if note.startswith(STAGED) else note
    head = (
        f"{CHANGED} (the plan applied {_applied(raw)}): the switching plan's words that follow "
        "are for that dose, not this row's; make a new plan for this dose or write its timing"
    )
    text = f"{head}{_END}{rest}"
    return text if len(text) <= MAX_TEXT_CHARS else text[: MAX_TEXT_CHARS - 1] + "…"


def _applied(raw: Mapping[str, object]) -> str:
    """The amount Apply wrote, as its cells say it (``50 mg/24h``, ``30 mg bid``)."""
    parts = [_text(raw.get(key)) for key in ("dose", "frequency", "rate", "daily_dose")]
    return " ".join(part for part in parts if part) or "another dose"


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
