"""Which switching plan a save to the patient record stores (clinician review 18, #4).

A save from the Regimen tab stored a plan nobody saw: the planner recomputes its plan on every
edit of the regimen, and the save took that recomputed plan (70 mg/24 h for an edited regimen,
never on screen). After Apply, a save stored the regimen but not the plan applied, so the
record held an IV hydromorphone regimen beside an older plan for a patch.

The rule (docs/gui.md, "What a save stores"):
- a plan is stored only as it was last shown on the Switching planner tab, and never when the
  regimen changed since it was shown;
- after Apply, while the regimen is the one Apply wrote, the plan applied (its transition
  schedule with it) is stored with the regimen, unless the planner shows another plan now;
- what is not stored is said, in the chooser and the status bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from mps_pain.presentation.applied_plan import plan_title

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTabWidget

    from mps_pain.domain.regimen import RegimenItem
    from mps_pain.domain.rotation.models import RotationPlan
    from mps_pain.domain.rotation.requests import RotationRequest
    from ui.editing import EditorState
    from ui.planner.planner_panel import PlannerPanel

__all__ = ["NOT_SHOWN_WORDS", "PlanChoice", "ShownPlan", "plan_to_store"]

NOT_SHOWN_WORDS = (
    "the switching plan is not saved: it was not shown for this regimen (show it on the "
    "Switching planner tab, then save)"
)
APPLIED = " (applied)"


@dataclass(frozen=True)
class PlanChoice:
    """The plan a save stores (None: none) with its title, and what is not stored."""

    plan: RotationPlan | None
    request: RotationRequest | None
    title: str = ""
    left_out: str = ""
    before: tuple[RegimenItem, ...] = ()  # the rows the applied plan was made from (review 19 L5)


class ShownPlan(QObject):
    """The plan the planner last showed: recorded whenever its tab is shown with a plan (or
    without one: nothing is shown then)."""

    def __init__(self, planner: PlannerPanel, tabs: QTabWidget) -> None:
        super().__init__(planner)
        self._planner, self._tabs = planner, tabs
        self._shown: tuple[RotationPlan, RotationRequest | None] | None = None
        planner.planChanged.connect(self._seen)
        tabs.currentChanged.connect(self._seen)

    @Slot()
    def _seen(self) -> None:
        planner = self._planner
        if self._tabs.currentWidget() is planner:
            plan = planner.plan
            self._shown = None if plan is None else (plan, planner.request)

    def on_screen(self) -> bool:
        return self._tabs.currentWidget() is self._planner and self._planner.plan is not None

    def shown(self, state: EditorState | None) -> tuple[RotationPlan, RotationRequest] | None:
        """The plan last shown, while the regimen is still the one it was made for."""
        if self._shown is None or state is None:
            return None
        plan, request = self._shown
        if request is None or request.from_.items != state.document.items:
            return None
        return plan, request


def plan_to_store(planner: PlannerPanel | None, state: EditorState | None) -> PlanChoice:
    """The plan a save stores by the rule above, titled by its new regimen."""
    if planner is None:
        return PlanChoice(None, None)
    tracker = planner.findChild(ShownPlan)
    shown = tracker.shown(state) if tracker is not None else None
    applied = planner.applied_plan()
    if shown is not None and (applied is None or (tracker and tracker.on_screen())):
        return PlanChoice(shown[0], shown[1], plan_title(shown[0]))
    if applied is not None:
        made_from = tuple(applied.request.from_.items) if applied.request is not None else ()
        return PlanChoice(
            applied.plan, applied.request, plan_title(applied.plan) + APPLIED, before=made_from
        )
    return PlanChoice(None, None, left_out=NOT_SHOWN_WORDS if planner.plan is not None else "")
