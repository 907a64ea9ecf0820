"""Recognise a wrong numeric answer as a known error pattern.

Most patterns are recognised by asking the engine the question with the error applied to its
inputs (PRN excluded, PRN counted once, no reduction, a reduction on a same-drug switch, per-dose
amounts counted once a day, another set's row) and comparing the learner's number with the
engine's answer to that wrong question. The others compare with the engine's own numbers
(×1000, of the whole answer or of one line: ``line_slip``; the ratio turned over, a reduction
applied twice, above the rounded-down target, another fraction of the daily dose). The first
pattern that matches is the diagnosis; others that match too are listed in ``also``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from mps_pain.domain.frequency import HOURS_PER_DAY, parse_frequency
from mps_pain.domain.regimen import RegimenDocument, RegimenItem
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.errors import MpsPainError
from mps_pain.practice.carry import Carry
from mps_pain.practice.expected import RELATIVE_TOLERANCE, regimen_target, within
from mps_pain.practice.key import MmeKey, SwitchKey
from mps_pain.practice.line_slip import is_unit_slip, unit_slip_spans
from mps_pain.practice.target_routes import other_route_equianalgesic
from mps_pain.services.mme_service import calculate_mme
from mps_pain.unit_kinds import time_unit_of
from mps_pain.units import UnitParseError, parse_quantity

__all__ = ["NUMBER_PATTERNS", "Candidate", "close_to", "diagnose_number"]

Span = tuple[float, float]
_ONCE_A_DAY = parse_frequency("daily")


@dataclass(frozen=True)
class Candidate:
    code: str
    spans: tuple[Span, ...]


def close_to(value: float, spans: Iterable[Span]) -> bool:
    """``value`` within the grader's tolerance of one of ``spans``."""
    return any(within(value, low, high, RELATIVE_TOLERANCE) for low, high in spans if high > 0)


# ------------------------------------------------------------------ engine re-runs (MME) ----
def _items_json(key: MmeKey | SwitchKey) -> list[dict[str, Any]]:
    if isinstance(key, MmeKey):
        assert key.exercise.regimen is not None
        return [i.model_dump(mode="json", exclude_none=True) for i in key.exercise.regimen.items]
    return [i.model_dump(mode="json", exclude_none=True) for i in key.request.from_.items]


def _policy(key: MmeKey | SwitchKey) -> str:
    if isinstance(key, MmeKey):
        return key.result.prn
    return key.plan.prn


def _has_prn_taken(key: MmeKey | SwitchKey) -> bool:
    return any(i.get("prn") and (i.get("doses_per_day") or 0) > 0 for i in _items_json(key))


def _rerun(key: MmeKey | SwitchKey, items: list[dict[str, Any]], prn: str) -> dict[str, float]:
    """The engine's numbers for the same exercise with other current items / PRN policy: the
    total by the MME engine under the exercise's set, the rest by the planner."""
    numbers: dict[str, float] = {}
    try:
        doc = {"table": key.exercise.table, "items": items, "prn": prn}
        result = calculate_mme(RegimenDocument.model_validate(doc), tables=key.tables)
        numbers["ome_per_day"] = result.total_mme_per_day
    except (MpsPainError, ValidationError):  # the mistaken regimen is not one the engine reads
        return numbers
    if isinstance(key, SwitchKey):
        with contextlib.suppress(MpsPainError):
            numbers = {
                **_plan_numbers(key.replan(**{"from": {"items": items, "prn": prn}})),
                **numbers,
            }
    return numbers


def _plan_numbers(plan: RotationPlan) -> dict[str, float]:
    numbers = {
        "ome_per_day": plan.ome_per_day,
        "equianalgesic_daily_dose": plan.equianalgesic_daily_dose.value,
        "target_daily_dose": plan.target_daily_dose.value,
    }
    amount = plan.regimen.dose or plan.regimen.rate
    if amount is not None:
        numbers["regimen"] = amount.value
    if plan.breakthrough is not None and plan.breakthrough.dose is not None:
        numbers["breakthrough_dose"] = plan.breakthrough.dose.value
    return numbers


