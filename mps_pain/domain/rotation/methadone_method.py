"""The methadone method a plan uses, and what comes with it: the schedule asked for (refused
with the field named when the method or the patch does not allow it), the titration interval,
and the method's own warnings (band edge, cap, specialist advice)."""

from __future__ import annotations

from collections.abc import Mapping

from mps_pain.domain.frequency import Frequency, parse_frequency
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.methadone import MethadoneDose
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.errors import InputError
from mps_pain.numbers import format_estimate, format_percent
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.tables.schema_methadone import MethadoneMethod
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number, tidy

__all__ = [
    "METHADONE_INTERVAL",
    "OPEN_ENDED_ORDER",
    "PRN_OPEN_ENDED",
    "choose_method",
    "default_method",
    "far_below_warning",
    "interval_warning",
    "methadone_warnings",
    "method_asked",
    "titration_advice",
    "titration_limit",
    "unsmoothed",
]

PRN_OPEN_ENDED = "methadone-prn-open-ended"
"""The danger: an as-needed methadone order without a minimum interval and a 24-h maximum."""

#: what such an order lacks, in the words of the check's reason and its headline
OPEN_ENDED_ORDER = "no minimum interval and no maximum number of doses in 24 h"

METHADONE_INTERVAL = "methadone-interval"
"""A regular methadone interval outside the intervals the cited methods give it at."""


def interval_warning(
    tables: TableIndex,
    rules: RotationRules,
    frequency: Frequency | None,
    used: MethadoneMethod | None = None,
) -> ClinicalWarning | None:
    """The one methadone interval rule (planner and check; fuzz review 8, #2): a regular interval
    other than those of the scheduled methods (their sourced ``frequency``: tid, q8h) is a danger
    when shorter (methadone accumulates over days: 1 mg q1h was WITHIN) and a caution when
    longer; the finding names the interval and the methods' sources. The severity is by whether
    the interval is in the plan: ``used``, the method whose own interval a plan prints instead,
    makes it a caution saying so (pharmacist review 10, N-2: a tid plan asked for q4h carried
    a danger worded as if the printed plan were q4h)."""
    if frequency is None:
        return None
    methods = [m for m in rules.methadone.methods if m.frequency.code != "prn"]
    hours = sorted({parse_frequency(m.frequency.code).interval_h for m in methods})
    if not hours or any(abs(frequency.interval_h - h) <= 1e-9 * h for h in hours):
        return None
    given = " or ".join(f"every {format_number(h)} h" for h in hours)
    sources = "; ".join(dict.fromkeys(tables.cite(m.frequency.citation) for m in methods))
    shorter = frequency.interval_h < hours[0]
    said = (
        f"Methadone {frequency.label} is more often than the cited methods give it ({given}): "
        "methadone accumulates over days (long, variable half-life), so a shorter interval "
        "builds up to toxicity days later."
        if shorter
        else f"Methadone {frequency.label} is less often than the cited methods give it "
        f"({given}): no source found gives this interval."
    )
    if used is not None:
        return ClinicalWarning(
            code=METHADONE_INTERVAL,
            severity="caution",
            message=f"Methadone {frequency.label} was asked for; the method gives it "
            f"{_interval(used)}, "
            f"and this plan uses that interval. {said} Do not write the {frequency.label} "
            "interval on the order without the palliative care specialist.",
            source=sources,
        )
    advice = (
        "Give it at the cited interval, or ask the palliative care specialist."
        if shorter
        else "Check it with the palliative care specialist."
    )
    return ClinicalWarning(
        code=METHADONE_INTERVAL,
        severity="danger" if shorter else "caution",
        message=f"{said} {advice}",
        source=sources,
    )


def _interval(method: MethadoneMethod) -> str:
    """'every 8 hours (tid)'; an as-needed-only regime: 'as needed only' (its plan has no dose)."""
    if method.frequency.code == "prn":
        return "as needed only"
    frequency = parse_frequency(method.frequency.code)
    return f"every {format_number(frequency.interval_h)} hours ({frequency.label})"


