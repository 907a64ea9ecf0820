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
from mps_pain.domain.rotation.rescue_fit import (
    Judged,
    carried,
    fraction_top_words,
    judged_rescues,
    mg_text,
    outside_warnings,
    over_ceiling,
    rule_range,
    rule_words,
)
from mps_pain.domain.rotation.rescue_slack import slack_reasons
from mps_pain.domain.rotation.rescue_unsized import not_sized_words, unsized_rescue_warnings
from mps_pain.errors import MpsPainError
from mps_pain.numbers import format_number
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules

__all__ = [
    "RESCUE_ABOVE",
    "document_rescue_warnings",
    "regimen_rescue_warnings",
    "rescue_judgement",
    "rescues_above",
    "with_rescues_above",
]

RESCUE_ABOVE = "rescue_above"
_REL = 1e-6


def rescue_judgement(
    tables: TableIndex,
    rules: RotationRules,
    request: CheckRequest,
    proposed: Sequence[DailyItem],
    current: Sequence[DailyItem],
    prn: str | None,
    verdict: str,
) -> tuple[str, list[str], tuple[RescueAbove, ...]]:
    """The check's verdict beside the proposal's rescues (``with_rescues_above``), its reasons
    (each rescue above its rule, and each read within only by its rate's pump step:
    ``slack_reasons``) and the rescues above, by the one judgement the caution uses
    (``judged_rescues``) under the request's set and market."""
    set_ = equianalgesic_set(tables, rules, request.table)
    found = judged_rescues(tables, rules, set_, request.market, proposed, current, prn)
    above = rescues_above(rules, found, current)
    verdict, said = with_rescues_above(tables, rules, verdict, above)
    return verdict, [*said, *slack_reasons(tables, rules, found)], above


def rescues_above(
    rules: RotationRules, found: Sequence[Judged], current: Sequence[DailyItem]
) -> tuple[RescueAbove, ...]:
    """Each judged as-needed dose (``found``) above the top of its rule; not a current
    as-needed line written again as it is (``rescue_fit.carried``): the patient's rescue now,
    not a new dose (a regimen checked against itself is unchanged, and a line kept beside a
    switch never changes its verdict: ``test_kept_line_unchanged``); its caution stays."""
    mine = [j for j in found if not carried(j.line, current)]
    return tuple(_above(rules, j, rule_words(rules, j)) for j in mine if _over_top(j))


def with_rescues_above(
    tables: TableIndex, rules: RotationRules, verdict: str, above: Sequence[RescueAbove]
) -> tuple[str, list[str]]:
    """The check's verdict beside its rescues above their rule (never 'within'), and a reason
    for each, the danger's rule cited (the program's own, said as such)."""
    cite = tables.cite(rules.breakthrough.above_danger.citation)
    said = [
        f"Row {r.index + 1}: the as-needed dose ({mg_text(r.dose_mg)}) is {_above_what(rules, r)}"
        f", whatever its count, so the order is not within; {_danger_words(rules, r)} [{cite}]."
        for r in above
    ]
    return (RESCUE_ABOVE if above and verdict == "within" else verdict), said


def _above_what(rules: RotationRules, rescue: RescueAbove) -> str:
    """'above the top of the breakthrough rule (8.33 mg)'; for a rescue no source sizes, that
    it is not sized and lies above this program's danger ceiling (re-check 21b, N-2)."""
    top = rule_range(rescue.high_mg, rescue.high_mg)
    if rescue.sized:
        return f"above the top of the breakthrough rule ({top})"
    drug = rescue.drug.replace("-", " ")
    fraction = format_fraction(rules.breakthrough.fraction_high)
    return (
        f"not sized, as {not_sized_words(drug)}, and above this program's danger ceiling, more "
        f"than {format_number(rules.breakthrough.above_danger.multiple)} times {fraction} of the "
        f"24-h dose ({fraction}: {top})"
    )


def _danger_words(rules: RotationRules, rescue: RescueAbove) -> str:
    """'more than 2 times the top is a danger' (``rescue_danger.danger_words``), naming the
    fraction rule's top where a bolus sets the rescue's own (``rescue_fit.fraction_top_words``)."""
    if rescue.danger_top_mg == rescue.high_mg:
        return danger_words(rules)
    return danger_words(rules, fraction_top_words(rules, rescue.danger_top_mg))


def _over_top(judged: Judged) -> bool:
    """Above the top it is judged by: its rule's, or the danger ceiling of one no source sizes."""
    high = judged.ceiling_mg or (judged.rule.high.value if judged.rule.high else None)
    return high is not None and judged.dose_mg > high * (1 + judged.slack + _REL)


def _above(rules: RotationRules, judged: Judged, fractions: str) -> RescueAbove:
    """The rescue above its rule's top (``Judged.rule``: the fraction rule's, or a bolus's); a
    danger by the one rule (``rescue_danger.above_danger``) against the fraction rule's top,
    whichever rule sets the top."""
    bt, fraction_top = judged.rule, judged.size.bt.high
    assert bt.high is not None and fraction_top is not None  # both rules give a top
    low = bt.low or bt.high  # a bolus is one amount
    return RescueAbove(
        index=judged.line.index,
        drug=judged.line.drug.id,
        route=judged.line.item.route,
        dose_mg=judged.dose_mg,
        low_mg=low.value,
        high_mg=bt.high.value,
        planner_mg=bt.dose.value if bt.dose else None,
        regular_mg_per_day=judged.size.daily_mg,
        fractions=fractions,
        times=judged.dose_mg / bt.high.value,
        danger=above_danger(rules, judged.dose_mg / fraction_top.value),
        danger_top_mg=fraction_top.value,
        sized=judged.ceiling_mg is None,
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
    unsized = unsized_rescue_warnings(tables, rules, set_.id, daily, over_ceiling(found))
    return [*outside_warnings(tables, rules, found, set_.output_label, under), *unsized]


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