def _replan_numbers(key: SwitchKey, **changes: Any) -> dict[str, float]:
    try:
        return _plan_numbers(key.replan(**changes))
    except MpsPainError:
        return {}


def _points(numbers: dict[str, float], ask: str) -> tuple[Span, ...]:
    return ((numbers[ask], numbers[ask]),) if ask in numbers else ()


# ------------------------------------------------------------------ the patterns ------------
def _unit_slip(key: MmeKey | SwitchKey, ask: str, accepted: Span) -> tuple[Span, ...]:
    return unit_slip_spans(key, ask, accepted)  # the whole answer's, or one line's (review 20)


def _prn_omitted(key: MmeKey | SwitchKey, ask: str, accepted: Span) -> tuple[Span, ...]:
    if _policy(key) != "include" or not _has_prn_taken(key):
        return ()
    return _points(_rerun(key, _items_json(key), "exclude"), ask)


def _prn_counted_wrongly(key: MmeKey | SwitchKey, ask: str, accepted: Span) -> tuple[Span, ...]:
    items = _items_json(key)
    if not any(i.get("prn") for i in items):
        return ()
    if _policy(key) == "exclude":
        return _points(_rerun(key, items, "include"), ask) if _has_prn_taken(key) else ()
    once = [{**i, "doses_per_day": 1} if i.get("prn") else i for i in items]
    if once == items:
        return ()
    return _points(_rerun(key, once, "include"), ask)


def _reduction_missing(key: MmeKey | SwitchKey, ask: str, accepted: Span) -> tuple[Span, ...]:
    if not isinstance(key, SwitchKey) or key.reduction_low <= 0 or key.is_methadone:
        return ()
    if ask == "reduction":
        return ((0.0, 0.0),)
    return _points(_replan_numbers(key, reduction=0.0), ask)


def _different_opioid_range(key: SwitchKey) -> Span:
    rules = key.tables.tables.rotation
    assert rules is not None
    case = next(c for c in rules.reduction.cases if c.id == "different_opioid")
    return case.low, case.high


def _reduction_on_same_drug(key: MmeKey | SwitchKey, ask: str, accepted: Span) -> tuple[Span, ...]:
    if not isinstance(key, SwitchKey) or key.case != "same_drug":
        return ()
    low, high = _different_opioid_range(key)
    if ask == "reduction":
        return ((low, high),)
    eq = key.plan.equianalgesic_daily_dose.value
    if ask == "target_daily_dose":
        return ((eq * (1 - high), eq * (1 - low)),)
    spans: list[Span] = []
    for fraction in (low, high):
        spans += _points(_replan_numbers(key, reduction=fraction), ask)
    return tuple(spans)


def _reduction_twice(key: MmeKey | SwitchKey, ask: str, accepted: Span) -> tuple[Span, ...]:
    if not isinstance(key, SwitchKey) or key.plan.reduction <= 0 or key.is_methadone:
        return ()
    low, high = key.reduction_low, key.reduction_high
    if ask == "reduction":
        return ((1 - (1 - low) ** 2, 1 - (1 - high) ** 2),)
    eq = key.plan.equianalgesic_daily_dose.value
    if ask == "target_daily_dose":
        return ((eq * (1 - high) ** 2, eq * (1 - low) ** 2),)
    twice = 1 - (1 - key.plan.reduction) ** 2
    return _points(_replan_numbers(key, reduction=twice), ask)


def _per_dose_vs_per_day(key: MmeKey | SwitchKey, ask: str, accepted: Span) -> tuple[Span, ...]:
    low, high = accepted
    if ask == "ome_per_day":
        items = _regimen_items(key)
        once = [_once_a_day(i) for i in items]
        if once == items:
            return ()
        slipped = [i.model_dump(mode="json", exclude_none=True) for i in once]
        return _points(_rerun(key, slipped, _policy(key)), ask)
    if not isinstance(key, SwitchKey):
        return ()
    target = regimen_target(key)
    if ask in ("target_daily_dose", "equianalgesic_daily_dose"):
        divisor = 1.0 if key.plan.regimen.route == "transdermal" else target.doses_per_day
        return ((low / divisor, high / divisor),) if divisor != 1.0 else ()
    if ask == "regimen":
        factor = target.doses_per_day
        return ((low * factor, high * factor),) if factor != 1.0 else ()
    return ()


