"""The check of a methadone proposal: what each scheduled method gives, after its own range."""

from __future__ import annotations

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.methadone import method_value
from mps_pain.domain.rotation.ome import CurrentOme
from mps_pain.errors import InputError
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number, tidy

__all__ = ["methadone_expectation"]


def _pct(x: float) -> str:
    return f"{format_number(x * 100)}%"


def methadone_expectation(
    rules: RotationRules, before: CurrentOme, proposed: list[DailyItem]
) -> tuple[float, float, float, list[str]]:
    """(low, high, proposed mg/day, reasons) over every scheduled method's reduction range."""
    md = rules.methadone
    if {d.drug.id for d in proposed if d.is_opioid} != {md.drug}:
        raise InputError(
            "check a methadone proposal on its own (methadone only)", location="proposed.items"
        )
    value = tidy(sum(d.daily_mg_per_day for d in proposed if d.is_opioid))
    lows, highs, reasons = [], [], []
    for method in md.methods:
        if method.frequency.code == "prn":
            continue
        out = method_value(md, method, before.total_mg_per_day).value_mg
        if out is None:
            continue
        lows.append(tidy(out * (1 - method.reduction.high)))
        highs.append(tidy(out * (1 - method.reduction.low)))
        reasons.append(
            f"{method.name}: {format_number(out)} mg/day before its reduction "
            f"{_pct(method.reduction.low)}–{_pct(method.reduction.high)}"
        )
    if not lows:
        raise InputError(
            "no methadone method covers this OME; ask a specialist", location="proposed.items"
        )
    return min(lows), max(highs), value, reasons
