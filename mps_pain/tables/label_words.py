"""How a set says a daily oral-morphine amount: its own label, in one place.

Each reference set names its oral morphine equivalent by its own label (``output_label``: OME,
oMEDD, MME). Sentences hard-coded "mg/day OME" whatever the set, so under fpm-2021 a plan read
"= 150 mg/day oMEDD" in step 1 and "150 mg/day OME ÷ 3" in step 2: one figure in two units
(session 17, "the set's own label"). Every sentence that says such an amount takes its words
from here, with the label of the set it speaks of."""

from __future__ import annotations

from mps_pain.units import format_number

__all__ = ["daily_amount", "daily_words"]


def daily_words(label: str) -> str:
    """A set's daily-amount words: "mg/day oMEDD" for ``label`` "oMEDD"."""
    return f"mg/day {label}"


def daily_amount(value: float, label: str) -> str:
    """An amount in a set's daily-amount words: "150 mg/day oMEDD"."""
    return f"{format_number(value)} {daily_words(label)}"
