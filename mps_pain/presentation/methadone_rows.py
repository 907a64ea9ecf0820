"""The methadone methods side by side: one row per method, as every renderer shows it."""

from __future__ import annotations

from dataclasses import dataclass

from mps_pain.domain.rotation.models import MethadoneOption
from mps_pain.presentation.no_dose import without_amount
from mps_pain.presentation.wording import amount_text, plain_source

__all__ = ["MethadoneRowView", "methadone_row"]


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
