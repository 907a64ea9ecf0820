"""The size of a dose change's step, and a methadone increase's interval (``check_dose_change``).

No reviewed source gives a largest single titration step (clinical-sources.md), so the check reads
its own sourced range, the largest cross-tolerance reduction between different opioids
(``different_opioid`` high, 50%), both ways: a new daily amount above 1 / (1 − 50%) = twice the
current is a danger, one below (1 − 50%) = half of it a caution (fuzz review 8, #3). A methadone
increase carries its sourced titration interval.
"""

from __future__ import annotations

from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.methadone_method import titration_limit
from mps_pain.domain.rotation.reduction import find_case
from mps_pain.numbers import format_number_span, format_percent
from mps_pain.tables.index import TableIndex
from mps_pain.units import format_number, tidy

__all__ = [
    "STEP_ABOVE",
    "STEP_BELOW",
    "TITRATION",
    "step_range",
    "step_warnings",
    "titration_warnings",
]

STEP_ABOVE = "dose-step-above-range"
STEP_BELOW = "dose-step-below-range"
TITRATION = "methadone-titration-interval"

_REL = 1e-6


def step_range(tables: TableIndex, now: float) -> tuple[float, float]:
    """(top, bottom) of a dose step from ``now``: the sourced range read both ways."""
    high = find_case(rotation_rules(tables), "different_opioid").high
    return now / (1 - high), now * (1 - high)


def step_warnings(
    tables: TableIndex, now: float, new: float, drug: str, change: str, unit: str = "mg/day"
) -> list[ClinicalWarning]:
    """A step beyond the check's sourced range read both ways (the module's note says why);
    ``now`` and ``new`` in ``unit`` (a patch's mcg/h: the range is a ratio either way)."""
    case = find_case(rotation_rules(tables), "different_opioid")
    if now <= 0 or case.high >= 1:
        return []
    top, bottom = step_range(tables, now)
    said = (
        f"No source found gives a largest single titration step; the check uses its own sourced "
        f"range, the largest cross-tolerance reduction ({format_percent(case.high)}), both ways: "
        f"{format_number_span(tidy(bottom), tidy(top), unit)} {drug} from "
        f"{format_number(now)} {unit}."
    )
    source = tables.cite(case.citation)
    if new > top * (1 + _REL):
        message = (
            f"Dose change{change}: {format_number(new)} {unit} {drug} is more than twice the "
            f"current {format_number(now)} {unit}: risk of overdose. Check for a strength or "
            f"concentration slip (a 10× concentrate) and the titration step. {said}"
        )
        return [ClinicalWarning(code=STEP_ABOVE, severity="danger", message=message, source=source)]
    if new < bottom * (1 - _REL):
        message = (
            f"Dose change{change}: {format_number(new)} {unit} {drug} is less than half the "
            f"current {format_number(now)} {unit}: risk of withdrawal or uncontrolled pain; "
            f"check for a strength slip. {said}"
        )
        return [
            ClinicalWarning(code=STEP_BELOW, severity="caution", message=message, source=source)
        ]
    return []


def titration_warnings(
    tables: TableIndex, now: float, new: float, drug: str, change: str, market: str | None
) -> list[ClinicalWarning]:
    """A methadone dose increase: its sourced titration interval, whatever the method that started
    it (``rotation.methadone.dose_increase``; fuzz review 9, #2: +100% was a plain DOSE CHANGE),
    the set's market's own where the data give one (pharmacist review 10, N-4)."""
    md = rotation_rules(tables).methadone
    if drug != md.drug or new <= now * (1 + _REL):
        return []
    rule = md.dose_increase
    interval = rule.for_market(market)
    limit = titration_limit(interval.days_low, interval.days_high)
    message = f"Methadone dose increase{change}: {limit}. {rule.message}"
    source = tables.cite(interval.citation)
    return [ClinicalWarning(code=TITRATION, severity="caution", message=message, source=source)]
