"""A rescue above its rule is never WITHIN (clinician review 20, N1), and one rescue-size
caution for every command (N2).

A proposal's as-needed opioid line beside a regular opioid is an order up to its maximum
whatever its ``doses_per_day``, so no count takes it out of the judgement: "morphine SC 50 mg/24 h
+ morphine SC 200 mg as needed, 0 a day" read WITHIN, while 20 mg at 1 a day read ABOVE. One
dose above the top of the breakthrough rule (``rescue_fit.judged_rescues``, the numbers the
planner prints; the planner rounds its breakthrough down, so a dose above the top is never the
rule's own rounding) is a ``RescueAbove``: the verdict is ``rescue_above`` where the regular dose
is within its range (any other verdict is kept, and the headline names the rescue before it).
More than ``rotation.breakthrough.above_danger.multiple`` times the top (the program's own rule,
said as such in data/) is a danger.

``regimen_rescue_warnings`` gives the same caution (``rescue_fit.outside_warnings``) for a
regimen as it stands: ``mme`` (and so the app's Regimen tab) and ``rotate``'s current regimen,
valued beside itself, so the three commands give the same warning for the same regimen.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.mme import resolve_regimen
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import PrnPolicy, RegimenDocument
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.breakthrough import format_fraction
from mps_pain.domain.rotation.check_result import RescueAbove
from mps_pain.domain.rotation.context import equianalgesic_set, rotation_rules
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.domain.rotation.rescue_danger import above_danger, danger_words
from mps_pain.domain.rotation.rescue_fit import Judged, carried, judged_rescues, outside_warnings
from mps_pain.errors import MpsPainError
from mps_pain.numbers import format_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number

__all__ = [
    "RESCUE_ABOVE",
    "document_rescue_warnings",
    "regimen_rescue_warnings",
    "rescues_above",
    "with_rescues_above",
]

RESCUE_ABOVE = "rescue_above"
_REL = 1e-6


def rescues_above(
    tables: TableIndex,
    rules: RotationRules,
    request: CheckRequest,
    proposed: Sequence[DailyItem],
    current: Sequence[DailyItem],
    prn: str | None,
) -> tuple[RescueAbove, ...]:
    """Each proposed as-needed dose above the top of its rule, by the one judgement the
    caution uses (``judged_rescues``), under the request's set and market; not a current
    as-needed line written again as it is (``rescue_fit.carried``): the patient's rescue now,
    not a new dose (a regimen checked against itself is unchanged, and a line kept beside a
    switch never changes its verdict: ``test_kept_line_unchanged``); its caution stays."""
    set_ = equianalgesic_set(tables, rules, request.table)
    found = [
        j
        for j in judged_rescues(tables, rules, set_, request.market, proposed, current, prn)
        if not carried(j.line, current)
    ]
    bt = rules.breakthrough
    fractions = format_span(format_fraction(bt.fraction_low), format_fraction(bt.fraction_high))
    return tuple(_above(rules, j, fractions) for j in found if _over_top(j))


def with_rescues_above(
    tables: TableIndex, rules: RotationRules, verdict: str, above: Sequence[RescueAbove]
) -> tuple[str, list[str]]:
    """The check's verdict beside its rescues above their rule (never 'within'), and a reason
    for each, the danger's rule cited (the program's own, said as such)."""
    danger = rules.breakthrough.above_danger
    said = [
        f"Row {r.index + 1}: the as-needed dose ({format_number(r.dose_mg)} mg) is above the "
        f"top of the breakthrough rule ({format_number(r.high_mg, 3)} mg), whatever its count, so "
        f"the order is not within; {danger_words(rules)} [{tables.cite(danger.citation)}]."
        for r in above
    ]
    return (RESCUE_ABOVE if above and verdict == "within" else verdict), said


def _over_top(judged: Judged) -> bool:
    high = judged.size.bt.high
    return high is not None and judged.dose_mg > high.value * (1 + judged.slack + _REL)


def _above(rules: RotationRules, judged: Judged, fractions: str) -> RescueAbove:
    bt = judged.size.bt
    assert bt.low is not None and bt.high is not None  # the fraction rule gives both ends
    times = judged.dose_mg / bt.high.value
    danger = above_danger(rules, times)  # the one rule (``rescue_danger``)
    return RescueAbove(
        index=judged.line.index,
        drug=judged.line.drug.id,
        route=judged.line.item.route,
        dose_mg=judged.dose_mg,
        low_mg=bt.low.value,
        high_mg=bt.high.value,
        planner_mg=bt.dose.value if bt.dose else None,
        regular_mg_per_day=judged.size.daily_mg,
        fractions=fractions,
        times=times,
        danger=danger,
    )


def regimen_rescue_warnings(
    tables: TableIndex,
    table_id: str | None,
    market: str | None,
    daily: Sequence[DailyItem],
    prn: PrnPolicy | None,
) -> list[ClinicalWarning]:
    """The rescue-size caution of a regimen as it stands (its as-needed doses against its own
    regular opioids, the regimen its own other side) under the planner's default set, named
    where ``table_id`` (the set its total is in) is another; none where the regimen cannot be
    valued (its own errors say why)."""
    try:  # tables with no rotation rules (a test table) judge no rescue
        rules = rotation_rules(tables)
        set_ = _judging_set(tables, rules)
        found = judged_rescues(tables, rules, set_, market, daily, daily, prn)
    except MpsPainError:
        return []
    under = None if set_.id == table_id else set_.name  # another set's total: say which
    return outside_warnings(tables, rules, found, set_.output_label, under)


def document_rescue_warnings(
    tables: TableIndex, document: RegimenDocument, table_id: str, prn: PrnPolicy
) -> list[ClinicalWarning]:
    """``regimen_rescue_warnings`` of a regimen document (``mme``): its readable rows."""
    daily, _ = resolve_regimen(tables, document.items, prn, "exclude")
    return regimen_rescue_warnings(tables, table_id, document.market, daily, prn)


def _judging_set(tables: TableIndex, rules: RotationRules) -> ReferenceSet:
    """The planner's default equianalgesic set: a regimen's rescue is judged alike whatever set
    its total is in (the sets differ in totals, not in safety: clinician re-check 18b, #1)."""
    return equianalgesic_set(tables, rules, rules.default_table)
