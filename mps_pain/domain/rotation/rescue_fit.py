"""The check's caution for a proposed rescue whose size is outside the breakthrough rule
(clinician review 12, #7), judged against the one base of ``rescue_size``: the whole proposed
regular opioid dose, not the line of the rescue's own drug (pharmacist re-check 16b, #5).

The caution is given where the switching plan's rescue for the proposal's regular opioids is the
fraction rule (``planned_rescue_rule``): a patch too (its linked oral morphine lies inside the
range; a patch with no linked table has the fraction rule's alternative). Not an infusion under a
set whose rescue is the 1-hour amount (JSPM), a fentanyl regular line the rule's source excludes,
methadone (agreed with the specialist), nor a fentanyl rescue (the source's "except fentanyl").
Beside an infusion under JSPM a rescue is judged by its top only: 1/6 of the 24-h dose, or, for
a rescue the fraction rule excludes (fentanyl), the set's own 1-hour bolus (``rescue_bolus``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.breakthrough import format_fraction
from mps_pain.domain.rotation.context import equianalgesic_set
from mps_pain.domain.rotation.models import Breakthrough
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.domain.rotation.rescue_base import current_read
from mps_pain.domain.rotation.rescue_bolus import bolus_judges, bolus_rule, bolus_words
from mps_pain.domain.rotation.rescue_danger import (
    RESCUE_OUTSIDE_RULE,
    above_danger,
    danger_ceiling,
    danger_words,
    times_words,
)
from mps_pain.domain.rotation.rescue_rule import planned_rescue_rule
from mps_pain.domain.rotation.rescue_size import RescueSize, rescue_size
from mps_pain.domain.rotation.rescue_unsized import ceiling_warning, unsized_rescue_warnings
from mps_pain.domain.rotation.rounding import market_for
from mps_pain.numbers import dose_span_text, dose_text, format_span, pump_step
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.unit_kinds import time_unit_of

__all__ = [
    "RESCUE_OUTSIDE_RULE",
    "Judged",
    "carried",
    "fits",
    "fraction_top_words",
    "judged_rescues",
    "mg_text",
    "outside_warnings",
    "planner_gives",
    "rescue_fit_warnings",
    "rule_range",
    "rule_words",
]

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
    #: the set's own bolus that sets the top of a rescue the fraction rule excludes (fentanyl
    #: beside a JSPM infusion, ``rescue_bolus``; pharmacist re-check 20d, H-1): None, the
    #: fraction rule's (``size.bt``), which still sets the danger
    bolus: Breakthrough | None = None
    #: a rescue no source of the set sizes (a drug of ``fraction_excludes`` the set's bolus does
    #: not judge): judged by its top only, the program's danger ceiling (``danger_ceiling``, mg
    #: per dose), and only above it (pharmacist re-check 21b, N-2); None for a sized rescue
    ceiling_mg: float | None = None

    @property
    def rule(self) -> Breakthrough:
        """The rule the dose is judged by: the bolus, else the fraction rule."""
        return self.bolus or self.size.bt


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
    unsized = unsized_rescue_warnings(tables, rules, set_.id, proposed, over_ceiling(found))
    return [*outside_warnings(tables, rules, found, set_.output_label, kept=current), *unsized]


def over_ceiling(found: Sequence[Judged]) -> frozenset[int]:
    """The rows of the rescues no source sizes that lie above the danger ceiling: their danger
    is said instead of the not-sized caution (pharmacist re-check 21b, N-2)."""
    return frozenset(j.line.index for j in found if j.ceiling_mg is not None and not fits(j))


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
    program's multiple of the fraction rule's top (``rescue_danger``), else a caution; ``kept``:
    a check's current regimen, whose as-needed line written again as it is keeps the caution
    (the check's documented exception: it judges what the proposal changes, docs/cli-rotate.md)."""
    found = [j for j in found if not fits(j)]
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
    if rule not in _BY_FRACTION and rule not in ("infusion", "none"):
        return []
    now = current_read(tables, set_, rules, current, prn)  # the total's other side
    if now is None:
        return []
    choice = market_for(market, set_)
    # under the check's own rounding tolerance, strictly (a rescue 5% above its rule is above
    # it: test_rescue_above_rule_never_within), by the share the tables give
    rounding = rules.rounding
    cap = rounding.short_tolerance.fraction * rounding.rescue_rate_slack.of_tolerance
    slack = min(written_rate_slack(regular), cap)
    found: list[Judged] = []
    for line in (d for d in proposed if d.item.prn and d.is_opioid):
        dose_mg = line.item.dose_mg()
        excluded = line.drug.id in rules.breakthrough.fraction_excludes
        unsized = excluded and not bolus_judges(rule, line)  # only the danger ceiling bounds it
        if dose_mg is None or (rule == "none" and not unsized):
            continue  # beside a regular line the rule's source excludes: no rule sizes it
        size = rescue_size(tables, rules, set_, choice, regular, line, now)
        if size is not None:
            found.append(_judged(tables, rules, line, dose_mg, size, slack, rule, unsized))
    return found