def _regimen_items(key: MmeKey | SwitchKey) -> list[RegimenItem]:
    if isinstance(key, MmeKey):
        assert key.exercise.regimen is not None
        return list(key.exercise.regimen.items)
    return list(key.request.from_.items)


def _once_a_day(item: RegimenItem) -> RegimenItem:
    """The trainee's slip: a dose counted once, a rate per hour read as per day (the number of
    milligrams per hour, by the concentration for a volume, taken as milligrams per day)."""
    if item.shape == "scheduled" and item.frequency is not None:
        return item.model_copy(update={"frequency": _ONCE_A_DAY})
    rate = item.rate
    if item.shape != "continuous" or rate is None or item.route == "transdermal":
        return item
    try:
        per = time_unit_of(rate.unit)  # the rate's time base as written, as pint reads it
    except UnitParseError:
        return item
    if per != "h":
        return item
    per_hour = parse_quantity({"value": item.daily_mg_per_day() / HOURS_PER_DAY, "unit": "mg"})
    return item.model_copy(update={"rate": None, "concentration": None, "daily_dose": per_hour})


def _ratio_inverted(key: MmeKey | SwitchKey, ask: str, accepted: Span) -> tuple[Span, ...]:
    lines = key.result.items if isinstance(key, MmeKey) else key.plan.current
    inverted = sum(
        line.dose_basis.value / line.factor
        for line in lines
        if line.counted and line.factor and line.dose_basis is not None
    )
    if ask == "ome_per_day":
        return ((inverted, inverted),)
    if not isinstance(key, SwitchKey) or key.is_methadone:
        return ()
    ome, eq = key.plan.ome_per_day, key.plan.equianalgesic_daily_dose.value
    turned = ome * ome / eq if eq else 0.0
    if ask == "equianalgesic_daily_dose":
        return ((turned, turned),)
    if ask == "target_daily_dose":
        return ((turned * (1 - key.reduction_high), turned * (1 - key.reduction_low)),)
    return ()


def _other_route_totals(key: MmeKey | SwitchKey) -> list[float]:
    """The total with one item's daily amount read by another route's row of the same drug in
    the exercise's set (IV oxycodone with the oral factor, …): the MME engine decides."""
    lines = key.result.items if isinstance(key, MmeKey) else key.plan.current
    set_ = key.tables.sets[key.exercise.table]
    items = _items_json(key)
    totals = []
    for line in lines:
        if line.kind != "opioid" or line.route == "transdermal" or line.index >= len(items):
            continue
        routes = {
            r
            for f in set_.factors
            if f.drug == line.drug and not f.forms
            for r in f.routes
            if r not in (line.route, "transdermal")
        }
        for route in sorted(routes):
            swapped = {
                "drug": line.drug,
                "route": route,
                "daily_dose": line.daily_dose.model_dump(),
            }
            if items[line.index].get("prn"):
                continue
            changed = [swapped if n == line.index else i for n, i in enumerate(items)]
            total = _rerun(key, changed, _policy(key)).get("ome_per_day")
            if total is not None:
                totals.append(total)
    return totals


def _wrong_table_row(key: MmeKey | SwitchKey, ask: str, accepted: Span) -> tuple[Span, ...]:
    spans: list[Span] = []
    if ask == "ome_per_day":
        spans += [(t, t) for t in _other_route_totals(key)]
    if isinstance(key, MmeKey):
        if ask == "ome_per_day":
            spans += [
                (s.total_mme_per_day, s.total_mme_per_day)
                for s in key.result.spread
                if s.total_mme_per_day is not None and s.table != key.result.table.id
            ]
        return tuple(spans)
    for row in key.plan.spread:
        if row.table == key.plan.table.id:
            continue
        if ask == "ome_per_day" and row.ome_per_day is not None:
            spans.append((row.ome_per_day, row.ome_per_day))
        if ask == "target_daily_dose" and row.target_daily_dose is not None:
            spans.append((row.target_daily_dose.value, row.target_daily_dose.value))
        if ask == "equianalgesic_daily_dose" and row.target_daily_dose is not None:
            kept = 1 - key.plan.reduction
            if kept > 0:
                spans.append((row.target_daily_dose.value / kept,) * 2)
    if ask == "equianalgesic_daily_dose":  # the target's row by another route (19b, L4)
        spans += [(e, e) for e in other_route_equianalgesic(key)]
    return tuple(spans)


