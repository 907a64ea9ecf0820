"""The mark of an order brought back from before the regimen was replaced (clinician review 14,
#2: Ctrl+Z on the check tab after New, Open or an example brought back the previous regimen's
order and judged it against the new patient, with only a status-bar line to say so).

``ui.check.previous_order`` clears the order as one step of its undo history (``CLEARED_STEP``).
While that step is the first of the history and is undone, the order shown is the previous
regimen's: the verdict, on screen and on paper, starts with ``RESTORED_MARK``. Any edit after
it (a typed cell, Start from the current regimen) drops the step from the history, so the
order is then this patient's and the mark goes; Redo clears the order again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

__all__ = ["CLEARED_STEP", "RESTORED_MARK", "marked_verdict", "restored_from_previous"]

CLEARED_STEP = "Clear the previous regimen's proposed order"
RESTORED_MARK = (
    "Proposed order written against the previous regimen — check it belongs to this patient."
)


def restored_from_previous(history: QUndoStack) -> bool:
    """True while the proposed order's ``history`` shows the order from before the clearing."""
    return (
        history.index() == 0 and history.count() > 0 and history.command(0).text() == CLEARED_STEP
    )


def marked_verdict(history: QUndoStack, verdict: str) -> str:
    """The verdict as shown and printed: after the mark while the order is restored."""
    return f"{RESTORED_MARK}\n{verdict}" if restored_from_previous(history) else verdict
