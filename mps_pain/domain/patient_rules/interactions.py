"""Drug-class combinations (top-level ``class_rules``: opioid + benzodiazepine, opioid +
gabapentinoid, two NSAIDs, opioid + ketamine) and, for a switch, the co-infused non-opioids that
stay in the regimen unchanged (``rotation.co_infusions``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import cast

from mps_pain.domain.memo import remembered
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules.uses import DrugUse
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules

__all__ = ["class_rule_warnings", "co_infusion_warnings"]


_KEPT = 50_000


def class_rule_warnings(tables: TableIndex, given: Sequence[DrugUse]) -> list[ClinicalWarning]:
    """The class rules the drugs given meet. The answer depends only on each use's drug and row
    (not its route or role), and only on the uses whose drug is in a class some rule requires,
    so it is remembered per table by those (``domain.memo``) when the drugs are the table's
    own."""
    drugs = tables.drugs
    # a drug in none of the classes the rules name changes no rule's answer: left out of the
    # key (and of the computation), so regimens that differ only in such drugs share it
    named = _named_classes(tables)
    relevant: list[DrugUse] = []
    key_parts: list[tuple[str, int | None]] = []
    for use in given:  # one pass: the drugs are the table's own, and which uses count
        drug = use.drug
        if drugs.get(drug.id) is not drug:
            return _class_rule_warnings(tables, given)
        if not named.isdisjoint(drug.classes):
            relevant.append(use)
            key_parts.append((drug.id, use.item))
    key = tuple(key_parts)
    found = remembered(
        tables,
        "class_rule_warnings",
        key,
        lambda: tuple(_class_rule_warnings(tables, relevant)),
        _KEPT,
    )
    return list(found)


def _named_classes(tables: TableIndex) -> frozenset[str]:
    """The drug classes some class rule requires (once per table)."""
    found = tables.memo.get("class_rule_classes")
    if found is None:
        rules = tables.tables.class_rules
        named = frozenset(req.drug_class for rule in rules for req in rule.requires)
        found = tables.memo["class_rule_classes"] = {"named": named}
    return cast(frozenset[str], found["named"])


def _class_rule_warnings(tables: TableIndex, given: Sequence[DrugUse]) -> list[ClinicalWarning]:
    members: dict[str, list[DrugUse]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()  # (class, drug id): each drug once per class
    for use in given:
        for drug_class in use.drug.classes:
            if (drug_class, use.drug.id) not in seen:
                seen.add((drug_class, use.drug.id))
                members[drug_class].append(use)
    warnings = []
    for rule in tables.tables.class_rules:
        if all(len(members.get(req.drug_class, ())) >= req.at_least for req in rule.requires):
            involved = [u for req in rule.requires for u in members[req.drug_class]]
            names = ", ".join(dict.fromkeys(u.drug.name for u in involved))
            warnings.append(
                ClinicalWarning(
                    code=rule.code,
                    severity=rule.severity,
                    message=f"{rule.message} ({names})",
                    source=tables.cite(rule.citation),
                    item=involved[-1].item,
                )
            )
    return warnings


def co_infusion_warnings(
    tables: TableIndex, rules: RotationRules, kept: Sequence[DailyItem]
) -> list[ClinicalWarning]:
    warnings = []
    for rule in rules.co_infusions:
        for daily in kept:
            if rule.drug_class in daily.drug.classes:
                warnings.append(
                    ClinicalWarning(
                        code=f"co-infusion-{rule.drug_class.replace('_', '-')}",
                        severity="caution",
                        message=f"{daily.drug.name} stays in the regimen unchanged: {rule.message}",
                        source=tables.cite(rule.citation),
                        item=daily.index,
                    )
                )
    return warnings