def methadone_warnings(
    tables: TableIndex,
    rules: RotationRules,
    method: MethadoneMethod,
    chosen: MethadoneDose,
    label: str,
) -> list[ClinicalWarning]:
    """The chosen method's cautions (its band edge said in the set's own ``label``)."""
    md = rules.methadone
    warnings: list[ClinicalWarning] = []
    source = tables.cite(method.citation)
    if chosen.value.held and chosen.value.band_value_mg is not None:
        held = format_number(tidy(chosen.value.value_mg or 0))
        start = daily_amount(chosen.value.held_from or 0, label)
        warnings.append(
            ClinicalWarning(
                code="methadone-band-edge",
                severity="caution",
                message=f"{method.name} with this program's smoothing across a band edge: the "
                f"dose is held down at {held} mg/day before the reduction, from {start} "
                f"to the band's top, not only near the edge ({md.band_edge.message}). "
                f"{unsmoothed(chosen)}. Check the current dose and consider specialist advice.",
                source=tables.cite(md.band_edge.citation),
            )
        )
    if chosen.capped and method.cap is not None:
        cites = (tables.cite(method.cap.citation), tables.cite(md.start_cap.citation))
        warnings.append(
            ClinicalWarning(
                code="methadone-cap",
                severity="caution",
                message=f"The {method.name} dose was limited to its cap of "
                f"{format_number(method.cap.mg)} mg per {method.cap.per}. "
                f"{md.start_cap.message}",
                source="; ".join(cites),
            )
        )
    warnings.append(
        ClinicalWarning(
            code="methadone-specialist",
            severity="caution",
            message=f"Methadone has a long, variable half-life: the dose keeps rising for days. "
            f"{method.note or ''}".strip(),
            source=source,
        )
    )
    return warnings


def far_below_warning(
    tables: TableIndex,
    rules: RotationRules,
    method: MethadoneMethod,
    doses: Mapping[str, MethadoneDose],
) -> list[ClinicalWarning]:
    """A caution when the chosen method's regular daily dose is below ``far_below.fraction`` of
    every other method's at the same OME, naming them and the cause (pharmacist review 5, D5:
    MSD/Quill 3 mg/day beside 9–15 mg/day, with a breakthrough message that blamed the input)."""
    rule = rules.methadone.far_below
    chosen = doses[method.id]
    others = {k: d.daily_mg for k, d in doses.items() if k != method.id and d.daily_mg is not None}
    if chosen.daily_mg is None or not others:
        return []
    if chosen.daily_mg >= rule.fraction * min(others.values()):
        return []
    # each method by its name, as the "Next step" line says it (clinician re-check 18b #5: its
    # id, "jp-label 30 mg/day, ccdhb 15 mg/day")
    listed = ", ".join(
        f"{doses[k].method.name} {format_number(v)} mg/day" for k, v in others.items()
    )
    reduction = f"{format_percent(method.reduction.default)}"
    name = f"{method.name} with this program's smoothing" if chosen.value.held else method.name
    own = f" {unsmoothed(chosen)}." if chosen.value.held else ""
    return [
        ClinicalWarning(
            code="methadone-method-far-below",
            severity="caution",
            message=f"{name} gives {format_number(chosen.daily_mg)} mg/day, which "
            f"{rule.message} ({listed}).{own} The cause is the method itself, not the current "
            f"regimen: its own {reduction} reduction ({method.reduction.reason}) applied on "
            f"top of its dose-dependent ratio ({chosen.value.explanation}). Compare the "
            "methods side by side and choose with the specialist.",
            source=f"{tables.cite(method.reduction.citation)}; {tables.cite(rule.citation)}",
        )
    ]


