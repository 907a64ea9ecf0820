"""When the quick converter's "Open in planner" and "Save plan to patient record…" may be used.

Both only for a question the planner answered (review 3: "Open in planner" stayed enabled after a
refused unit); the save also only for a plan that gives a dose, the rule of the planner's "Apply
plan" (``proposes_no_dose``; clinician review 13, #8b: it stayed enabled beside NO DOSE). A
disabled button says why, on hover and to a screen reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.presentation.no_dose import proposes_no_dose

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPushButton

    from mps_pain.domain.rotation.models import RotationPlan

__all__ = ["NOT_SAVED_NO_DOSE", "OPEN_TIP", "SAVE_TIP", "enable_actions", "why_not_saved"]

OPEN_TIP = "Carry this question to the switching planner (all steps)"
SAVE_TIP = (
    "Store this plan, with its question, in a patient's record (the regimen on record is "
    "not changed)"
)
NOT_SAVED_NO_DOSE = (
    "Not saved: this plan gives no dose, so there is no plan to store (open it in the planner "
    "to see why)"
)


def why_not_saved(plan: RotationPlan | None, problem: str | None) -> str | None:
    """Why the plan cannot be saved to a record (None: it can)."""
    if plan is None:
        now = problem or "Enter the question first."
        return f"Available once the question is answered. Now: {now}"
    return NOT_SAVED_NO_DOSE if proposes_no_dose(plan) else None


def enable_actions(
    open_button: QPushButton,
    save_button: QPushButton,
    plan: RotationPlan | None,
    problem: str | None,
) -> None:
    """Enable the converter's buttons for its answer; a disabled one says why."""
    unanswered = why_not_saved(None, problem) if plan is None else None
    for button, why, tip in (
        (open_button, unanswered, OPEN_TIP),
        (save_button, why_not_saved(plan, problem), SAVE_TIP),
    ):
        button.setEnabled(why is None)
        shown = tip if why is None else why
        button.setToolTip(shown)
        button.setAccessibleDescription(shown)
