"""Which breakthrough rule the switching plan applies to a proposal's regular opioid, and the
check's words for it (pharmacist re-check 15b, #12).

The planner's step 6 (``planner_output._breakthrough_rule`` by ``rescue_rule``, and
``planner_methadone``) gives, in
this order: methadone its own rule (none while no source gives a maximum in 24 h: agreed with
the specialist); a patch its linked oral morphine (a fentanyl patch) or no linked number (another
patch); an infusion under a set that names it the 1-hour amount as a bolus; a drug the fraction
rule's source excludes (fentanyl) no number; any other the fraction rule, 1/10–1/6 of the 24-h
dose. The check reads the same rules from the same data, so its caution for a proposal with no
as-needed line says what the plan for that target gives, and ``rescue_fraction`` judges a
proposed as-needed dose by the fraction rule only where the plan would use it. The property in
``tests/clinical/test_no_rescue_caution_follows_plan.py`` holds the two together for every plan.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.breakthrough import format_fraction
from mps_pain.domain.rotation.breakthrough_infusion import infusion_rescue_applies
from mps_pain.domain.rotation.context import Target
from mps_pain.numbers import format_percent, format_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import BreakthroughRules, RotationRules
from mps_pain.units import format_number

__all__ = [
    "PlannedRescue",
    "RescueRule",
    "methadone_rescue_rule",
    "planned_rescue",
    "planned_rescue_rule",
    "rescue_rule",
]

RescueRule = Literal[
    "methadone-agreed", "methadone", "patch-linked", "patch-unlinked", "infusion", "none",
    "fraction",
]  # fmt: skip


def _target(d: DailyItem) -> Target:
    return Target(d.drug, d.item.route, d.form, d.item.route == "transdermal", True)


def rescue_rule(bt: BreakthroughRules, target: Target, infused: bool, set_id: str) -> RescueRule:
    """The plan's breakthrough rule for one regular opioid ``target`` (methadone aside: its own
    rule, ``planner_methadone``); ``infused``: given at a rate. The planner's step 6
    (``planner_output``) and the check both call it: one rule."""
    if target.is_patch:
        linked = target.drug.id == bt.patch_alternative.for_drug
        return "patch-linked" if linked else "patch-unlinked"
    if infused and infusion_rescue_applies(bt, target, set_id):
        return "infusion"
    return "none" if target.drug.id in bt.fraction_excludes else "fraction"


def methadone_rescue_rule(rules: RotationRules, drug_ids: Collection[str]) -> RescueRule | None:
    """Methadone's own rule when a regular line (``drug_ids``) is methadone: none by a number
    while no source gives its maximum in 24 h (agreed with the specialist); else None. The
    plan's rule and the check's judging of a rescue beside methadone both read it."""
    if rules.methadone.drug not in drug_ids:
        return None
    return "methadone-agreed" if rules.breakthrough.methadone.open_ended else "methadone"


def planned_rescue_rule(
    rules: RotationRules, regular: Sequence[DailyItem], set_id: str
) -> RescueRule:
    """The plan's breakthrough rule for the regular opioid lines ``regular`` (not empty): the
    first patch's, else the first infusion's with a rule of its own, else the first line's."""
    bt = rules.breakthrough
    own = methadone_rescue_rule(rules, {d.drug.id for d in regular})
    if own is not None:
        return own
    patches = [d for d in regular if d.item.route == "transdermal"]
    infusions = [
        d
        for d in regular
        if d.item.rate is not None and infusion_rescue_applies(bt, _target(d), set_id)
    ]
    chosen = (patches or infusions or list(regular))[0]
    return rescue_rule(bt, _target(chosen), chosen.item.rate is not None, set_id)


@dataclass(frozen=True)
class PlannedRescue:
    """What the plan gives (``gives``: a rule's number), in words, and its citation."""

    gives: bool
    words: str
    source: str | None


def planned_rescue(
    tables: TableIndex, rules: RotationRules, regular: Sequence[DailyItem], set_id: str
) -> PlannedRescue:
    """The words of ``planned_rescue_rule`` for the no-breakthrough caution."""
    bt = rules.breakthrough
    rule = planned_rescue_rule(rules, regular, set_id)
    fraction = format_span(format_fraction(bt.fraction_low), format_fraction(bt.fraction_high))
    if rule == "methadone-agreed":
        return PlannedRescue(
            False,
            "no source found gives a breakthrough dose on methadone, so the switching plan "
            "gives none: agree the breakthrough opioid, its dose, minimum interval and maximum "
            "in 24 h with the palliative care specialist before the first dose",
            tables.cite(bt.methadone.no_maximum.citation),
        )
    if rule == "methadone":
        share = format_percent(bt.methadone.fraction)
        words = f"{share} of the methadone 24-h dose, {bt.methadone.frequency}"
        return PlannedRescue(True, words, tables.cite(bt.methadone.citation))
    if rule == "patch-linked":
        per = format_number(bt.patch_alternative.mg_per_mcg_per_h)
        words = f"oral morphine as needed linked to the patch, {per} mg per mcg/h of the patch"
        return PlannedRescue(True, words, tables.cite(bt.patch_alternative.citation))
    if rule == "patch-unlinked":
        words = (
            "no source found gives one linked to this patch; the switching plan gives "
            f"{fraction} of the patch's 24-h dose in another opioid where it can: otherwise "
            "agree it with the palliative care team"
        )
        return PlannedRescue(False, words, tables.cite(bt.citation))
    if rule == "infusion":
        rescue = bt.infusion_rescue
        assert rescue is not None  # infusion_rescue_applies
        words = f"the {format_number(rescue.hours)}-hour amount of the infusion, {rescue.frequency}"
        return PlannedRescue(True, words, tables.cite(rescue.citation))
    if rule == "none":
        note = bt.excluded_note
        words = (
            f"the {fraction} rule's source excludes {regular[0].drug.name.lower()}, and no "
            "source of this set gives its breakthrough dose by this route, so the switching "
            "plan gives none: agree it with the palliative care team before the first dose"
        )
        return PlannedRescue(False, words, tables.cite(note.citation) if note else None)
    words = f"{fraction} of the 24-h dose as needed"
    return PlannedRescue(True, words, tables.cite(bt.citation))