def unsmoothed(chosen: MethadoneDose) -> str:
    """ "MSD Manual / Quill dose bands' own band, unsmoothed: 22.5 mg/day, 5.625 mg/day after
    its 75% reduction": the method's figure beside the program's smoothing (clinician review 15,
    #7: the headline gave MSD a dose its table does not give)."""
    name = chosen.method.name
    whose = f"{name}'" if name.endswith("s") else f"{name}'s"
    own = chosen.value.band_value_mg or 0.0
    reduced = tidy(own * (1 - chosen.reduction))
    return (
        f"{whose} own band, unsmoothed: {format_number(tidy(own))} mg/day, "
        f"{format_estimate(reduced)} mg/day after its {format_percent(chosen.reduction)} reduction"
    )


def default_method(rules: RotationRules, market: str | None) -> MethadoneMethod:
    """The method a plan under a set of ``market`` uses when none is chosen: the first method
    practised in that market (its ``markets``), else the tables' ``default_method`` (ui-fix3
    #4: under the UK set the default was the Japanese label)."""
    md = rules.methadone
    own = next((m for m in md.methods if market is not None and market in m.markets), None)
    return own or next(m for m in md.methods if m.id == md.default_method)


def method_asked(
    rules: RotationRules, request: RotationRequest, market: str | None
) -> MethadoneMethod:
    """The method asked for, or the set's default (``default_method``): the one choice the
    planner and the practice prompt make (pharmacist review 18, D3)."""
    methods = {m.id: m for m in rules.methadone.methods}
    method_id = request.methadone_method or default_method(rules, market).id
    method = methods.get(method_id)
    if method is None:
        raise InputError(
            f"unknown methadone method '{method_id}'; choose {', '.join(methods)}",
            location="methadone_method",
        )
    return method


def choose_method(
    rules: RotationRules, request: RotationRequest, items: list[DailyItem], market: str | None
) -> tuple[MethadoneMethod, str, bool]:
    """The method and schedule asked for (or the set's default, ``default_method``), refused
    with the field named."""
    method = method_asked(rules, request, market)
    schedule_kind = request.methadone_schedule or method.schedules[0]
    if schedule_kind not in method.schedules:
        raise InputError(
            f"{method.name} is used with the {' or '.join(method.schedules)} schedule, not "
            f"{schedule_kind}",
            location="methadone_schedule",
        )
    from_patch = any(d.is_opioid and d.item.route == "transdermal" for d in items)
    if from_patch and schedule_kind == "three-step":
        raise InputError(
            "the three-step schedule lowers the previous opioid gradually, which a patch's skin "
            "depot does not allow: choose the immediate schedule (the patch comes off and "
            "methadone starts after the depot has fallen)",
            location="methadone_schedule",
        )
    return method, schedule_kind, from_patch


def titration_advice(
    tables: TableIndex, method: MethadoneMethod
) -> tuple[tuple[float, float] | None, list[str]]:
    """The titration interval and its monitoring line; none for an as-needed-only regime,
    which has no regular dose to increase (pharmacist review 5, wording 10)."""
    if method.frequency.code == "prn":
        return None, []
    titration = (method.titration_interval.days_low, method.titration_interval.days_high)
    limit = titration_limit(*titration)
    return titration, [
        f"{limit[:1].upper()}{limit[1:]} [{tables.cite(method.titration_interval.citation)}]."
    ]


_TITRATION_LEAD = "do not increase methadone more often than every"


def titration_limit(days_low: float, days_high: float) -> str:
    """``do not increase methadone more often than every 5–7 days``: the titration interval in
    the words of the plan's monitoring line and the check's dose-increase caution."""
    days = format_number(days_low) + (
        f"–{format_number(days_high)}" if days_high != days_low else ""
    )
    return f"{_TITRATION_LEAD} {days} days"


def is_titration_line(line: str) -> bool:
    """A monitoring line ``titration_advice`` wrote: about increasing a methadone dose the plan
    gives (a plan that gives none drops it: ``withhold``)."""
    return line.lower().startswith(_TITRATION_LEAD)
