"""The proposed order belongs to the regimen it was typed against (clinician review 13, #1).

The Pharmacist check kept the previous patient's proposed order after File → New regimen, an
opened file or example, a patient opened from the records or a FHIR import: the check then judged
patient A's order against patient B's regimen, and could be printed with signature lines. Every
way the regimen document is replaced (``EditorSession.documentReplaced``, the one funnel) clears
the proposed order, so the verdict, the numbers, the order's words and the reasons clear with it.
The clearing is one step of the proposed order's own undo history (its older steps, typed for the
previous patient, are dropped): Ctrl+Z on the check tab brings the order back if it was meant.
Editing the regimen in place (rows, header, Apply plan, Open in planner) keeps the order.

While the order shown is the one Ctrl+Z brought back, ``ui.check.restored_order`` marks it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.check.restored_order import CLEARED_STEP

if TYPE_CHECKING:
    from ui.check.check_panel import CheckPanel

__all__ = ["CLEARED_STEP", "CLEARED_WORDS", "clear_previous_order"]

CLEARED_WORDS = (
    "The Pharmacist check's proposed order was cleared: it was written against the previous "
    "regimen (Ctrl+Z on the check tab brings it back)."
)


def clear_previous_order(panel: CheckPanel) -> bool:
    """Empty the check's proposed order as one undo step; False when it held nothing."""
    # start-up seam: the editing model (pydantic) loads after the first paint
    from ui.editing import blank_state

    proposal = panel.proposal
    state = proposal.state
    if state is None or not state.rows:
        proposal.undo_stack.clear()  # an emptied order's history was the previous patient's
        return False
    proposal.undo_stack.clear()
    proposal.push(blank_state(orders=True), CLEARED_STEP)
    panel.run_check()  # the stale verdict goes now, not after the next event
    return True
