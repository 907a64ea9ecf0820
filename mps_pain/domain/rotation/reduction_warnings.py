"""The warnings a reduction step gives: pain not controlled (the dose that would be given with pain
controlled), and a reduction outside the sourced range for the switch (danger below it, caution
above it). Split from ``planner_steps``; the planner and the methadone planner call them."""

from __future__ import annotations

from mps_pain.domain.cited import cited_warning
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.classify import KEEPS_ITS_AMOUNT
from mps_pain.domain.rotation.reduction import Reduction
from mps_pain.numbers import format_percent, format_percent_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules

__all__ = ["reduction_range_warning", "reduction_warnings"]


# fuzz re-check 17b, N5: the plan called a reduced change of form a switch, the check a dose change
_FORM_CHANGE_REDUCED = (
    f": a {KEEPS_ITS_AMOUNT}, so a reduction on it is a dose change, as the check of this plan says"
)
_UNCHANGED = (
    " For this switch the usual default already is the low end of the range, so the dose is the"
    " one it would be with pain controlled."
)


def reduction_warnings(
    tables: TableIndex,
    rules: RotationRules,
    red: Reduction,
    bounds: tuple[float, float],
    pain_controlled: bool | None,
    form_change: bool = False,
) -> list[ClinicalWarning]:
    warnings = []
    if pain_controlled is False:
        note = rules.reduction.uncontrolled_pain
        same = red.case is not None and red.case.default == red.case.low == red.fraction
        then = _UNCHANGED if same else ""  # pharmacist review 5, D11: say when nothing changes
        warnings.append(cited_warning(tables, note, "pain-uncontrolled", "info", then=then))
    outside = reduction_range_warning(red.fraction, bounds, red.source, form_change=form_change)
    return warnings + ([outside] if outside else [])


def reduction_range_warning(
    fraction: float, bounds: tuple[float, float], source: str | None, *, form_change: bool = False
) -> ClinicalWarning | None:
    """Danger below the sourced reduction range (overdose risk), caution above it (on a change
    of form by the same route, said to be the dose change the check calls it)."""
    low, high = bounds
    if low - 1e-9 <= fraction <= high + 1e-9:
        return None
    below = fraction < low
    return ClinicalWarning(
        code="reduction-outside-sourced-range",
        severity="danger" if below else "caution",
        message=f"The reduction {format_percent(fraction)} is "
        f"{'below' if below else 'above'} the sourced "
        f"{format_percent_span(low, high)} for this switch"
        + (_FORM_CHANGE_REDUCED if form_change and not below else "")
        + (": risk of overdose." if below else ": risk of uncontrolled pain."),
        source=source,
    )
