"""What a checking pharmacist needs on the page printed after Apply to verify the switch
(clinician re-check 19b, R10): the regimen the plan switched from, each line with its OME, and
the plan's arithmetic in one line (total → equianalgesic → reduced → rounded). The page printed
after Apply is not the whole plan again (its steps and spread were shown before Apply): these
are the plan's own numbers, as its facts say them, nothing recomputed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.numbers import ESTIMATE_FIGURES
from mps_pain.presentation.current_total import current_total_text
from mps_pain.presentation.mme import item_name
from mps_pain.presentation.no_dose import proposes_no_dose
from mps_pain.presentation.spoken import in_words_of
from mps_pain.presentation.wording import (
    amount_text,
    estimate_text,
    number,
    percent_text,
    quantity,
)

if TYPE_CHECKING:
    from mps_pain.domain.results import MmeLine
    from mps_pain.domain.rotation.models import RotationPlan

__all__ = ["ARITHMETIC", "SWITCHED_FROM", "arithmetic_line", "switched_from_lines"]

#: the labels of the two facts, on the applied plan's section and beside the signatures
SWITCHED_FROM = "Regimen before the switch"
ARITHMETIC = "Arithmetic"


def _from_line(line: MmeLine, label: str) -> str:
    """``fentanyl transdermal patch 25 mcg/h = 60 OME/day``; an adjuvant says it adds none."""
    name = item_name(line.drug, line.route, line.form, prn=line.prn)
    written = line.as_entered or amount_text(line.daily_dose)
    if line.mme_per_day is None:
        return f"{name}: {written} (adjuvant, adds no {label})"
    left_out = "" if line.counted else ", not counted in the total"
    return f"{name}: {written} = {number(line.mme_per_day)} {label}/day{left_out}"


def switched_from_lines(plan: RotationPlan) -> tuple[str, ...]:
    """Every line of the regimen the plan switched from, as the plan valued it (its
    ``current`` lines), in the words of the plan's market (``in_words_of``)."""
    with in_words_of(plan.market):
        return tuple(_from_line(line, plan.ome_label) for line in plan.current)


def arithmetic_line(plan: RotationPlan) -> str:
    """``142.5 OME/day → equianalgesic 71.2 mg/day → 27.1% less: 51.9 mg/day → rounded to 50
    mg/day (effective reduction 29.8%)``; where a patch band table chose the patch, its patch
    between the equianalgesic and the reduced amounts. "" where the plan gives no dose."""
    if proposes_no_dose(plan):
        return ""
    eq = plan.equianalgesic_daily_dose
    parts = [
        current_total_text(plan),
        f"equianalgesic {quantity(eq.value, eq.unit, ESTIMATE_FIGURES)}",
    ]
    if plan.band_dose is not None:
        parts.append(f"band table {amount_text(plan.band_dose.chosen)}")
    parts.append(f"{percent_text(plan.reduction)} less: {estimate_text(plan.target_daily_dose)}")
    if plan.rounded_daily_dose is not None:
        rounded = f"rounded to {amount_text(plan.rounded_daily_dose)}"
        cut = plan.effective_reduction
        if cut is not None and abs(cut - plan.reduction) > 0.0005:
            below = "reduction" if cut >= 0 else "increase"
            rounded += f" (effective {below} {percent_text(abs(cut))})"
        parts.append(rounded)
    return " → ".join(parts)
