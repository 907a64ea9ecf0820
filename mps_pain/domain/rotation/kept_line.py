"""A current line a plan to a patch keeps going while the patch takes effect (clinician review
21, N1): "keep the infusion of oxycodone sc 40 mg/day going for the first 12 h after the patch
goes on … 12 h stop". The schedule's step carries it typed (``ScheduleEntry.keeps``), so Apply
keeps that row with its stop (``RegimenItem.stops_after``) and the plan's signed page names it,
never from the step's words."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["KeptLine"]


class KeptLine(BaseModel):
    """The current regimen's item ``index`` kept for ``hours`` after the patch goes on."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    index: int = Field(description="The kept item's position in the current regimen.")
    hours: float = Field(gt=0, description="Hours after the new patch goes on when it stops.")
    order: str = Field(description="The kept line as the schedule names it.")
