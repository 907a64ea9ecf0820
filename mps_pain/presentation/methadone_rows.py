"""The methadone methods side by side: one row per method, as every renderer shows it."""

from __future__ import annotations

from dataclasses import dataclass

from mps_pain.domain.rotation.models import MethadoneOption, RotationPlan
from mps_pain.presentation.no_dose import without_amount
from mps_pain.presentation.wording import amount_text, percent_text, plain_source, quantity

__all__ = ["MethadoneRowView", "held_down_note", "methadone_row"]


@dataclass(frozen=True, slots=True)
class MethadoneRowView:
    method: str
    name: str
    daily: str
    per_dose: str
    frequency: str
    flags: str
    note: str | None
    citation: str


def methadone_row(option: MethadoneOption, *, withheld: bool) -> MethadoneRowView:
    """A method's row; under a plan with no dose, a method's amount is not shown (N3)."""
    option = without_amount(option) if withheld else option
    flags = (" [held at band edge]" if option.held_at_edge else "") + (
        " [capped]" if option.capped else ""
    )
    return MethadoneRowView(
        method=option.method,
        name=option.name,
        daily=amount_text(option.daily_dose),
        per_dose=amount_text(option.per_dose),
        frequency=option.frequency,
        flags=flags.strip(),
        note=plain_source(option.note),
        citation=plain_source(option.source) or option.source,
    )


def held_down_note(plan: RotationPlan) -> str:
    """'; held at the band edge: 7.5 mg/day is 55.1% below the band's own 22.25 mg/day after
    its 25% (16.69 mg/day)': the plan's method held its band's dose down (pharmacist review 9,
    D-G: "Reduction 25%" was printed alone beside a dose 55% below the band's own)."""
    option = next((o for o in plan.methadone_options if o.method == plan.methadone_method), None)
    rounded = plan.rounded_daily_dose
    if option is None or not option.held_at_edge or option.band_dose is None or rounded is None:
        return ""
    own, unit = option.band_dose.value * (1 - plan.reduction), option.band_dose.unit
    if own <= 0 or rounded.unit != unit:
        return ""
    return (
        f"; held at the band edge: {quantity(rounded.value, unit)} is "
        f"{percent_text(1 - rounded.value / own)} below the band's own "
        f"{quantity(option.band_dose.value, unit)} after its {percent_text(plan.reduction)} "
        f"({quantity(own, unit)})"
    )
