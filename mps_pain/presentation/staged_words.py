"""The one wording of a staged start (clinician re-check 20b, N12; 20c, M1): "22.5 mg over 24 h
by syringe driver (0.93 mg/h) until 17 h after the patch is removed, then 50 mg over 24 h …".

The plan printed after Apply says its new regimen so (``applied_plan``), and so does every
order line of a row that carries the plan's first part (``orders.order_line``: the check's
panel, its PDF and its signed order), from the row's typed ``first_part``
(``domain.staged_start``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.domain.kept_words import kept_words
from mps_pain.domain.staged_start import NO_REGULAR
from mps_pain.numbers import format_number
from mps_pain.presentation.staged_cell import staged_printed

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mps_pain.domain.regimen import RegimenItem

__all__ = [
    "NO_REGULAR",
    "changed_words",
    "first_then",
    "hours_after",
    "kept_then",
    "printed_amount",
    "with_kept",
]


def first_then(before: str | None, when: str, full: str) -> str:
    """``before`` (the first part in words; None: no regular opioid) until ``when`` after the
    patch is removed, then ``full`` (the full regimen in words)."""
    return f"{before or NO_REGULAR} until {when} after the patch is removed, then {full}"


def kept_then(order: str, hours: float) -> str:
    """A line a plan to a patch keeps going, with when it stops (clinician review 21, N1):
    ``oxycodone sc 40 mg/day continuous for the first 12 h after the patch goes on, then stop
    it``; the row's typed ``stops_after`` (``domain.staged_start.StopsAfter``) or the plan's
    ``KeptLine`` gives ``hours``."""
    return f"{order} {kept_words(hours)}"


def with_kept(regimen: str, kept: Sequence[tuple[str, float]]) -> str:
    """The new regimen in words, then each line kept beside it (``kept``: its order and hours):
    ``fentanyl … 25 mcg/h; continue oxycodone sc … for the first 12 h …, then stop it``."""
    return "; ".join([regimen, *(f"continue {kept_then(order, h)}" for order, h in kept)])


def hours_after(hours: float) -> str:
    """When the full dose starts, as the plan's schedule says it: ``17 h``."""
    return f"{format_number(hours)} h"


def changed_words(applied: str) -> str:
    """What a row whose dose was changed after Apply says beside its amount, wherever it is
    printed (clinician re-check 20c, L2: the plan printed after the edit gave "40 mg/day
    continuous" and nothing else, an order from the moment the patch comes off): ``applied``,
    the dose the plan applied (``RegimenItem.changed_from_plan``)."""
    return (
        f"(dose changed after the switching plan, which applied {applied}: no plan timing for "
        "this dose; make a new plan for it or write its timing)"
    )


def printed_amount(text: str, item: RegimenItem | None) -> str:
    """A printed regimen row's amount ``text``: with the dose the plan applied and no plan
    timing when ``item``'s dose was changed after Apply (``changed_words``), else with the
    staged first part its Note starts with (``staged_cell.staged_printed``)."""
    if item is not None and item.changed_from_plan:
        return f"{text} {changed_words(item.changed_from_plan)}"
    if item is not None and item.stops_after is not None:
        return kept_then(text, item.stops_after.hours)
    return staged_printed(text, None if item is None else item.note)
