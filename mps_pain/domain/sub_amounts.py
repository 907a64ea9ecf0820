"""Every amount a row carries is judged, not only the one it counts (clinician re-check 21b, D2).

A row Apply wrote for a plan from a patch carries a staged first part (``RegimenItem.first_part``:
the lower start while the removed patch's skin depot still acts, until its full dose starts).
The first part is an order the patient is given, so it passes the same per-row rules as any
amount (``plausibility_notes``: refused far beyond any clinical dose or as a unit slip, flagged
far above the usual dose, a rate per hour cautioned), and it is never above its own row's full
dose: above it is a danger naming the row. One rule, run on every row as it is read
(``normalise_item``), so ``mme``, the planner's current regimen, ``check`` (current and proposed
rows: a proposed row's flags head the check, ``check_flags``), the app and the PDFs say the same.
"""

from __future__ import annotations

from mps_pain.domain.plausibility import plausibility_notes
from mps_pain.domain.regimen import RegimenItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.staged_start import FIRST_PART_ABOVE_FULL, StagedStart
from mps_pain.errors import ImplausibleAmountError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug
from mps_pain.units import MagnitudeError, format_number

__all__ = ["first_part_item", "first_part_notes", "first_part_window"]

_SAME = 1e-9  # a first part within this fraction of the full dose is the full dose


def first_part_window(staged: StagedStart) -> str:
    """``until 17 h after the patch is removed``: when a first part gives way to the full dose."""
    return f"until {format_number(staged.full_from_hours)} h after the patch is removed"


def first_part_item(item: RegimenItem) -> RegimenItem | None:
    """The row as its first part is given (its amounts in the row's own shape), or None: no
    first part, or one with no regular opioid until the full dose starts."""
    staged = item.first_part
    if staged is None or not staged.first_amounts:
        return None
    update = {"first_part": None, "rate": None, "dose": None, **staged.first_amounts}
    return item.model_copy(update=update)


def first_part_notes(
    tables: TableIndex, drug: Drug, item: RegimenItem, daily: float, position: int
) -> tuple[ClinicalWarning, ...]:
    """The first part's notes by the per-row rules, and a danger when it is above the row's full
    dose (``daily``, mg/day); raises ImplausibleAmountError located at the first part's field."""
    first = first_part_item(item)
    if first is None or item.first_part is None:
        return ()
    window = first_part_window(item.first_part)
    where = f"items[{position}].first_part"
    try:
        first_daily = first.daily_mg_per_day()
        notes = plausibility_notes(tables, drug, first, first_daily, position)
    except ImplausibleAmountError as exc:
        field = (exc.location or "").rsplit(".", 1)[-1]
        raise ImplausibleAmountError(
            f"the first part ({window}): {exc.message}", location=f"{where}.{field}"
        ) from None
    except MagnitudeError as exc:
        raise ImplausibleAmountError(
            f"the first part ({window}) of {drug.in_sentence} cannot be used: {exc}",
            location=where,
            reason="magnitude",
        ) from None
    said = tuple(_of_first_part(note, position, window) for note in notes)
    if first_daily <= daily * (1 + _SAME):
        return said
    return (*said, _above_full(drug, item, first_daily, daily, position, window))


def _of_first_part(note: ClinicalWarning, position: int, window: str) -> ClinicalWarning:
    """A per-row note said of the row's first part: 'Row 1, its first part (until 17 h …): …'."""
    row = f"Row {position + 1}:"
    if not note.message.startswith(row):
        return note
    said = f"Row {position + 1}, its first part ({window}):{note.message.removeprefix(row)}"
    return note.model_copy(update={"message": said})


def _above_full(
    drug: Drug,
    item: RegimenItem,
    first_daily: float,
    daily: float,
    position: int,
    window: str,
) -> ClinicalWarning:
    """A staged first part above the row's own full dose: it is the lower start, never more."""
    return ClinicalWarning(
        code=FIRST_PART_ABOVE_FULL,
        severity="danger",
        message=f"Row {position + 1}: its first part, {format_number(first_daily)} mg/day of "
        f"{drug.in_sentence} ({item.route}) {window}, is above the row's full dose of "
        f"{format_number(daily)} mg/day. A first part is the lower start while the removed "
        "patch's depot in the skin still acts, never more than the full dose. Verify "
        "the first part before using any number here.",
        item=position,
    )
