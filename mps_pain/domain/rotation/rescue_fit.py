"""The check's caution for a proposed rescue whose size is outside the breakthrough rule
(clinician review 12, #7), judged against the one base of ``rescue_size``: the whole proposed
regular opioid dose, not the line of the rescue's own drug (pharmacist re-check 16b, #5).

The caution is given where the switching plan's rescue for the proposal's regular opioids is the
fraction rule (``planned_rescue_rule``): a patch too (its linked oral morphine lies inside the
range; a patch with no linked table has the fraction rule's alternative). Not an infusion under a
set whose rescue is the 1-hour amount (JSPM), a fentanyl regular line the rule's source excludes,
methadone (agreed with the specialist), nor a fentanyl rescue (the source's "except fentanyl").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.breakthrough import format_fraction, format_range
from mps_pain.domain.rotation.context import equianalgesic_set
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.domain.rotation.rescue_base import current_read
from mps_pain.domain.rotation.rescue_danger import above_danger, danger_words, times_words
from mps_pain.domain.rotation.rescue_rule import planned_rescue_rule
from mps_pain.domain.rotation.rescue_size import RescueSize, rescue_size
from mps_pain.domain.rotation.rounding import market_for
from mps_pain.numbers import format_span, pump_step
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.unit_kinds import time_unit_of
from mps_pain.units import format_number

__all__ = [
    "RESCUE_OUTSIDE_RULE",
    "Judged",
    "carried",
    "fits",
    "judged_rescues",
    "outside_warnings",
    "planner_gives",
    "rescue_fit_warnings",
]

RESCUE_OUTSIDE_RULE = "breakthrough-dose-outside-rule"
_REL = 1e-6
_BY_FRACTION = frozenset({"fraction", "patch-linked", "patch-unlinked"})


@dataclass(frozen=True)
class Judged:
    """One as-needed opioid dose judged by the fraction rule: its line, one dose in mg and the
    rule's numbers for it (``rescue_size``)."""

    line: DailyItem
    dose_mg: float
    size: RescueSize
    #: how far below the dose it stands for a regular rate written per hour may be (one pump
    #: step of it, as a fraction: the planner writes rates rounded down), so a rescue is judged
    #: against the top that dose gives (pharmacist re-check 20c, M-A)
    slack: float = 0.0
    #: judged by its top only: a plan whose rescue is an infusion's own bolus (JSPM: one hour of
    #: the rate, under the fraction rule's low end) is never "below"; a dose above 1/6 of the
    #: 24-h dose is above that bolus too (pharmacist re-check 20d, H-1: a 30 mg bolus beside 30
    #: mg/24 h read WITHIN under jspm-2010)
    ceiling_only: bool = False


def rescue_fit_warnings(
    tables: TableIndex,
    rules: RotationRules,
    request: CheckRequest,
    proposed: Sequence[DailyItem],
    current: Sequence[DailyItem],
    prn: str | None,
) -> list[ClinicalWarning]:
    """A caution for each proposed as-needed opioid dose outside ``rescue_size`` for the
    proposal's regular opioids beside the ``current`` regimen (``prn``: its as-needed choice):
    below both its low end and the planner's rounded dose, or above its high end; under the
    request's set and the market the planner would round to."""
    set_ = equianalgesic_set(tables, rules, request.table)
    found = judged_rescues(tables, rules, set_, request.market, proposed, current, prn)
    return outside_warnings(tables, rules, found, set_.output_label, kept=current)


def outside_warnings(
    tables: TableIndex,
    rules: RotationRules,
    found: Sequence[Judged],
    label: str,
    under: str | None = None,
    kept: Sequence[DailyItem] = (),
) -> list[ClinicalWarning]:
    """The warning of each judged dose outside its rule: the one wording of check, mme and
    rotate (clinician review 20, N2); ``under``: the name of the set it was judged under, where
    that is not the set the total is in (``mme`` under a risk-MME set). A danger above the
    program's multiple of the top (``rescue_danger``), else a caution; ``kept``: a check's
    current regimen, whose as-needed line written again as it is keeps the caution (the check's
    documented exception: it judges what the proposal changes, docs/cli-rotate.md)."""
    found = [j for j in found if not fits(j.size, j.dose_mg, j.slack, j.ceiling_only)]
    return [_outside(tables, rules, j, label, under, carried(j.line, kept)) for j in found]