def _rounded_up(key: MmeKey | SwitchKey, ask: str, accepted: Span) -> tuple[Span, ...]:
    if not isinstance(key, SwitchKey) or ask not in ("regimen", "breakthrough_dose"):
        return ()
    upper = accepted[1]
    # one more unit above the target: up to half again for a dose, a quarter for breakthrough
    reach = 1 + (1 / 2 if ask == "regimen" else 1 / 4)
    return ((upper * (1 + 2 * RELATIVE_TOLERANCE), upper * reach),)


def _breakthrough_fraction(key: MmeKey | SwitchKey, ask: str, accepted: Span) -> tuple[Span, ...]:
    if ask != "breakthrough_dose":
        return ()
    low, high = accepted
    return ((high / 5, low * 0.999), (high * 1.001, high * 3))


NumberPattern = Callable[[MmeKey | SwitchKey, str, Span], tuple[Span, ...]]
NUMBER_PATTERNS: tuple[tuple[str, NumberPattern], ...] = (
    ("unit-slip-1000", _unit_slip),
    ("prn-omitted", _prn_omitted),
    ("prn-counted-wrongly", _prn_counted_wrongly),
    ("reduction-missing", _reduction_missing),
    ("reduction-on-same-drug", _reduction_on_same_drug),
    ("reduction-twice", _reduction_twice),
    ("per-dose-vs-per-day", _per_dose_vs_per_day),
    ("ratio-inverted", _ratio_inverted),
    ("wrong-table-row", _wrong_table_row),
    ("rounded-up", _rounded_up),
    ("breakthrough-fraction", _breakthrough_fraction),
)


def diagnose_number(key: MmeKey | SwitchKey, ask: str, value: float, accepted: Span) -> list[str]:
    """Codes of every pattern the wrong ``value`` matches, most specific first."""
    found = []
    for code, pattern in NUMBER_PATTERNS:
        if close_to(value, pattern(key, ask, accepted)):
            found.append(code)
    if "unit-slip-1000" in found and not is_unit_slip(key, ask, value, accepted):
        found.remove("unit-slip-1000")  # a line left out, not a line 1000-fold off
    if not found or _given_by_rounding(key, ask, value):
        return found
    return [c for c in found if c in _AS_WRITTEN or _literal(key, c, value, accepted)]


#: a slip of the number as written, not of a dose rounded to strengths
_AS_WRITTEN = frozenset({"unit-slip-1000"})


def _literal(key: MmeKey | SwitchKey, code: str, value: float, accepted: Span) -> bool:
    """A daily amount written as the dose, unrounded: the rounded regimen's daily total or the
    target's (the ends of the pattern's band), not a number between them."""
    if code != "per-dose-vs-per-day" or not isinstance(key, SwitchKey):
        return False
    doses = regimen_target(key).doses_per_day
    return close_to(value, [(end * doses, end * doses) for end in accepted])


def _given_by_rounding(key: MmeKey | SwitchKey, ask: str, value: float) -> bool:
    """A regimen's pattern only of a dose the rounding gives (pharmacist review 19, M4: a dose
    no combination of the strengths makes, 25 mg of 10, 30 and 60 mg tablets, was told "rounded
    up" or "a per-dose amount was used as a daily amount", arithmetic that ends in a dose the
    strengths give): the planner asked for the target that ``value`` makes
    (``Carry.for_regimen``) gives ``value`` back. A rate, a breakthrough dose and a methadone
    dose (the method's own rounding) keep the patterns' bands."""
    if ask != "regimen" or not isinstance(key, SwitchKey) or key.is_methadone:
        return True
    if regimen_target(key).kind != "dose":
        return True
    return Carry(key).for_regimen(value) is not None
