"""Another dosing interval when rounding leaves the sourced range (outside pharmacist review,
2 December, finding 2; pharmacist review 5, D10 (c)).

Oxycodone ER 30 mg q12h → hydromorphone IR q4h (UK): 2.25 mg per dose rounds down to 1.3 mg
(56.7%, against 25–50%); every 6 h, 2.6 mg lies within (42.2%). When the default reduction's
rounding at the requested interval gives nothing within the range (``below_range``) or no dose,
and the nearest other interval of the same cited range for the form (``data/form_inference.yaml``,
``intervals``: the ends of the range the requested interval lies in, e.g. every 4–6 h for oral
immediate-release) gives an amount within it by the same rounding policy (``shape_for_set``),
the plan proposes that interval (``other_interval``; the plan and every spread row call it) and
shows the interval asked for as the other option (``asked_interval``), both in one info line. It
offered q6h only as an info line before, and its own check said ``below``. A modified-release
product keeps its own interval (12 h stays 12 h; the 24-h range is another product). A patch
or an infusion keeps its own.

A stated reduction takes the same rule (pharmacist review 18, D2: it was honoured as it was,
1.3 mg q4h at a stated 30%, BELOW in its own check, where 2.6 mg q6h lay within the range and
not above the stated target): when nothing at the interval asked for lies between the sourced
range's lowest dose and the stated target (``stated_gap``, a rounding gap, or no dose), the
nearest other cited interval whose amount does (``RoundingChoice.reaches_range``) is proposed.
"""

from __future__ import annotations

from mps_pain.domain.form_inference import interval_citations, interval_rule
from mps_pain.domain.frequency import Frequency, parse_frequency
from mps_pain.domain.results import Amount, ClinicalWarning
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.models import IntervalAlternative, RegimenDetail
from mps_pain.domain.rotation.planner_output import shape_for_set
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.rounding_policy import effective_reduction
from mps_pain.domain.rotation.rounding_words import effective_words
from mps_pain.domain.rotation.shape import regimen_text
from mps_pain.domain.rotation.shaped import Amounts, Shaped, base_fields, planned
from mps_pain.numbers import format_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number, tidy

__all__ = [
    "asked_interval",
    "interval_alternative_warning",
    "interval_alternative_warnings",
    "nothing_within_words",
    "other_interval",
]


def _candidates(tables: TableIndex, target: Target, requested: Frequency) -> list[Frequency]:
    """The other cited ends of the interval range the requested interval lies in, nearest
    first (none: the form has no cited range, or the range is one interval)."""
    rule = interval_rule(target.drug, target.form, target.route)
    if rule is None or not any(s.source in tables.tables.sources for s in rule.sources):
        return []
    hours = requested.interval_h
    span = next(((lo, hi) for lo, hi in rule.accepted_h if lo <= hours <= hi), None)
    if span is None:
        return []
    ends = sorted({h for h in span if h != hours}, key=lambda h: (abs(h - hours), h))
    return [parse_frequency(f"q{format_number(h)}h") for h in ends]


def _sources(tables: TableIndex, target: Target) -> str:
    rule = interval_rule(target.drug, target.form, target.route)
    assert rule is not None  # an alternative is offered only from a cited range (_candidates)
    return interval_citations(tables, target.drug, rule)


def other_interval(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    request: RotationRequest,
    target: Target,
    amounts: Amounts,
    shaped: Shaped,
) -> tuple[RotationRequest, Shaped] | None:
    """The request at the nearest cited interval with an amount within the range, and what it
    gives (None: the interval asked for fits, or no other interval does)."""
    requested = request.to.frequency
    if requested is None or target.is_patch or target.is_continuous:
        return None
    below = shaped.choice is not None and shaped.choice.position == "below_range"
    if not (below or shaped.detail.no_dose is not None):
        return None  # (no dose at this interval: below the smallest strength, out of reach, or
        # nothing between the range and a stated target)
    tolerance = rules.rounding.short_tolerance.fraction
    for frequency in _candidates(tables, target, requested):
        other = request.model_copy(
            update={"to": request.to.model_copy(update={"frequency": frequency})}
        )
        found, _, _ = shape_for_set(tables, rules, set_, other, target, amounts)
        if found.choice is None or not found.choice.reaches_range(tolerance):
            continue
        if found.rounded_per_unit is None or found.detail.no_dose is not None:
            continue
        return other, found
    return None


