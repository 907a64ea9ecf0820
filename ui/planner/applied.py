"""The plan the planner last applied, kept while the regimen is the one Apply wrote (clinician
review 17 #11 and #6): the pane says it was applied, and the printed page carries it, with the
transition schedule a signed switch needs. Any edit of the regimen drops it."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from mps_pain.presentation.applied_plan import NO_PLAN, applied_words

if TYPE_CHECKING:
    from mps_pain.domain.regimen import RegimenItem
    from mps_pain.domain.rotation.models import RotationPlan
    from mps_pain.domain.rotation.requests import RotationRequest
    from ui.editing import EditorState

__all__ = ["ERROR_STYLE", "AppliedPlan", "applied_now", "no_plan_html"]

ERROR_STYLE = "color: rgb(190, 30, 30);"


@dataclass(frozen=True)
class AppliedPlan:
    plan: RotationPlan
    request: RotationRequest | None
    items: tuple[RegimenItem, ...]  # the regimen's items as Apply left them


def applied_now(applied: AppliedPlan | None, state: EditorState | None) -> AppliedPlan | None:
    """``applied`` while the regimen still holds exactly what Apply wrote, else None."""
    if applied is None or state is None or tuple(state.document.items) != applied.items:
        return None
    return applied


def no_plan_html(applied: AppliedPlan | None) -> str:
    """The pane without a plan: the plan applied, or what to correct."""
    text = NO_PLAN if applied is None else applied_words(applied.plan)
    return f"<p>{escape(text)}</p>"
