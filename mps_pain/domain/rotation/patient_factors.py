"""Patient factors: renal function, hepatic impairment, co-infusions (ketamine …), each sourced.

Renal rules (``rotation.renal``) apply to the target and breakthrough drugs at the rule's
severity, and to current drugs as information (a reason to switch). Hepatic rules apply by
impairment level. Co-infused non-opioids (ketamine and others) stay in the regimen unchanged and
their interaction is warned.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number

__all__ = ["co_infusion_warnings", "hepatic_warnings", "renal_warnings"]


def renal_warnings(
    tables: TableIndex,
    rules: RotationRules,
    patient: Patient,
    new_drugs: Iterable[str],
    current_drugs: Iterable[str],
) -> list[ClinicalWarning]:
    renal = patient.renal_ml_per_min()
    if renal is None:
        return []
    value, name = renal
    new, current = set(new_drugs), set(current_drugs)
    warnings = []
    for rule in rules.renal:
        if value >= rule.below_ml_per_min:
            continue
        alternatives = (
            f" Sourced alternatives: {', '.join(rule.alternatives)}." if rule.alternatives else ""
        )
        for drug in sorted(new & set(rule.drugs)):
            warnings.append(
                ClinicalWarning(
                    code="renal-target",
                    severity=rule.severity,
                    message=f"{name} {format_number(value)} mL/min (< "
                    f"{format_number(rule.below_ml_per_min)}): {drug} — "
                    f"{rule.message}{alternatives}",
                    source=tables.cite(rule.source, rule.locator),
                )
            )
        for drug in sorted((current - new) & set(rule.drugs)):
            warnings.append(
                ClinicalWarning(
                    code="renal-current",
                    severity="info",
                    message=f"{name} {format_number(value)} mL/min: current {drug} — "
                    f"{rule.message} "
                    "Switching away from it is consistent with this.",
                    source=tables.cite(rule.source, rule.locator),
                )
            )
    return warnings


def hepatic_warnings(
    tables: TableIndex, rules: RotationRules, patient: Patient, new_drugs: Iterable[str]
) -> list[ClinicalWarning]:
    level = patient.hepatic_impairment
    if level is None or level == "none":
        return []
    new = set(new_drugs)
    warnings = []
    for rule in rules.hepatic:
        if level not in rule.levels:
            continue
        hit = sorted(new & set(rule.drugs)) if rule.drugs else sorted(new)
        if not hit:
            continue
        warnings.append(
            ClinicalWarning(
                code="hepatic-impairment",
                severity=rule.severity,
                message=f"{level} hepatic impairment: {', '.join(hit)} — {rule.message}",
                source=tables.cite(rule.source, rule.locator),
            )
        )
    return warnings


def co_infusion_warnings(
    tables: TableIndex, rules: RotationRules, items: Sequence[DailyItem]
) -> list[ClinicalWarning]:
    warnings = []
    for rule in rules.co_infusions:
        for daily in items:
            if rule.drug_class in daily.drug.classes:
                warnings.append(
                    ClinicalWarning(
                        code=f"co-infusion-{rule.drug_class.replace('_', '-')}",
                        severity="caution",
                        message=f"{daily.drug.name} stays in the regimen unchanged: {rule.message}",
                        source=tables.cite(rule.source, rule.locator),
                        item=daily.index,
                    )
                )
    return warnings