def asked_interval(
    tables: TableIndex, target: Target, requested: Frequency, amounts: Amounts, shaped: Shaped
) -> IntervalAlternative:
    """The interval asked for, as the other option beside the one proposed: what the rounding
    gives there (below the range, or no dose)."""
    given = shaped.rounded_per_unit if shaped.detail.no_dose is None else None
    regimen = shaped.regimen
    gap = shaped.choice
    if gap is not None and gap.position == "stated_gap" and gap.chosen.total > 0:
        # no dose proposed there: the nearest amount not above the stated target, below the range
        per_day = gap.chosen.total * requested.doses_per_day
        given = amounts.from_per_day(per_day)
        detail = RegimenDetail(daily_dose=Amount(value=tidy(per_day), unit=amounts.unit))
        dose = Amount(value=gap.chosen.total, unit=amounts.mass_unit)
        fields = base_fields(target)
        regimen = planned(detail, **fields, dose=dose, frequency=requested.label, rate=None)
    return IntervalAlternative(
        regimen=regimen,
        daily_dose=None if given is None else Amount(value=tidy(given), unit=amounts.unit),
        effective_reduction=(
            None if given is None else effective_reduction(amounts.equianalgesic, given)
        ),
        sourced_low=tidy(amounts.low),
        sourced_high=tidy(amounts.high),
        requested_frequency=requested.label,
        citation=_sources(tables, target),
    )


def nothing_within_words(stated: bool, span: str = "") -> str:
    """Why the interval asked for is not proposed: no strength within the sourced range, or,
    under a stated reduction, none within it and not above the stated target (pharmacist review
    18, D2: an amount above the target may lie within the range there)."""
    said = f"no marketed strength lies within the sourced range{span}"
    return f"{said} and not above the stated reduction's target" if stated else said


def interval_alternative_warning(
    asked: IntervalAlternative, proposed: Shaped, amounts: Amounts, *, stated: bool = False
) -> ClinicalWarning:
    """The interval proposed instead of the one asked for, and why (info: choose with the
    prescriber)."""
    unit = amounts.unit
    low, high = format_number(asked.sourced_low), format_number(asked.sourced_high)
    if asked.daily_dose is None or asked.effective_reduction is None:
        there = "no dose can be given"
    else:
        there = (
            f"{regimen_text(asked.regimen)} = {format_number(asked.daily_dose.value)} {unit}, "
            f"{effective_words(asked.effective_reduction)}"
        )
    given = proposed.rounded_per_unit or 0.0
    here = (
        f"{regimen_text(proposed.regimen)} = {format_number(given)} {unit}, "
        f"{effective_words(effective_reduction(amounts.equianalgesic, given))}"
    )
    within = f" ({format_span(low, high, unit)})"
    return ClinicalWarning(
        code="rounding-other-interval",
        severity="info",
        message=f"At {asked.requested_frequency} as asked, "
        f"{nothing_within_words(stated, within)}: {there}. The plan proposes "
        f"{proposed.regimen.frequency}, a cited interval of the form, where {here}, lies within "
        "it. Choose the interval with the prescriber.",
        source=asked.citation,
    )


def interval_alternative_warnings(
    asked: IntervalAlternative | None, proposed: Shaped, amounts: Amounts, stated: bool
) -> list[ClinicalWarning]:
    """The interval note when the plan proposes another interval (none otherwise)."""
    if asked is None:
        return []
    return [interval_alternative_warning(asked, proposed, amounts, stated=stated)]
