"""The top of a rescue the 1/6 rule's source excludes (fentanyl) beside an infusion under a set
whose own rule for an infusion's rescue is its 1-hour amount as a bolus (JSPM 2010, chapter 3,
recommendation 21; ``breakthrough.infusion_rescue``).

The check judged such a rescue by nothing (pharmacist re-check 20d, H-1: 250 mcg of IV fentanyl
beside 25 mcg/h read WITHIN): the fraction rule does not apply to it, and it had been skipped.
The set's own rule does: the rescue is read against the switching plan's own bolus, from the
planner's own function (``breakthrough_for_infusion``), for an infusion of the rescue's drug by
its route giving the whole regular dose (``rescue_size``'s one base). Judged by its top only
(never "below": the bolus is a pump's, with no floor), with the check's slack for a rate written
per hour; the danger is the one rule of every rescue, more than ``above_danger.multiple`` times
the fraction rule's top (``rescue_above``), since twice the 1-hour amount lies inside the sourced
fractions. Under a set without the rule the plan gives no fentanyl rescue and none is judged
(``excluded_note``)."""

from __future__ import annotations

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.breakthrough_infusion import breakthrough_for_infusion
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.models import Breakthrough
from mps_pain.domain.rotation.rescue_size import RescueSize
from mps_pain.domain.rotation.shaped import INJECTED_ROUTES, injected_grid
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number, scale

__all__ = ["bolus_judges", "bolus_rule", "bolus_words"]


def bolus_judges(rule: str, line: DailyItem) -> bool:
    """Whether the set's bolus judges the rescue ``line``: the plan's rule for the regular lines
    is the infusion's own (``planned_rescue_rule``), and the rescue is injected (the rule is a
    bolus of an IV or SC infusion; a buccal fentanyl rescue is not its)."""
    return rule == "infusion" and line.item.route in INJECTED_ROUTES


def bolus_rule(
    tables: TableIndex, rules: RotationRules, line: DailyItem, size: RescueSize
) -> Breakthrough:
    """The planner's own rescue for an infusion of ``line``'s drug by its route at the whole
    regular dose (``size.daily_mg`` mg a day): its 1-hour amount (``high``), rounded down by
    the injected grid (``dose``), in mg."""
    target = Target(line.drug, line.item.route, line.form, is_patch=False, is_continuous=True)
    rate = Amount(value=size.daily_mg * scale("mg/day", "mg/h"), unit="mg/h")
    grid = injected_grid(rules.rounding)
    return breakthrough_for_infusion(tables, rules.breakthrough, target, rate, grid)


def bolus_words(rules: RotationRules) -> str:
    """'the 1-hour amount': the rule's words where a fraction's would stand."""
    rescue = rules.breakthrough.infusion_rescue
    assert rescue is not None  # a bolus is judged only under a set with the rule
    return f"the {format_number(rescue.hours)}-hour amount"
