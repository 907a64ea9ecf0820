"""The check's headline for a proposed as-needed dose above its breakthrough rule (clinician
review 20, N1: "200 mg as needed, 0 a day" beside morphine SC 50 mg/24 h read "Verdict:
WITHIN", green, on the PDF's signature page too). The rescue heads the headline, whatever the
amount's verdict: which dose, by how much it is above the rule's top, and what the rule gives;
a caution, or a danger beyond the program's own multiple of the top (``RescueAbove.danger``).
The JSON, the text, the app and the PDF all read this one headline."""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.form_words import product_label
from mps_pain.domain.regimen import RegimenItem
from mps_pain.domain.rotation.breakthrough import format_fraction
from mps_pain.domain.rotation.check_result import CheckResult, RescueAbove
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.rescue_above import RESCUE_ABOVE
from mps_pain.domain.rotation.rescue_danger import danger_words, times_words
from mps_pain.domain.rotation.rescue_fit import mg_text, planner_gives, rule_range
from mps_pain.domain.rotation.rescue_unsized import not_sized_words
from mps_pain.presentation.orders import RESCUE_MARK
from mps_pain.presentation.wording import percent_figure
from mps_pain.tables.loader import get_tables
from mps_pain.tables.schema import Severity

__all__ = [
    "RESCUE_ABOVE_CELL",
    "RESCUE_CELL",
    "RESCUE_LABEL",
    "breakthrough_orders",
    "rescue_headline",
    "times_the_top",
]

RESCUE_LABEL = "RESCUE ABOVE ITS RULE"
#: the hover words of a proposed row's OME cell, "breakthrough" whatever its verdict: a rescue
#: order within its rule (the orders list's words) or one above it with none taken (review 21)
RESCUE_CELL = f"{RESCUE_MARK[:1].upper()}{RESCUE_MARK[1:]} (see the check's reasons)."
RESCUE_ABOVE_CELL = (
    "Breakthrough order above its rule, none taken a day: it adds nothing to the proposed "
    "amount; write it within the rule (see the check's reasons)."
)
_WITHIN = "the regular dose is within its range"


def breakthrough_orders(result: CheckResult, proposed: Sequence[RegimenItem]) -> dict[int, str]:
    """The rows of ``proposed`` (the order as written) the check judges by the breakthrough
    rule, whatever their verdict, each with its hover words: its rescue orders, set aside as
    within their rule, and each as-needed dose above its rule with none taken a day, which the
    verdict sums nothing for (clinician review 21, N7: the row read "0" while oversized,
    "breakthrough" once within). An oversized rescue with doses taken is summed: its row shows
    the amount."""
    taken = {i: item.doses_per_day for i, item in enumerate(proposed)}
    above = {r.index: RESCUE_ABOVE_CELL for r in result.rescues_above if taken.get(r.index) == 0}
    return above | dict.fromkeys(result.proposed_rescues, RESCUE_CELL)


def rescue_headline(
    result: CheckResult,
    label: str,
    sentence: str,
    severity: Severity,
    verdict: str,
    first: Sequence[tuple[str, str]] = (),
) -> tuple[str, str, Severity, str]:
    """The headline: each rescue above its rule first, then the dangers ``first`` (label and
    sentence each), then the amount (``label``, ``sentence``, ``severity``, view ``verdict``)
    said once (fuzz review 21, D4: "The amount:" twice, with two verdicts). Unchanged without
    either."""
    rescue = _rescue_said(result)
    named = [*([(RESCUE_LABEL, rescue)] if rescue else []), *first]
    if first:  # the amount beside a rescue above its rule is never "WITHIN" (review 20, N1)
        amount = _WITHIN if result.verdict == RESCUE_ABOVE else f"amount {label}"
        label = f"{' · '.join(n for n, _ in named)} ({amount})"
        sentence = f"{' '.join(said for _, said in named)} The amount: {sentence}"
    elif rescue:  # the amount alone: within, or its own verdict
        within = result.verdict == RESCUE_ABOVE and severity != "danger"
        label = f"{RESCUE_LABEL} ({_WITHIN})" if within else f"{RESCUE_LABEL} · {label}"
        sentence = f"{rescue} The amount: {_WITHIN + '.' if within else sentence}"
    if not rescue or severity == "danger":
        return label, sentence, severity, verdict
    if any(r.danger for r in result.rescues_above):
        return label, sentence, "danger", "danger"
    return label, sentence, "caution", verdict if severity == "caution" else RESCUE_ABOVE


def _rescue_said(result: CheckResult) -> str | None:
    """Every rescue above its rule in words, DANGER first where one is beyond the program's own
    multiple of the rule's top; None without one."""
    if not result.rescues_above:
        return None
    danger = any(r.danger for r in result.rescues_above)
    said = " ".join(_one(r) for r in result.rescues_above)
    return f"{'DANGER: ' if danger else ''}{said} Write it within the rule, whatever its count."


def times_the_top(rescue: RescueAbove) -> str:
    """How many times the rule's top ``rescue`` is, as computed (``rescue_danger.times_words``,
    the one formatting of the multiple)."""
    return times_words(rotation_rules(get_tables()), rescue.times)


def _one(rescue: RescueAbove) -> str:
    """'The as-needed morphine sc dose, 200 mg, is 24 times the top of the breakthrough rule:
    1/10–1/6 of the 24-h regular dose (50 mg/day as morphine sc) = 5–8.33 mg; the planner
    gives 8 mg.'"""
    name = product_label(rescue.drug, rescue.route)
    by = (
        f"{times_the_top(rescue)} times the top"
        if rescue.times >= 2
        else f"{percent_figure((rescue.times - 1) * 100)}% above the top"
    )
    planner = planner_gives(rescue.planner_mg)
    rule = rule_range(rescue.low_mg, rescue.high_mg)  # the caution's own figures
    regular = f"{mg_text(rescue.regular_mg_per_day)}/day as {name}"
    if not rescue.sized:  # no source sizes it: the program's danger ceiling only (21b, N-2)
        rules = rotation_rules(get_tables())
        top = format_fraction(rules.breakthrough.fraction_high)
        rule = rule_range(rescue.high_mg, rescue.high_mg)  # the ceiling's fraction top
        return (
            f"The as-needed {name} dose, {mg_text(rescue.dose_mg)}, is not sized: "
            f"{not_sized_words(rescue.drug)}. It is {times_the_top(rescue)} times {top} of the "
            f"24-h regular dose ({regular}) = {rule} per dose: this program's own ceiling, "
            f"{danger_words(rules)}."
        )
    return (
        f"The as-needed {name} dose, {mg_text(rescue.dose_mg)}, is {by} of the breakthrough "
        f"rule: {rescue.fractions} of the 24-h regular dose ({regular}) = {rule} per dose"
        f"{planner}."
    )