def _judged(
    tables: TableIndex,
    rules: RotationRules,
    line: DailyItem,
    dose_mg: float,
    size: RescueSize,
    slack: float,
    rule: str,
    unsized: bool,
) -> Judged:
    """One rescue's judgement: by the set's bolus (a fentanyl rescue beside a JSPM infusion), by
    the danger ceiling only (one no source of the set sizes), else by the fraction rule."""
    excluded = line.drug.id in rules.breakthrough.fraction_excludes
    bolus = bolus_rule(tables, rules, line, size) if excluded and not unsized else None
    top = size.bt.high
    ceiling = danger_ceiling(rules, top.value) if unsized and top is not None else None
    only_top = rule == "infusion" or unsized
    return Judged(line, dose_mg, size, slack, only_top, bolus, ceiling)


def fits(judged: Judged) -> bool:
    """Whether one dose is inside its rule's range (its top read with the slack), or at least
    the planner's own rounded dose; judged by its top only (``ceiling_only``): at most the top."""
    bt, dose_mg = judged.rule, judged.dose_mg
    assert bt.high is not None  # the fraction rule and the bolus both give a top
    top = (judged.ceiling_mg or bt.high.value) * (1 + judged.slack + _REL)
    if judged.ceiling_only:
        return dose_mg <= top
    assert bt.low is not None  # the fraction rule gives both ends
    lowest = min(bt.low.value, bt.dose.value if bt.dose else bt.low.value)
    return lowest * (1 - _REL) <= dose_mg <= top


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


def rule_words(rules: RotationRules, judged: Judged) -> str:
    """The rule's words as a share of the 24-h dose: '1/10–1/6', or 'the 1-hour amount'."""
    if judged.bolus is not None:
        return bolus_words(rules)
    bt = rules.breakthrough
    return format_span(format_fraction(bt.fraction_low), format_fraction(bt.fraction_high))


def planner_gives(dose_mg: float | None) -> str:
    """'; the planner gives 8 mg' (nothing where the planner gives no dose)."""
    return f"; the planner gives {mg_text(dose_mg)}" if dose_mg else ""


def mg_text(dose_mg: float) -> str:
    """A rescue-size judgement's dose, mg read by ``dose_text`` (below 1 mg in micrograms)."""
    return dose_text(dose_mg, "mg")


def rule_range(low_mg: float, high_mg: float) -> str:
    """A rule's range of mg per dose, by ``dose_span_text`` to 3 significant figures (a dose
    rounded down from the top never reads above it): '5–8.33 mg', '25 micrograms'."""
    return dose_span_text(low_mg, high_mg, "mg", significant=3)


def _outside(
    tables: TableIndex,
    rules: RotationRules,
    judged: Judged,
    label: str,
    under: str | None,
    again: bool,
) -> ClinicalWarning:
    line, dose_mg, size = judged.line, judged.dose_mg, judged.size
    if judged.ceiling_mg is not None:  # no source sizes it: the program's ceiling only
        return ceiling_warning(tables, rules, line, size, label, under, danger=not again)
    bt_rules, bt = rules.breakthrough, judged.rule
    assert bt.high is not None
    low = bt.low or bt.high  # the bolus is one amount
    fraction = rule_words(rules, judged)
    planner = planner_gives(bt.dose.value if bt.dose else None)
    name = f"{line.drug.name.lower()} {line.item.route}"
    said = "" if again else _danger_said(rules, judged)  # the check's (pharmacist 20c, L-A)
    source = bt.source if judged.bolus else tables.cite(bt_rules.citation)
    sources = [source, *([tables.cite(bt_rules.above_danger.citation)] if said else [])]
    return ClinicalWarning(
        code=RESCUE_OUTSIDE_RULE,
        severity="danger" if said else "caution",
        message=(
            f"The as-needed {name} dose ({mg_text(dose_mg)}) is outside the "
            f"breakthrough rule for the whole regular opioid dose, "
            f"{daily_amount(size.base_ome, label)}{f' under {under}' if under else ''} (as {name}, "
            f"{mg_text(size.daily_mg)}/day): {fraction} of the 24-h "
            f"dose = {rule_range(low.value, bt.high.value)} per dose{planner}.{said} "
            "Adjust the as-needed dose to the regular dose."
        ),
        source="; ".join(s for s in sources if s),
        item=line.index,
    )


def _danger_said(rules: RotationRules, judged: Judged) -> str:
    """' It is N times the top: more than M times the top is a danger.' where the dose is a
    danger (``rescue_danger``, against the fraction rule's top whichever rule sets the top: a
    bolus's is named); else nothing."""
    top = judged.size.bt.high
    if top is None or not above_danger(rules, times := judged.dose_mg / top.value):
        return ""
    of = "" if judged.bolus is None else fraction_top_words(rules, top.value)
    return f" It is {times_words(rules, times)} times the top{of}: {danger_words(rules)}."


def fraction_top_words(rules: RotationRules, top_mg: float) -> str:
    """' of the 1/10–1/6 rule (0.1 mg)': the fraction rule's top a danger is read against where
    another rule (a bolus) sets the rescue's own top; one wording for the caution and the
    check's reason."""
    bt = rules.breakthrough
    fractions = format_span(format_fraction(bt.fraction_low), format_fraction(bt.fraction_high))
    return f" of the {fractions} rule ({rule_range(top_mg, top_mg)})"
