"""No dose at a stated reduction that no amount within the sourced range honours (pharmacist
review 18, D2).

The plan never rounds above a stated reduction's target. Where the nearest amount at or below
that target lies further below the sourced range than the rounding tolerance, while an amount
within the range exists above the target (the rounding policy's ``stated_gap``), printing that
amount gave a regimen its own check reads BELOW (morphine 120 mg/day → hydromorphone IR q4h at a
stated 40%: 1.3 mg q4h, 67.5% effective). The planner first tries the other cited intervals
(``interval_alternative``); where none fits, the plan gives no dose and says why, with both
amounts and their effective reductions, so the prescriber chooses.
"""

from __future__ import annotations

from mps_pain.domain.rotation.no_dose_cause import no_dose_reason
from mps_pain.domain.rotation.rounding_policy import RoundingChoice, effective_reduction
from mps_pain.domain.rotation.rounding_words import (
    NEAREST_NOT_ABOVE,
    NEVER_ABOVE_STATED,
    effective_words,
)
from mps_pain.units import format_number, format_number_span

__all__ = ["STATED_GAP_ADVICE", "stated_gap_reason"]

#: what to do instead (the plan's no-dose reason ends with it)
STATED_GAP_ADVICE = (
    "Choose a smaller reduction, or another interval, with the prescriber; do not stop the "
    "current opioid until then."
)


def stated_gap_reason(
    choice: RoundingChoice, unit: str, where: tuple[str, str], equianalgesic: float
) -> str:
    """Why no dose is proposed at a stated reduction (``where``: (" at q4h", " per dose"), or
    empty words for a rate or a patch), both amounts said with their effective reductions."""
    at, per = where
    assert choice.position == "stated_gap" and choice.above is not None

    def said(amount: float) -> str:
        cut = effective_words(effective_reduction(equianalgesic, amount))
        return f"{format_number(amount)} {unit} ({cut})"

    below = choice.chosen.total
    nearest = (
        f"{NEAREST_NOT_ABOVE} {said(below)}, below"
        if below > 0
        else "no amount that can be given is at or below its target, and none reaches"
    )
    return no_dose_reason(
        "other",
        f"the stated reduction cannot be given within the sourced range{at}: {nearest} the "
        f"sourced range ({format_number_span(choice.low, choice.high, unit)}{per}); "
        f"{said(choice.above.total)} lies within the range but above the stated target, and "
        f"{NEVER_ABOVE_STATED}. {STATED_GAP_ADVICE}",
    )
