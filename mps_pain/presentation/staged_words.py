"""The one wording of a staged start (clinician re-check 20b, N12; 20c, M1): "22.5 mg over 24 h
by syringe driver (0.93 mg/h) until 17 h after the patch is removed, then 50 mg over 24 h …".

The plan printed after Apply says its new regimen so (``applied_plan``), and so does every
order line of a row that carries the plan's first part (``orders.order_line``: the check's
panel, its PDF and its signed order), from the row's typed ``first_part``
(``domain.staged_start``)."""

from __future__ import annotations

from mps_pain.domain.staged_start import NO_REGULAR
from mps_pain.numbers import format_number

__all__ = ["NO_REGULAR", "first_then", "hours_after"]


def first_then(before: str | None, when: str, full: str) -> str:
    """``before`` (the first part in words; None: no regular opioid) until ``when`` after the
    patch is removed, then ``full`` (the full regimen in words)."""
    return f"{before or NO_REGULAR} until {when} after the patch is removed, then {full}"


def hours_after(hours: float) -> str:
    """When the full dose starts, as the plan's schedule says it: ``17 h``."""
    return f"{format_number(hours)} h"
