"""Renal function and hepatic impairment rules (``rotation.renal``, ``rotation.hepatic``).

A drug in the regimen to be given gets the rule's own severity; a drug being switched away from
gets an information line (a reason to switch).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mps_pain.domain.patient_rules.uses import DrugUse
from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RenalRule, RotationRules
from mps_pain.units import format_number

__all__ = ["hepatic_warnings", "renal_warnings"]


def _first_use(given: Sequence[DrugUse], drug_id: str) -> DrugUse:
    return next(u for u in given if u.drug.id == drug_id)


def _renal_given(
    tables: TableIndex, rule: RenalRule, renal: tuple[float, str], drug: DrugUse
) -> ClinicalWarning:
    value, name = renal
    alternatives = (
        f" Sourced alternatives: {', '.join(rule.alternatives)}." if rule.alternatives else ""
    )
    return ClinicalWarning(
        code="renal-target",
        severity=rule.severity,
        message=f"{name} {format_number(value)} mL/min (< "
        f"{format_number(rule.below_ml_per_min)}): {drug.drug.id} — {rule.message}{alternatives}",
        source=tables.cite(rule.source, rule.locator),
        item=drug.item,
    )


def renal_warnings(
    tables: TableIndex,
    rules: RotationRules,
    patient: Patient,
    given: Sequence[DrugUse],
    switched_from: Iterable[str],
) -> list[ClinicalWarning]:
    renal = patient.renal_ml_per_min()
    if renal is None:
        return []
    value, name = renal
    given_ids = {u.drug.id for u in given}
    leaving = set(switched_from) - given_ids
    warnings = []
    for rule in rules.renal:
        if value >= rule.below_ml_per_min:
            continue
        for drug_id in sorted(given_ids & set(rule.drugs)):
            warnings.append(_renal_given(tables, rule, renal, _first_use(given, drug_id)))
        for drug_id in sorted(leaving & set(rule.drugs)):
            warnings.append(
                ClinicalWarning(
                    code="renal-current",
                    severity="info",
                    message=f"{name} {format_number(value)} mL/min: current {drug_id} — "
                    f"{rule.message} Switching away from it is consistent with this.",
                    source=tables.cite(rule.source, rule.locator),
                )
            )
    return warnings


def hepatic_warnings(
    tables: TableIndex, rules: RotationRules, patient: Patient, given: Sequence[DrugUse]
) -> list[ClinicalWarning]:
    level = patient.hepatic_impairment
    if level is None or level == "none":
        return []
    opioids = {u.drug.id for u in given if u.drug.is_opioid}
    warnings = []
    for rule in rules.hepatic:
        if level not in rule.levels:
            continue
        hit = sorted(opioids & set(rule.drugs)) if rule.drugs else sorted(opioids)
        if not hit:
            continue
        warnings.append(
            ClinicalWarning(
                code="hepatic-impairment",
                severity=rule.severity,
                message=f"{level} hepatic impairment: {', '.join(hit)} — {rule.message}",
                source=tables.cite(rule.source, rule.locator),
                item=_first_use(given, hit[0]).item,
            )
        )
    return warnings
