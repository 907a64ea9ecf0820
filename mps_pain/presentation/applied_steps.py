"""The plan's timed steps that the rows Apply writes carry (clinician re-check 18d, D2).

After Apply plan from 12-hourly modified-release morphine to a fentanyl patch the Regimen tab
held only the patches and the breakthrough line: the plan's "0 h: Give the last dose, morphine
oral ER 300 mg … when the patch goes on, then stop it" was on the plan alone, so someone working
from the Regimen tab or the saved regimen stopped the morphine as the patch went on and left
12–24 h covered only by as-needed doses. Every timed step of the plan's schedule now travels
with the rows: the regular rows' note carries every step but the breakthrough one (the last dose
of the old opioid, the doses kept for 12 h, methadone's stepped days, the stop when the next dose
is due), the breakthrough row's note the breakthrough step (from when, and the current
as-needed line it replaces). The steps are the planner's own schedule entries, said as the plan
says them without their sources (the plan printed with Apply keeps them): nothing is re-timed
here. A co-medication's "throughout" line is not a timed step: its row stays as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.domain.rotation.depot_start import RESCUE_FROM
from mps_pain.domain.rotation.schedule_current import CO_MEDICATION_WHEN
from mps_pain.presentation.set_names import named
from mps_pain.presentation.staged_cell import STEPS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mps_pain.domain.rotation.models import RotationPlan, ScheduleEntry

__all__ = ["breakthrough_steps", "regular_steps", "rescue_row", "step_words"]

#: where a step's sources are: the plan printed after Apply (``applied_plan_view``)
_SOURCES = f"{STEPS} (Export plan as PDF prints them with their sources)"
_UNVERIFIED = "UNVERIFIED"


def rescue_row(plan: RotationPlan) -> bool:
    """Apply writes a breakthrough row: the plan has a breakthrough dose."""
    return plan.breakthrough is not None and plan.breakthrough.dose is not None


def regular_steps(plan: RotationPlan, room: int) -> str:
    """The plan's timed steps for its regular rows: every schedule entry but the
    co-medications' and, when Apply writes a breakthrough row, the breakthrough one (without
    one, its step keeps the current as-needed line as the cover: the regular rows say it);
    at most ``room`` characters (``_said``)."""
    left = (CO_MEDICATION_WHEN, RESCUE_FROM) if rescue_row(plan) else (CO_MEDICATION_WHEN,)
    return _said(plan, [e for e in plan.schedule if e.when not in left], room)


def breakthrough_steps(plan: RotationPlan, room: int) -> str:
    """The plan's breakthrough step, for its breakthrough row (at most ``room`` characters)."""
    return _said(plan, [e for e in plan.schedule if e.when == RESCUE_FROM], room)


def step_words(plan: RotationPlan, entry: ScheduleEntry) -> str:
    """One step as a row's note says it: ``0 h: Give the last dose, …`` without its sources,
    flagged when a source it leaves out is unverified."""
    action, unverified = _without_sources(named(plan, entry.action))
    if unverified:
        stop = "." if action.endswith(".") else ""
        action = f"{action.removesuffix('.')} (its source is unverified){stop}"
    return f"{entry.when}: {action}"


def _said(plan: RotationPlan, entries: Sequence[ScheduleEntry], room: int) -> str:
    """The steps in the plan's words, or, when they do not fit the ``room`` a row's note has
    left (a three-step methadone plan from several current lines: Apply failed on a note past
    2,000 characters, pharmacist review 19's helper), when each step is and where to read it:
    never a step cut short."""
    if not entries:
        return ""
    said = f"{_SOURCES}: " + " ".join(step_words(plan, entry) for entry in entries)
    if len(said) <= room:
        return said
    return (
        f"the plan has timed steps ({', '.join(entry.when for entry in entries)}), too long for "
        "this note: read them on the plan saved or printed with Apply (Export plan as PDF)"
    )


def _without_sources(text: str) -> tuple[str, bool]:
    """``text`` without its bracketed sources (nested ones too: "[… [CODE] …]"), and whether
    one of them says it is unverified."""
    kept: list[str] = []
    dropped: list[str] = []
    depth = 0
    for char in text:
        if char == "[":
            depth += 1
        (kept if depth == 0 else dropped).append(char)
        if char == "]" and depth > 0:
            depth -= 1
    words = " ".join("".join(kept).split())
    for space_before in (" .", " ,", " ;", " :", " )"):
        words = words.replace(space_before, space_before[1:])
    return words, _UNVERIFIED in "".join(dropped).upper()
