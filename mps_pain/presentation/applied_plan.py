"""A plan's title in the records (clinician review 17 #8), and what the planner says once its
plan has been applied to the regimen (#11: the pane read "No plan: correct the choice on the
left or the regimen" just after "Plan applied", as if Apply had failed), and the printed heading
of the plan applied (#6: the page printed after Apply had signature lines but no plan)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.presentation.rotation import regimen_sentence

if TYPE_CHECKING:
    from mps_pain.domain.rotation.models import RotationPlan

__all__ = ["APPLIED_PLAN_HEADING", "NO_PLAN", "applied_words", "plan_title"]

NO_PLAN = "No plan: correct the choice on the left or the regimen."
APPLIED_PLAN_HEADING = "Switching plan applied (the regimen above is its new regimen)"


def applied_words(plan: RotationPlan) -> str:
    """The pane after Apply: what was applied, and how to go on."""
    breakthrough = " and its breakthrough line" if plan.breakthrough is not None else ""
    return (
        f"Plan applied. The regimen is now {regimen_sentence(plan.regimen)}{breakthrough}. "
        "To switch again, choose another drug or route. Export plan as PDF prints the plan "
        "applied, with its transition schedule; Ctrl+Z undoes Apply."
    )


def plan_title(plan: RotationPlan) -> str:
    """A saved plan's title, by the regimen it gives: ``Switch to morphine sc injection 30 mg
    over 24 h by syringe driver (1.25 mg/h)`` (clinician review 17 #8: "Switch to morphine sc"
    named no dose, while a check is titled by its order)."""
    return f"Switch to {regimen_sentence(plan.regimen)}"
