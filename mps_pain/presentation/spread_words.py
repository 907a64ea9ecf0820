"""A plan's spread row in words, one kind of number per column (clinician review 7, #4): the
amount after the set's reduction and the dose its plan gives, each with its cut said."""

from __future__ import annotations

from mps_pain.domain.rotation.models import SpreadRow
from mps_pain.domain.rotation.shape import infusion_words
from mps_pain.presentation.wording import ABSENT, amount_text, estimate_text, percent_text

__all__ = ["given_text", "reduced_text", "rounded_text"]


def given_text(row: SpreadRow) -> str:
    """The dose the set's plan gives, with its cut from the equianalgesic amount where both are
    in one unit ("12.5 mcg/h (58.3% less)": FPM's 22.5 rounds down to the 12.5 patch)."""
    if row.rounded is None:
        return row.note or ABSENT
    text = rounded_text(row)
    given = row.rounded_daily_dose or row.rounded
    eq = row.equianalgesic
    if eq is None or eq.unit != given.unit or eq.value <= 0:
        return text
    cut = 1 - given.value / eq.value
    return f"{text} ({percent_text(cut)} less)" if cut > 1e-9 else text


def reduced_text(row: SpreadRow) -> str:
    """The amount after the set's own reduction, with the cut said ("28.1 mcg/h (25% less)");
    a chart's dose has its reduction built in and is not a reduced amount (review 7 #4: the UK
    chart's 25 sat beside FPM's and JSPM's reduced amounts under one heading)."""
    if row.reduction_in_chart:
        return "built into the chart"
    target = row.target_daily_dose
    assert target is not None
    text = estimate_text(target)
    eq = row.equianalgesic
    if eq is None or eq.value <= 0:
        return text
    cut = 1 - target.value / eq.value
    return f"{text} ({percent_text(cut)} less)" if cut > 1e-9 else f"{text} (no reduction)"


def rounded_text(row: SpreadRow) -> str:
    """Each set's rounded dose as it is given: a per-dose amount with its interval and daily
    total ("75 mg q12h (150 mg/day)"), never a bare per-dose amount under a daily heading; an
    infusion as the regimen says it ("32.5 mg over 24 h by syringe driver (1.354 mg/h)")."""
    assert row.rounded is not None
    if row.rounded_route is not None:
        return infusion_words(row.rounded_route, row.rounded, row.rounded_daily_dose)
    text = amount_text(row.rounded)
    if row.rounded_frequency and row.rounded_daily_dose is not None:
        return f"{text} {row.rounded_frequency} ({amount_text(row.rounded_daily_dose)})"
    return text
