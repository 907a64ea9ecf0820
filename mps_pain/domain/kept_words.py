"""The one wording of when a kept line stops (clinician review 21, N1): a plan to a patch keeps
a current line going "for the first 12 h after the patch goes on, then stop it". Light on
purpose (no model imports): the regimen table's cell reads it before the first paint."""

from __future__ import annotations

from mps_pain.numbers import format_number

__all__ = ["first_hours_on_patch", "kept_words"]


def first_hours_on_patch(window: str) -> str:
    """``for the first 12 h after the patch goes on``: the window a current opioid is kept in."""
    return f"for the first {window} h after the patch goes on"


def kept_words(hours: float) -> str:
    """``for the first 12 h after the patch goes on, then stop it`` (``hours``: when it stops)."""
    return f"{first_hours_on_patch(format_number(hours))}, then stop it"
