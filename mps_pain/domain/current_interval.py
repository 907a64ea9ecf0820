"""A current regimen's regular line at an interval its form is not given at (fuzz review 21, D1).

The rule is ``form_inference.outside_interval``, the one a target and a proposed order are held
to (refused there). A current regimen is what the patient takes, so it can be odd: ``mme`` keeps
the total and says so on the row (the interval written, the form's cited intervals, and to
confirm it before using the number). MORE OFTEN than the form's shortest cited interval is a
danger, and no switching plan or check is built on it (``rotate`` and ``check`` refuse the row
at its ``frequency``): "morphine MR 30 mg q1h" is 720 OME/day as written, 60 if q12h was meant,
and a plan from it would be twelve times too large. LESS OFTEN (tramadol IR every 8 hours, an MR
product once a day) is a caution and the plan or check goes on: as written the total is lower
than at the form's interval, the safe side of a switch, and such regimens are given in practice
(the lead's decision, session 20; README). No tolerance is added to the cited intervals.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from mps_pain.domain.form_inference import OutsideInterval, outside_interval
from mps_pain.domain.results import ClinicalWarning
from mps_pain.errors import InputError
from mps_pain.plural import counted

if TYPE_CHECKING:
    from mps_pain.domain.regimen import RegimenItem
    from mps_pain.tables.index import TableIndex
    from mps_pain.tables.schema import Drug

__all__ = ["INTERVAL_OUTSIDE_FORM", "interval_note", "refuse_outside_interval"]

INTERVAL_OUTSIDE_FORM = "interval-outside-form"
"""The code of the danger on a current row, and the reason of the refusal to plan from it."""


class _Row(Protocol):
    """A resolved row as ``normalise.DailyItem`` holds it (named here without importing it:
    ``normalise`` reads this module)."""

    @property
    def index(self) -> int: ...
    @property
    def item(self) -> RegimenItem: ...
    @property
    def drug(self) -> Drug: ...
    @property
    def form(self) -> str | None: ...
    @property
    def location(self) -> str: ...


def _outside(
    tables: TableIndex, drug: Drug, form_id: str | None, item: RegimenItem
) -> OutsideInterval | None:
    """The regular (scheduled) line's interval outside its form's cited ones; as-needed,
    continuous and daily-total lines have no regular interval to read."""
    if item.shape != "scheduled":
        return None
    return outside_interval(tables, drug.id, item.route, form_id, item.frequency)


def interval_note(
    tables: TableIndex, drug: Drug, form_id: str | None, item: RegimenItem, position: int
) -> tuple[ClinicalWarning, ...]:
    """The warning on a row whose interval its form is not given at (a danger more often than
    the form is given, else a caution); the total is kept."""
    outside = _outside(tables, drug, form_id, item)
    if outside is None or item.frequency is None:
        return ()
    doses = counted(item.frequency.doses_per_day, "dose")
    lower = "" if outside.more_often else " (less often than the form is given: a low total)"
    return (
        ClinicalWarning(
            code=INTERVAL_OUTSIDE_FORM,
            severity="danger" if outside.more_often else "caution",
            message=f"Row {position + 1}: {drug.spoken_name} {outside.form_name} "
            f"{outside.written} — this form is given {outside.given}, not {outside.written}. "
            f"The total counts {doses} a day as written{lower}; confirm the interval the patient "
            "takes before using this number (it may be a typing slip).",
            source=outside.cited,
            item=position,
        ),
    )


def refuse_outside_interval(tables: TableIndex, items: Iterable[_Row], prefix: str) -> None:
    """Refuse a plan or a check from a current row given more often than its form is given,
    naming ``{prefix}.items[N].frequency`` (less often: its caution, and the plan goes on)."""
    for daily in items:
        outside = _outside(tables, daily.drug, daily.form, daily.item)
        if outside is None or not outside.more_often:
            continue
        raise InputError(
            f"{outside.sentence} (row {daily.index + 1} of the current regimen). Confirm the "
            "interval the patient takes and correct the row: no plan or check is made from an "
            "interval more often than its form is given",
            location=f"{prefix}.{daily.location}.frequency",
            reason=INTERVAL_OUTSIDE_FORM,
            context={
                "row": daily.index,
                "written": outside.written,
                "given": outside.given,
            },
        )
