"""When a planned patch is changed: the cited interval of the product whose strengths the plan
used (review 8 #2: "change as labelled" left the change day to the nurse). One function finds it
(``patch_change``), one says it (``change_words``); the heading, the schedule, the transition
table, the quick converter, the PDF and the records' saved-plan line all print ``change_words``.
"""

from __future__ import annotations

from mps_pain.domain.rotation.models import PatchChange
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug
from mps_pain.units import format_number

__all__ = ["change_step", "change_words", "patch_change"]

_HOURS_PER_DAY = 24
_LONGEST_IN_HOURS = 72  # up to 3 days the interval is said in hours, as patch labels do


def patch_change(
    tables: TableIndex, drug: Drug, form_id: str | None, market: str | None
) -> PatchChange | None:
    """The change interval of ``market``'s listed patch of the form, with its product and
    citation; None when the form lists none for that market."""
    form = next((f for f in drug.forms if f.id == form_id), None)
    if form is None:
        return None
    entry = next((i for i in form.change_intervals if i.market == market), None)
    if entry is None:
        return None
    return PatchChange(hours=entry.hours, product=entry.product, source=tables.cite(entry.citation))


def change_words(change: PatchChange | None) -> str:
    """ "change every 72 hours" ("change every 7 days" for a weekly patch); without a known
    interval, what to read instead (never a silent gap)."""
    if change is None:
        return "change interval not known: read it on the product's label"
    hours = change.hours
    if hours > _LONGEST_IN_HOURS and hours % _HOURS_PER_DAY == 0:
        return f"change every {format_number(hours / _HOURS_PER_DAY)} days"
    return f"change every {format_number(hours)} hours"


def change_step(change: PatchChange | None) -> str:
    """The plan's step-4 line naming the product and its interval, with the citation."""
    if change is None:
        return f"   Patch: {change_words(None)}"
    return f"   Patch: {change_words(change)} — {change.product} [{change.source}]"