def judged_rescues(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    market: str | None,
    proposed: Sequence[DailyItem],
    current: Sequence[DailyItem],
    prn: str | None,
) -> list[Judged]:
    """Each as-needed opioid dose of ``proposed`` the fraction rule judges, beside its regular
    opioids and the ``current`` regimen (the total's other side), under ``set_`` and the market
    the planner would round to; none where the plan's rescue is not the fraction rule."""
    regular = [d for d in proposed if d.is_opioid and not d.item.prn]
    rule = planned_rescue_rule(rules, regular, set_.id) if regular else "none"
    if rule not in _BY_FRACTION and rule != "infusion":
        return []
    now = current_read(tables, set_, rules, current, prn)  # the total's other side
    if now is None:
        return []
    choice = market_for(market, set_)
    # under the check's own rounding tolerance, strictly (a rescue 5% above its rule is above
    # it: test_rescue_above_rule_never_within); the 0.9 is to move to data/ (docs/reliability)
    slack = min(written_rate_slack(regular), rules.rounding.short_tolerance.fraction * 0.9)
    found: list[Judged] = []
    for line in (d for d in proposed if d.item.prn and d.is_opioid):
        dose_mg = line.item.dose_mg()
        if dose_mg is None or line.drug.id in rules.breakthrough.fraction_excludes:
            continue
        size = rescue_size(tables, rules, set_, choice, regular, line, now)
        if size is not None:
            found.append(Judged(line, dose_mg, size, slack, rule == "infusion"))
    return found


def fits(size: RescueSize, dose_mg: float, slack: float = 0.0, ceiling_only: bool = False) -> bool:
    """Whether one dose is inside the range (its top read with ``slack``), or at least the
    planner's own rounded dose; ``ceiling_only``: at most the top."""
    bt = size.bt
    assert bt.low is not None and bt.high is not None  # the fraction rule gives both ends
    lowest = min(bt.low.value, bt.dose.value if bt.dose else bt.low.value)
    lowest = 0.0 if ceiling_only else lowest
    return lowest * (1 - _REL) <= dose_mg <= bt.high.value * (1 + slack + _REL)


def written_rate_slack(regular: Sequence[DailyItem]) -> float:
    """One pump step of each regular rate written per hour, as a fraction of it (the largest):
    a plan's 24-h amount typed as the rate it prints is rounded down to a pump's step, and its
    own rescue had read above its rule beside it (pharmacist re-check 20c, M-A; the cases are in
    the tests). Patches and amounts per day have none."""
    slack = 0.0
    for line in regular:
        rate = line.item.rate
        if rate is None or line.item.route == "transdermal" or rate.value <= 0:
            continue
        if time_unit_of(rate.unit) == "h":
            slack = max(slack, pump_step(rate.value) / rate.value)
    return slack


def carried(line: DailyItem, current: Sequence[DailyItem]) -> bool:
    """Whether ``line`` is a current as-needed line as it is: its drug by its route at the same
    dose, however its form is written (left out, "oral solution" for "IR": fuzz review 17, D1)."""
    dose = line.item.dose_mg()
    return dose is not None and any(
        (d.drug.id, d.item.route) == (line.drug.id, line.item.route)
        and d.item.prn
        and d.item.dose_mg() is not None
        and abs((d.item.dose_mg() or 0) - dose) <= dose * _REL
        for d in current
    )


def planner_gives(dose_mg: float | None) -> str:
    """'; the planner gives 8 mg' (nothing where the planner gives no dose)."""
    return f"; the planner gives {format_number(dose_mg)} mg" if dose_mg else ""


def _outside(
    tables: TableIndex,
    rules: RotationRules,
    judged: Judged,
    label: str,
    under: str | None,
    again: bool,
) -> ClinicalWarning:
    line, dose_mg, size = judged.line, judged.dose_mg, judged.size
    bt_rules, bt = rules.breakthrough, size.bt
    assert bt.low is not None and bt.high is not None
    fraction = format_span(
        format_fraction(bt_rules.fraction_low), format_fraction(bt_rules.fraction_high)
    )
    planner = planner_gives(bt.dose.value if bt.dose else None)
    name = f"{line.drug.name.lower()} {line.item.route}"
    times = dose_mg / bt.high.value
    danger = not again and above_danger(rules, times)  # the check's (pharmacist 20c, L-A)
    said = (
        f" It is {times_words(rules, times)} times the top: {danger_words(rules)}."
        if danger
        else ""
    )
    sources = [bt_rules.citation, *([bt_rules.above_danger.citation] if danger else [])]
    return ClinicalWarning(
        code=RESCUE_OUTSIDE_RULE,
        severity="danger" if danger else "caution",
        message=(
            f"The as-needed {name} dose ({format_number(dose_mg)} mg) is outside the "
            f"breakthrough rule for the whole regular opioid dose, "
            f"{daily_amount(size.base_ome, label)}{f' under {under}' if under else ''} (as {name}, "
            f"{format_number(size.daily_mg)} mg/day): {fraction} of the 24-h "
            f"dose = {format_range(bt.low.value, bt.high.value)} mg per dose{planner}.{said} "
            "Adjust the as-needed dose to the regular dose."
        ),
        source="; ".join(tables.cite(c) for c in sources),
        item=line.index,
    )
