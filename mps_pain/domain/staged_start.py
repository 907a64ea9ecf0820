"""The staged start a row Apply wrote carries (clinician re-check 20c, M1).

A plan from a patch to an opioid that waits for the patch's skin depot gives a first part (the
other opioids' share, or no regular opioid at all) until its full dose starts, 17 h after the
patch is removed. Apply wrote that only into the row's Note, so a check of the applied regimen
printed and signed the full 24-h amount alone: 50 mg over 24 h from 0 h, where the plan gives
22.5 mg over 24 h for the first 17 h. The row now holds it as typed data: when the full dose
starts, and the first part's amounts in the row's own shape (none: no regular opioid until
then). Every page that writes the row's order reads it from here, never from the Note's words.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from mps_pain.domain.frequency import FrequencyField
from mps_pain.domain.kept_words import kept_words
from mps_pain.fields import DoseAmount, DoseRate, InputModel

__all__ = [
    "FIRST_PART_ABOVE_FULL",
    "KEPT_NOT_CURRENT",
    "NO_REGULAR",
    "StagedStart",
    "StopsAfter",
    "uncounted_status",
]

#: what a staged plan from a patch alone gives before its full dose (only as-needed doses)
NO_REGULAR = "no regular opioid"
FIRST_PART_ABOVE_FULL = "first-part-above-full"
"""The code of the danger: a row's staged first part above its own full dose (review 21b, D2)."""
KEPT_NOT_CURRENT = "kept-line-not-current"
"""The code of the danger: a line kept going whose amount is no current line's (review 21b, D1)."""


class StagedStart(InputModel):
    """The plan's first part of a row: until ``full_from_hours`` after the patch is removed,
    ``dose`` + ``frequency`` or ``rate`` (none of them: no regular opioid until then)."""

    full_from_hours: Annotated[float, Field(gt=0, allow_inf_nan=False)] = Field(
        description="Hours after the patch is removed when the row's full dose starts."
    )
    dose: DoseAmount | None = None
    frequency: FrequencyField | None = None
    rate: DoseRate | None = None

    @property
    def first_amounts(self) -> dict[str, object]:
        """The first part's amounts, as the row's own fields ({}: no regular opioid)."""
        fields = {"dose": self.dose, "frequency": self.frequency, "rate": self.rate}
        return {name: value for name, value in fields.items() if value is not None}


class StopsAfter(InputModel):
    """A current line a plan to a patch keeps going while the new patch takes effect
    (clinician review 21, N1: "keep the infusion … going for the first 12 h after the patch goes
    on", then stop it): it stops ``hours`` after the new patch goes on. Apply keeps the row with
    this, so the signed page, the check and the records give the stop, not the Note alone."""

    hours: Annotated[float, Field(gt=0, allow_inf_nan=False)] = Field(
        description="Hours after the new patch goes on when this line stops."
    )


def uncounted_status(prn: bool, stops_after: StopsAfter | None) -> str:
    """Why a line's amount is not in the daily total: kept only until it stops after the new
    patch goes on (not the steady state the plan's total is), or as needed under the choice."""
    if stops_after is not None:
        return (
            f" — kept {kept_words(stops_after.hours)}: not in the daily total, which is the "
            "regimen once it stops (as the switching plan counts it)"
        )
    return " — as needed, excluded by the PRN choice" if prn else ""
