"""Which drug and route a switching plan's breakthrough order is, by the rule the planner used
(``rescue_rule``, and methadone's own): read back from a plan, so a plan edited after it was
made (a breakthrough of another drug or by another route than the rule gives) is told apart
from one the planner could have made (pharmacist re-check 16b, #9: `fhir export` checked only
the breakthrough's dose number); and its frequency, as the rule writes it (fuzz review 17, D6)."""

from __future__ import annotations

from dataclasses import dataclass

from mps_pain.domain.rotation.context import Target, rotation_rules
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.rescue_frequency import rule_frequencies
from mps_pain.domain.rotation.rescue_rule import methadone_rescue_rule, rescue_rule
from mps_pain.tables.index import TableIndex

__all__ = ["PlanRescue", "plan_rescue"]


@dataclass(frozen=True)
class PlanRescue:
    """The breakthrough order the plan's rule gives: its drug id and route, or none by a number
    (``why`` says which rule gives none)."""

    drug: str | None
    route: str | None
    why: str
    frequencies: tuple[str, ...] = ()
    """The frequencies the rule writes for the order (``rescue_frequency``); none: no number."""


def plan_rescue(tables: TableIndex, plan: RotationPlan) -> PlanRescue:
    """The drug and route of the breakthrough order the planner's rule gives for the plan's
    regimen under the plan's set: methadone its own (oral methadone, or none while it is agreed
    with the specialist); a fentanyl patch its linked oral drug; an infusion or any other opioid
    the regimen's own drug by its own route; a patch with no linked table, or a drug the
    fraction rule's source excludes, none."""
    rules = rotation_rules(tables)
    regimen = plan.regimen
    drug = tables.resolve_drug(regimen.drug, location="regimen.drug")
    said = f"{drug.id} {regimen.route}"
    own = methadone_rescue_rule(rules, {drug.id})
    if own == "methadone":
        written = rule_frequencies(rules.breakthrough, own, "oral")
        return PlanRescue(drug.id, "oral", f"methadone's own rule for {said}", written)
    if own is not None:
        return PlanRescue(None, None, f"no number beside {said}: agreed with the specialist")
    patch = regimen.route == "transdermal"
    infused = regimen.rate is not None and not patch
    target = Target(drug, regimen.route, regimen.form, patch, infused)
    bt = rules.breakthrough
    rule = rescue_rule(bt, target, infused, plan.table.id)
    if rule == "patch-linked":
        linked = bt.patch_alternative
        written = rule_frequencies(bt, rule, linked.route)
        return PlanRescue(
            linked.drug, linked.route, f"the rule linked to the {said} patch", written
        )
    if rule in ("infusion", "fraction"):
        written = rule_frequencies(bt, rule, regimen.route)
        return PlanRescue(drug.id, regimen.route, f"the breakthrough rule for {said}", written)
    return PlanRescue(None, None, f"no breakthrough dose by a number for {said}")
