"""A current regimen's regular line at an interval its form is not given at (fuzz review 21, D1).

The rule is ``form_inference.outside_interval``, the one a target and a proposed order are held
to (refused there). A current regimen is what the patient takes, so it can be odd: ``mme`` keeps
the total and says a danger on the row (the interval written, the form's cited intervals, and to
confirm it before using the number: "morphine MR 30 mg q1h" is 720 OME/day as written, 60 if q12h
was meant). A switching plan or a check is never built on it: ``rotate`` and ``check`` refuse the
row at its ``frequency``. No tolerance is added to the cited intervals: no source read gives
another interval for these forms (a q8h modified-release product is not in the data).
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
    """The danger on a row whose interval its form is not given at; the total is kept."""
    outside = _outside(tables, drug, form_id, item)
    if outside is None or item.frequency is None:
        return ()
    doses = counted(item.frequency.doses_per_day, "dose")
    return (
        ClinicalWarning(
            code=INTERVAL_OUTSIDE_FORM,
            severity="danger",
            message=f"Row {position + 1}: {drug.spoken_name} {outside.form_name} "
            f"{outside.written} — this form is given {outside.given}, not {outside.written}. "
            f"The total counts {doses} a day as written; confirm the interval the patient "
            "takes before using this number (it may be a typing slip).",
            source=outside.cited,
            item=position,
        ),
    )


def refuse_outside_interval(tables: TableIndex, items: Iterable[_Row], prefix: str) -> None:
    """Refuse a plan or a check from a current row at an interval its form is not given at,
    naming ``{prefix}.items[N].frequency``."""
    for daily in items:
        outside = _outside(tables, daily.drug, daily.form, daily.item)
        if outside is None:
            continue
        raise InputError(
            f"{outside.sentence} (row {daily.index + 1} of the current regimen). Confirm the "
            "interval the patient takes and correct the row: no plan or check is made from an "
            "interval its form is not given at",
            location=f"{prefix}.{daily.location}.frequency",
            reason=INTERVAL_OUTSIDE_FORM,
            context={
                "row": daily.index,
                "written": outside.written,
                "given": outside.given,
            },
        )
