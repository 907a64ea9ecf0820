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
from mps_pain.tables.schema import ClassRule
from mps_pain.tables.schema_rotation import InteractionRule, RotationRules
from mps_pain.tables.schema_types import Citation, Severity

__all__ = ["class_rule_warnings", "co_infusion_warnings"]


_KEPT = 50_000


def class_rule_warnings(
    tables: TableIndex, given: Sequence[DrugUse], palliative: bool = False
) -> list[ClinicalWarning]:
    """The class rules the drugs given meet, in a rule's palliative words and source for a
    ``palliative`` patient where it has them (``_worded``). Which rules fire, the drugs they
    name and which of the uses is the warning's row depend only on the drugs in a class some
    rule requires, in order (not on routes, roles or rows): that verdict is remembered per
    table by those drugs' ids, and each warning by its rule, names, row and ``palliative``
    (``domain.memo``), when the drugs are the table's own. A regimen with no such pair of
    classes makes no warning object at all."""
    drugs = tables.drugs
    # a drug in none of the classes the rules name changes no rule's answer: left out of the
    # key (and of the computation), so regimens that differ only in such drugs share it
    named = _named_classes(tables)
    relevant: list[DrugUse] = []
    relevant_ids: list[str] = []
    for use in given:  # one pass: the drugs are the table's own, and which uses count
        drug = use.drug
        drug_id = drug.id
        if drugs.get(drug_id) is not drug:
            return _class_rule_warnings(tables, given, palliative)
        if not named.isdisjoint(drug.classes):
            relevant.append(use)
            relevant_ids.append(drug_id)
    ids = tuple(relevant_ids)
    verdicts = remembered(
        tables, "class_rule_verdicts", ids, lambda: _class_rule_verdicts(tables, relevant), _KEPT
    )
    return [
        _remembered_warning(tables, *verdict, relevant[verdict[2]].item, palliative)
        for verdict in verdicts
    ]


def _remembered_warning(
    tables: TableIndex, number: int, names: str, _last: int, item: int | None, palliative: bool
) -> ClinicalWarning:
    """``_class_rule_warning``, remembered per table by its arguments (``domain.memo``)."""
    key = (number, names, item, palliative)
    return remembered(
        tables,
        "class_rule_warning",
        key,
        lambda: _class_rule_warning(tables, number, names, item, palliative),
        _KEPT,
    )


def _named_classes(tables: TableIndex) -> frozenset[str]:
    """The drug classes some class rule requires (once per table)."""
    found = tables.memo.get("class_rule_classes")
    if found is None:
        rules = tables.tables.class_rules
        named = frozenset(req.drug_class for rule in rules for req in rule.requires)
        found = tables.memo["class_rule_classes"] = {"named": named}
    return cast(frozenset[str], found["named"])


def _class_rule_verdicts(
    tables: TableIndex, given: Sequence[DrugUse]
) -> tuple[tuple[int, str, int], ...]:
    """Per rule the drugs meet, in the table's order: the rule's position, the drugs' names it
    gives, and the position in ``given`` of the use whose row the warning points to."""
    members: dict[str, list[int]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()  # (class, drug id): each drug once per class
    for position, use in enumerate(given):
        for drug_class in use.drug.classes:
            if (drug_class, use.drug.id) not in seen:
                seen.add((drug_class, use.drug.id))
                members[drug_class].append(position)
    verdicts = []
    for number, rule in enumerate(tables.tables.class_rules):
        if all(len(members.get(req.drug_class, ())) >= req.at_least for req in rule.requires):
            involved = [p for req in rule.requires for p in members[req.drug_class]]
            names = ", ".join(dict.fromkeys(given[p].drug.in_sentence for p in involved))
            verdicts.append((number, names, involved[-1]))
    return tuple(verdicts)


def _worded(rule: ClassRule | InteractionRule, palliative: bool) -> tuple[Severity, str, Citation]:
    """A rule's severity, words and citation: its palliative ones for a cancer or palliative
    patient where its own source excludes them (CDC 2022's scope: pharmacist review 17, L5)."""
    if palliative and rule.palliative is not None:
        return rule.palliative.severity, rule.palliative.message, rule.palliative.citation
    return getattr(rule, "severity", "caution"), rule.message, rule.citation


def _class_rule_warning(
    tables: TableIndex, number: int, names: str, item: int | None, palliative: bool
) -> ClinicalWarning:
    rule = tables.tables.class_rules[number]
    severity, message, citation = _worded(rule, palliative)
    return ClinicalWarning(
        code=rule.code,
        severity=severity,
        message=f"{message} ({names})",
        source=tables.cite(citation),
        item=item,
    )


def _class_rule_warnings(
    tables: TableIndex, given: Sequence[DrugUse], palliative: bool = False
) -> list[ClinicalWarning]:
    """The rule for drugs that are not the table's own (nothing remembered)."""
    return [
        _class_rule_warning(tables, number, names, given[last].item, palliative)
        for number, names, last in _class_rule_verdicts(tables, given)
    ]


def co_infusion_warnings(
    tables: TableIndex, rules: RotationRules, kept: Sequence[DailyItem], palliative: bool = False
) -> list[ClinicalWarning]:
    warnings = []
    for rule in rules.co_infusions:
        _, message, citation = _worded(rule, palliative)
        for daily in kept:
            if rule.drug_class in daily.drug.classes:
                # route advice, and its place in the source, only for its routes (review 19 L4)
                advice = [a for a in rule.by_route if daily.item.route in a.routes]
                warnings.append(
                    ClinicalWarning(
                        code=f"co-infusion-{rule.drug_class.replace('_', '-')}",
                        severity="caution",
                        message=f"{daily.drug.spoken_name} stays in the regimen: {message}"
                        + "".join(f" {a.message}" for a in advice),
                        source="; ".join(
                            tables.cite(c) for c in (citation, *(a.citation for a in advice))
                        ),
                        item=daily.index,
                    )
                )
    return warnings
