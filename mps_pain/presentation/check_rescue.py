"""The check's headline for a proposed as-needed dose above its breakthrough rule (clinician
review 20, N1: "200 mg as needed, 0 a day" beside morphine SC 50 mg/24 h read "Verdict:
WITHIN", green, on the PDF's signature page too). The rescue heads the headline, whatever the
amount's verdict: which dose, by how much it is above the rule's top, and what the rule gives;
a caution, or a danger beyond the program's own multiple of the top (``RescueAbove.danger``).
The JSON, the text, the app and the PDF all read this one headline."""

from __future__ import annotations

from mps_pain.domain.form_words import product_label
from mps_pain.domain.rotation.breakthrough import format_range
from mps_pain.domain.rotation.check_result import CheckResult, RescueAbove
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.rescue_above import RESCUE_ABOVE
from mps_pain.domain.rotation.rescue_danger import times_words
from mps_pain.domain.rotation.rescue_fit import planner_gives
from mps_pain.presentation.wording import number, percent_figure
from mps_pain.tables.loader import get_tables
from mps_pain.tables.schema import Severity

__all__ = ["RESCUE_LABEL", "rescue_headline", "times_the_top"]

RESCUE_LABEL = "RESCUE ABOVE ITS RULE"
_WITHIN = "the regular dose is within its range"


def rescue_headline(
    result: CheckResult, label: str, sentence: str, severity: Severity, verdict: str
) -> tuple[str, str, Severity, str]:
    """The headline with each rescue above its rule first (unchanged without one)."""
    if not result.rescues_above:
        return label, sentence, severity, verdict
    danger = any(r.danger for r in result.rescues_above)
    said = " ".join(_one(r) for r in result.rescues_above)
    said = f"{'DANGER: ' if danger else ''}{said} Write it within the rule, whatever its count."
    if result.verdict == RESCUE_ABOVE and severity != "danger":  # the amount alone is within
        label, sentence = f"{RESCUE_LABEL} ({_WITHIN})", f"{said} The amount: {_WITHIN}."
    else:
        label, sentence = f"{RESCUE_LABEL} · {label}", f"{said} The amount: {sentence}"
    if severity == "danger":
        return label, sentence, severity, verdict
    if danger:
        return label, sentence, "danger", "danger"
    return label, sentence, "caution", verdict if severity == "caution" else RESCUE_ABOVE


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
    rule = f"{format_range(rescue.low_mg, rescue.high_mg)} mg"  # the caution's own figures
    regular = f"{number(rescue.regular_mg_per_day)} mg/day as {name}"
    return (
        f"The as-needed {name} dose, {number(rescue.dose_mg)} mg, is {by} of the breakthrough "
        f"rule: {rescue.fractions} of the 24-h regular dose ({regular}) = {rule} per dose"
        f"{planner}."
    )
