"""The plan's new regimen valued by the plan and counted by a total, side by side with why they
differ (clinician review 21, N2): the page printed after Apply gave "Total … 80 OME/day" a few
lines above "effective reduction 15.8%" from 142.5, which is −44% against −15.8% on one page.
The figures are the plan's own (``RotationPlan.new_regimen_ome``, ``domain.rotation
.counted_ends``); nothing is computed here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.numbers import format_span
from mps_pain.presentation.wording import number, percent_text

if TYPE_CHECKING:
    from mps_pain.domain.rotation.models import RotationPlan

__all__ = ["AFTER_SWITCH", "after_switch_text"]

#: the fact's label, on the plan and on the page printed after Apply
AFTER_SWITCH = "Total after the switch"


def after_switch_text(plan: RotationPlan) -> str:
    """``120 OME/day as this plan values the new regimen (× 3; effective reduction 15.8% from
    142.5 OME/day); 80 OME/day as … count it (× 2, the set's point), 43.9% less than before. …``,
    or "" where the plan's valuation and a total's count agree."""
    both = plan.new_regimen_ome
    if both is None:
        return ""
    unit = f"{plan.ome_label}/day"
    cut = plan.effective_reduction
    cut = plan.reduction if cut is None else cut
    fall = 1 - both.counted / plan.ome_per_day if plan.ome_per_day > 0 else 0.0
    valued_at = "" if both.valued_factor is None else f"× {number(both.valued_factor)}; "
    counted_at = "" if both.counted_factor is None else f" (× {number(both.counted_factor)}, "
    counted_at += "the set's point)" if counted_at else ""
    change = f"{percent_text(fall)} less" if fall >= 0 else f"{percent_text(-fall)} more"
    return (
        f"{number(both.valued)} {unit} as this plan values the new regimen ({valued_at}"
        f"effective reduction {percent_text(cut)} from {number(plan.ome_per_day)} {unit}); "
        f"{number(both.counted)} {unit} as the regimen's total, the records and a next plan "
        f"count it{counted_at}, {change} than before. {_why(plan)} The switch changed the dose "
        f"by the plan's {percent_text(cut)}, not {percent_text(abs(fall))}."
    )


def _why(plan: RotationPlan) -> str:
    """Why the two figures differ: the new line's factor read two ways, or a current line's."""
    both = plan.new_regimen_ome
    assert both is not None
    if both.valued_factor is None:
        return (
            "They differ because this plan's current total counts a current line at the set's "
            "point while the switch converts it by another reading of the set (the note on the "
            "current line gives both)."
        )
    span = both.factor_range
    cited = "" if span is None else f"the factor's cited range is {_span(span)}; "
    return (
        f"They differ because {cited}a switch TO this line is sized at the factor that gives "
        "less of the new opioid, and a total counts every line at the set's point."
    )


def _span(span: tuple[float, float]) -> str:
    return format_span(number(span[0]), number(span[1]))
