"""The check of a methadone proposal: what each scheduled method gives, after its own range; an
as-needed-only proposal (the Morley-Makin regime the planner makes) per dose.

An as-needed line whose doses a day are ``'not reported'`` has no daily total. An as-needed
methadone proposal written so (the Morley-Makin regime, whose minimum interval and later steps
were not found) is measured as one dose (``per_dose_proposal``) against the as-needed method's
dose (``as_needed_expectation``), and is never within: an open-ended as-needed methadone order is
a danger whatever its dose (``open_ended_danger``; the planner prints no such order). Any other
as-needed line without its doses is refused naming the field, as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import NOT_REPORTED
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.breakthrough import format_fraction
from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.domain.rotation.methadone import (
    MethodValue,
    dose_for,
    method_range,
    method_value,
)
from mps_pain.domain.rotation.methadone_dosing import sold_liquid_step
from mps_pain.domain.rotation.methadone_method import (
    METHADONE_INTERVAL,
    OPEN_ENDED_ORDER,
    PRN_OPEN_ENDED,
    interval_warning,
)
from mps_pain.domain.rotation.ome import CurrentOme
from mps_pain.domain.rotation.requests import CurrentRegimen
from mps_pain.domain.rotation.rescue_methadone import (
    RESCUE_ABOVE_TOLERANCE,
    RESCUE_NOT_JUDGEABLE,
)
from mps_pain.domain.rotation.rounding import market_for, strengths_for
from mps_pain.errors import InputError
from mps_pain.numbers import format_estimate_span, format_percent, format_percent_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_methadone import MethadoneMethod
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.unit_kinds import strengths_in
from mps_pain.units import format_number, tidy

NO_COVER = "breakthrough-no-source"
#: dangers of a methadone order whatever its amount (the planner prints none of these orders)
ORDER_DANGERS = frozenset(
    {PRN_OPEN_ENDED, METHADONE_INTERVAL, NO_COVER, RESCUE_ABOVE_TOLERANCE, RESCUE_NOT_JUDGEABLE}
)

__all__ = [
    "ORDER_DANGERS",
    "as_needed_expectation",
    "methadone_expectation",
    "methadone_line_warnings",
    "open_ended_danger",
    "order_not_signable",
    "per_dose_proposal",
]


def methadone_expectation(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    market: str | None,
    before: CurrentOme,
    proposed: list[DailyItem],
) -> tuple[float, float, float, list[str]]:
    """(low, high, proposed mg/day, reasons): every scheduled method's range at the current OME
    (``method_range``, the planner's own functions: the method's value, held at a band edge, from
    the deepest reduction a plan can use rounded down as the planner rounds, to the least
    reduction). The source's deeper end beyond the planner's bound (MSD/Quill's 90%) is not
    accepted: a tenth of the label's dose is below, not within (review 7, K14)."""
    md = rules.methadone
    if {d.drug.id for d in proposed if d.is_opioid} != {md.drug}:
        raise InputError(  # pharmacist review 13 #2: the words misdescribed the order
            "a proposal with methadone beside another opioid cannot be judged as one switch "
            f"(a methadone method gives methadone for the whole current {before.label}, and "
            f"methadone is not converted to or from {before.label} for one patient): check the "
            "methadone line on its own "
            "against the current regimen, and the other opioid as a separate order (a first "
            "step of a three-step switch to methadone is checked as its plan's caution says)",
            location="proposed.items",
        )
    value = tidy(sum(d.daily_mg_per_day for d in proposed if d.is_opioid))
    line = next(d for d in proposed if d.is_opioid)
    where = market_for(market, set_)
    choice = strengths_for(tables, line.drug, line.form, where)
    step = sold_liquid_step(tables, rules, line.drug, where)  # the planner's rule (review 7, D2)
    bound = rules.reduction.user_bounds.high
    ome = before.total_mg_per_day
    lows, highs, reasons = [], [], []
    for method in md.methods:
        if method.frequency.code == "prn":
            continue
        deepest = min(method.reduction.high, bound)
        span = method_range(
            md,
            method,
            ome,
            deepest,
            strengths_in(choice, "mg"),
            step.mg if step else None,
            rules.rounding.short_tolerance.fraction,
        )
        if span is None:
            continue
        lows.append(span[0])
        highs.append(span[1])
        value_at = method_value(md, method, ome, label=before.label)
        reasons.append(_method_reason(method, value_at, deepest, span))
    if not lows:
        raise InputError(
            f"no methadone method covers this {before.label}; ask a specialist",
            location="proposed.items",
        )
    return min(lows), max(highs), value, reasons


def _method_reason(
    method: MethadoneMethod, value: MethodValue, deepest: float, span: tuple[float, float]
) -> str:
    """One method's range in words, saying where the source's deeper reduction is not used."""
    reduction = method.reduction
    cut = format_percent_span(reduction.low, deepest)
    beyond = (
        f" (the source's {format_percent(reduction.high)} is beyond the "
        f"{format_percent(deepest)} any plan uses)"
        if reduction.high > deepest
        else ""
    )
    return (
        f"{method.name}: {value.explanation} → {format_estimate_span(*span)} mg/day after its "
        f"reduction {cut}{beyond}, the low end rounded down as the planner rounds."
    )


def per_dose_proposal(proposed: CurrentRegimen) -> tuple[CurrentRegimen, tuple[int, ...]]:
    """The proposal with each as-needed line whose doses a day are 'not reported' measured as
    one dose, and those lines' positions (checked by ``as_needed_lines``)."""
    positions = tuple(
        i
        for i, item in enumerate(proposed.items)
        if item.shape == "prn" and item.doses_per_day == NOT_REPORTED
    )
    if not positions:
        return proposed, ()
    items = [
        item.model_copy(update={"doses_per_day": 1.0}) if i in positions else item
        for i, item in enumerate(proposed.items)
    ]
    return proposed.model_copy(update={"items": items}), positions


def as_needed_lines(
    rules: RotationRules, proposed: Sequence[DailyItem], positions: tuple[int, ...], label: str
) -> None:
    """Only a proposal that is all as-needed methadone may leave its doses a day unstated (the
    refusal said in the set's own ``label``)."""
    if not positions:
        return
    opioids = [d for d in proposed if d.is_opioid]
    methadone_only = all(d.drug.id == rules.methadone.drug for d in opioids)
    if methadone_only and {d.index for d in opioids} <= set(positions):
        return
    where = next(i for i in positions if not methadone_only or i not in {d.index for d in opioids})
    raise InputError(
        "the doses a day of this as-needed line were not reported: a proposal is checked "
        "against a daily range, so give the most doses a day it allows (only an as-needed-only "
        "methadone proposal, the Morley-Makin regime, is checked per dose; a breakthrough order "
        "beside a regular opioid may leave them unstated when one dose is at most "
        f"{format_fraction(rules.breakthrough.fraction_high)} of that opioid's 24-h {label}, the "
        "sourced rule, and this one is not)",
        location=f"proposed.items[{where}].doses_per_day",
    )


def as_needed_expectation(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    market: str | None,
    before: CurrentOme,
    proposed: list[DailyItem],
) -> tuple[float, float, float, list[str]]:
    """(low, high, proposed mg per dose, reasons): the as-needed method's dose for the current
    OME, from its value rounded down by its own rule (the planner's ``dose_for`` with the
    market's strengths) up to its value; the daily total is not measured (no cited maximum)."""
    md = rules.methadone
    method = next(m for m in md.methods if m.frequency.code == "prn")
    value = tidy(sum(d.daily_mg_per_day for d in proposed if d.is_opioid))
    out = method_value(md, method, before.total_mg_per_day, label=before.label)
    if out.value_mg is None:
        raise InputError(f"{method.name}: {out.refused}", location="proposed.items")
    line = next(d for d in proposed if d.is_opioid)
    where = market_for(market, set_)
    choice = strengths_for(tables, line.drug, line.form, where)
    step = sold_liquid_step(tables, rules, line.drug, where)  # the planner's rule (review 7, D2)
    ome = before.total_mg_per_day
    dose = dose_for(md, method, ome, 0.0, strengths_in(choice, "mg"), step.mg if step else None)
    high = tidy(min(out.value_mg, dose.cap_mg) if dose.cap_mg is not None else out.value_mg)
    low = tidy(min(dose.per_dose_mg, high) if dose.per_dose_mg is not None else high)
    reasons = [  # no expected amount is worded: none makes the order signable (review 5b, N3)
        f"{method.name}, as needed only: the method gives an amount per dose but "
        f"{OPEN_ENDED_ORDER} (neither is sourced), so no amount per dose is judged signable.",
        f"Proposed: {format_number(value)} mg methadone per as-needed dose.",
        "The daily total is unbounded: the order gives no maximum number of doses in 24 h "
        "(the method's minimum interval and later steps were not found), so it is not within "
        "whatever its dose; give the most doses a day it allows (doses_per_day) to have the "
        "daily total checked.",
    ]
    return low, high, value, reasons


def open_ended_danger(
    tables: TableIndex,
    rules: RotationRules,
    result: CheckResult,
    as_needed: tuple[int, ...],
    proposed: Sequence[DailyItem],
    current: Sequence[DailyItem] = (),
) -> tuple[str, list[ClinicalWarning], list[str]]:
    """(verdict, danger, reasons): an as-needed-only methadone proposal is never within when its
    method has no sourced minimum interval and 24-h maximum (the planner's rule,
    ``as_needed_limits_sourced`` through ``MethadoneFrequency.open_ended``; pharmacist review 5,
    D1), nor one whose doses in 24 h are not stated. A prescriber's count of doses taken is no
    sourced limit (fuzz review 8, #1): the daily amount is unbounded, so the amount's verdict is
    ``above`` and the reasons say why (pharmacist review 9, F1: it read as an amount within).
    The current regimen's own as-needed methadone order at an unchanged amount is ``within``
    (fuzz review 11, #3): the amount is the one already given; the order stays not signable."""
    md = rules.methadone
    lines = [d for d in proposed if d.is_opioid and d.drug.id == md.drug]
    if not lines or not all(d.item.prn for d in lines):
        return result.verdict, [], []
    method = next((m for m in md.methods if m.frequency.code == "prn"), None)
    if not as_needed and method is not None and not method.frequency.open_ended:
        return result.verdict, [], []
    rule = md.as_needed_order
    danger = ClinicalWarning(
        code=PRN_OPEN_ENDED,
        severity="danger",
        message=rule.message,
        source=tables.cite(rule.citation),
    )
    total = f"{format_number(result.proposed_ome_per_day)} {result.unit}"
    counted = [
        f"The daily total ({total}) rests on a count of doses, which is no sourced maximum in "
        "24 h: the amount is unbounded, so it is judged above the range, and the order is not "
        "signable at any dose."
    ]
    counted = [] if as_needed else counted  # the per-dose path's reasons say it already
    if _same_order(result, current, md.drug):
        same = (
            "The proposal keeps the current as-needed methadone order's daily amount: the "
            "amount is within (no change), but the order is not signable at any dose."
        )
        return result.verdict, [danger], [same]
    return "above", [danger], counted


def _same_order(result: CheckResult, current: Sequence[DailyItem], methadone: str) -> bool:
    """An unchanged dose change whose current methadone lines are as needed only, as proposed."""
    lines = [d for d in current if d.is_opioid and d.drug.id == methadone]
    unchanged = result.switch_kind == "dose_change" and result.verdict == "within"
    return unchanged and bool(lines) and all(d.item.prn for d in lines)


def order_not_signable(warnings: Sequence[ClinicalWarning]) -> bool:
    """A methadone-order danger: the order is not signable as written whatever its amount."""
    return any(w.code in ORDER_DANGERS and w.severity == "danger" for w in warnings)


def methadone_line_warnings(
    tables: TableIndex, rules: RotationRules, proposed: Sequence[DailyItem]
) -> list[ClinicalWarning]:
    """The planner's rules on each methadone line of a proposal with a regular dose: its interval
    (``interval_warning``, fuzz review 8, #2) and an as-needed methadone line beside it, the
    breakthrough order the planner does not print (``MethadoneBreakthrough.open_ended``,
    ``breakthrough-no-source``; fuzz review 8, #1)."""
    lines = [d for d in proposed if d.is_opioid and d.drug.id == rules.methadone.drug]
    found = [interval_warning(tables, rules, d.item.frequency) for d in lines if not d.item.prn]
    warnings = [w for w in found if w is not None]
    as_needed = [d for d in lines if d.item.prn]
    rule = rules.breakthrough.methadone
    if as_needed and len(as_needed) < len(lines) and rule.open_ended:
        where = ", ".join(f"proposed.{d.location}" for d in as_needed)
        warnings.append(
            ClinicalWarning(
                code=NO_COVER,
                severity="danger",
                message=f"As-needed methadone beside the regular dose ({where}) is not "
                f"signable as written. {rule.no_maximum.message}",
                source=tables.cite(rule.no_maximum.citation),
            )
        )
    return warnings
