"""Another dosing interval when rounding leaves the sourced range (outside pharmacist review,
2 December, finding 2).

Oxycodone ER 30 mg q12h → hydromorphone IR q4h (UK): 2.25 mg per dose rounds down to 1.3 mg
(56.7%, against 25–50%); every 6 h, 2.6 mg lies within (42.2%). When the default reduction's
rounding at the requested interval gives nothing within the range (``below_range``), the plan
keeps the requested interval and offers the nearest other interval of the same cited range for the
form (``data/form_inference.yaml``, ``intervals``: the ends of the range the requested interval
lies in, e.g. every 4–6 h for oral immediate-release) at which the same rounding policy
(``shape_for_set``) gives an amount within the range. A modified-release product keeps its own
interval (12 h stays 12 h; the 24-h range is another product). A stated reduction is honoured as
it is (no alternative), as is a patch or an infusion.
"""

from __future__ import annotations

from mps_pain.domain.form_inference import interval_rules
from mps_pain.domain.frequency import Frequency, parse_frequency
from mps_pain.domain.results import Amount, ClinicalWarning
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.models import IntervalAlternative
from mps_pain.domain.rotation.planner_output import shape_for_set
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.rounding_policy import effective_reduction
from mps_pain.domain.rotation.shape import regimen_text
from mps_pain.domain.rotation.shaped import Amounts, Shaped
from mps_pain.numbers import format_percent
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number, tidy

__all__ = ["interval_alternative", "interval_alternative_warning"]


def _candidates(tables: TableIndex, target: Target, requested: Frequency) -> list[Frequency]:
    """The other cited ends of the interval range the requested interval lies in, nearest
    first (none: the form has no cited range, or the range is one interval)."""
    rule = next(
        (r for r in interval_rules() if (r.form, r.route) == (target.form, target.route)), None
    )
    if rule is None or not any(s.source in tables.tables.sources for s in rule.sources):
        return []
    hours = requested.interval_h
    span = next(((lo, hi) for lo, hi in rule.accepted_h if lo <= hours <= hi), None)
    if span is None:
        return []
    ends = sorted({h for h in span if h != hours}, key=lambda h: (abs(h - hours), h))
    return [parse_frequency(f"q{format_number(h)}h") for h in ends]


def _sources(tables: TableIndex, target: Target) -> str:
    rule = next(r for r in interval_rules() if (r.form, r.route) == (target.form, target.route))
    return "; ".join(tables.cite(s) for s in rule.sources if s.source in tables.tables.sources)


def interval_alternative(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    request: RotationRequest,
    target: Target,
    amounts: Amounts,
    shaped: Shaped,
) -> IntervalAlternative | None:
    """The nearest cited interval with an amount within the range (None: not needed, or none)."""
    requested = request.to.frequency
    if requested is None or target.is_patch or target.is_continuous:
        return None
    below = shaped.choice is not None and shaped.choice.position == "below_range"
    if not (below or shaped.detail.no_dose is not None) or request.reduction is not None:
        return None  # (no dose at this interval: below the smallest strength, or out of reach)
    for frequency in _candidates(tables, target, requested):
        other = request.model_copy(
            update={"to": request.to.model_copy(update={"frequency": frequency})}
        )
        found, _, _ = shape_for_set(tables, rules, set_, other, target, amounts)
        if found.choice is None or not found.choice.within_range:
            continue
        if found.rounded_per_unit is None or found.detail.no_dose is not None:
            continue
        return IntervalAlternative(
            regimen=found.regimen,
            daily_dose=Amount(value=tidy(found.rounded_per_unit), unit=amounts.unit),
            effective_reduction=effective_reduction(amounts.equianalgesic, found.rounded_per_unit),
            sourced_low=tidy(amounts.low),
            sourced_high=tidy(amounts.high),
            requested_frequency=requested.label,
            citation=_sources(tables, target),
        )
    return None


def interval_alternative_warning(alternative: IntervalAlternative) -> ClinicalWarning:
    """The alternative said beside the rounding caution (info: the requested interval stays)."""
    regimen, daily = alternative.regimen, alternative.daily_dose
    cut = alternative.effective_reduction
    effect = (
        f", an effective reduction of {format_percent(cut)}"
        if cut > 0
        else " (no reduction: the cited ratio's range)"
    )
    return ClinicalWarning(
        code="rounding-other-interval",
        severity="info",
        message=f"At {regimen.frequency} instead of {alternative.requested_frequency}, a "
        f"marketed strength lies within the sourced range ({format_number(alternative.sourced_low)}"
        f"–{format_number(alternative.sourced_high)} {daily.unit}): {regimen_text(regimen)} = "
        f"{format_number(daily.value)} {daily.unit}{effect}. The plan keeps the "
        f"{alternative.requested_frequency} asked for; choose the interval with the prescriber.",
        source=alternative.citation,
    )
