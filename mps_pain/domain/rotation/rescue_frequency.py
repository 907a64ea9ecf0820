"""The frequency of a breakthrough order, as the planner writes it by each rule: one place for
the planner (``breakthrough``) and for reading a plan back (``plan_rescue``, so `fhir export`
refuses a plan whose breakthrough frequency was edited: fuzz review 17, D6, "2 mg 10e1 mg" and
an as-needed order every hour were exported)."""

from __future__ import annotations

from mps_pain.tables.schema_rotation import BreakthroughRules, MethadoneBreakthrough
from mps_pain.units import format_number

__all__ = [
    "AS_NEEDED_METHOD",
    "fraction_frequency",
    "methadone_frequency",
    "rule_frequencies",
]

AS_NEEDED_METHOD = "as needed: the method itself is as-needed only"
"""A methadone method given as needed only: its own dose is the as-needed order."""


def fraction_frequency(rules: BreakthroughRules, route: str) -> str:
    """A fraction-of-the-day rescue: as needed, a bolus by an injected route, else a dose."""
    how = "bolus" if route in ("iv", "sc", "im") else "dose"
    return f"{rules.frequency} ({how})"


def methadone_frequency(rule: MethadoneBreakthrough) -> str:
    """The as-needed methadone order with its sourced maximum in 24 h (pharmacist review 5, D1:
    no as-needed methadone order without both; review 7, D2: never derived from the interval)."""
    assert rule.max_doses_per_day is not None  # open_ended orders are never made
    return f"{rule.frequency} (at most {format_number(rule.max_doses_per_day)} doses in 24 h)"


def rule_frequencies(rules: BreakthroughRules, rule: str, route: str) -> tuple[str, ...]:
    """Every frequency the planner writes for a breakthrough order with a dose by ``rule`` (a
    ``rescue_rule.RescueRule``, which imports the planner's step: named, not imported);
    ``route``: the order's. None for a rule that gives no number."""
    if rule == "methadone":
        return (methadone_frequency(rules.methadone), AS_NEEDED_METHOD)
    if rule == "patch-linked":
        return (rules.frequency,)
    if rule == "infusion" and rules.infusion_rescue is not None:
        return (rules.infusion_rescue.frequency,)
    if rule == "fraction":
        return (fraction_frequency(rules, route),)
    return ()
