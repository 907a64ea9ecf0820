"""Renal function and hepatic impairment rules (``rotation.renal``, ``rotation.hepatic``).

Each drug gets at most one renal and one hepatic warning per role, with the rule's own severity,
whatever the command: ``renal-current`` / ``hepatic-current`` for the regimen the patient is on,
``renal-target`` / ``hepatic-impairment`` for the regimen proposed. The renal rules are bands: the
band with the lowest threshold that the patient's value is under applies (eGFR 15: "avoid", not
also the CKD stage 3 caution). The hepatic rules that apply to one drug are joined into one line.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.patient_rules.uses import DrugUse, Role
from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, Severity
from mps_pain.tables.schema_rotation import HepaticRule, RenalRule, RotationRules
from mps_pain.tables.spoken_words import spoken_drug
from mps_pain.units import format_number

__all__ = [
    "RANK",
    "ROLE_TEXT",
    "by_role",
    "drug_in_role",
    "hepatic_warnings",
    "renal_rule_for",
    "renal_warnings",
]

RANK: dict[Severity, int] = {"info": 0, "caution": 1, "danger": 2}
_RANK = RANK
ROLE_TEXT: dict[Role, str] = {"current": " (current regimen)", "given": ""}


def drug_in_role(drug_id: str, role: Role) -> str:
    """``paracetamol (current regimen)``: the drug as the market spoken now writes it
    (``spoken_words``; session 19: a UK case's kidney caution said "acetaminophen")."""
    return f"{spoken_drug(drug_id)}{ROLE_TEXT[role]}"


def by_role(uses: Sequence[DrugUse]) -> list[tuple[Role, str, DrugUse]]:
    """(role, drug id, first use) for each drug once per role; proposed first. A current drug
    that is also to be given is judged once, as given: its "(current regimen)" line said the
    same rule again (clinician re-check 18b #9: "eGFR 45 …: morphine" and "eGFR 45 …: morphine
    (current regimen)" in one check)."""
    given = {use.drug.id for use in uses if use.role == "given"}
    seen: dict[tuple[Role, str], DrugUse] = {}
    for use in uses:
        if use.role == "current" and use.drug.id in given:
            continue
        seen.setdefault((use.role, use.drug.id), use)
    order: dict[Role, int] = {"given": 0, "current": 1}
    return sorted(
        ((role, drug_id, use) for (role, drug_id), use in seen.items()),
        key=lambda t: (order[t[0]], t[1]),
    )


def renal_rule_for(rules: RotationRules, drug_id: str, ml_per_min: float) -> RenalRule | None:
    """The renal band that applies to ``drug_id`` at ``ml_per_min`` (the lowest threshold)."""
    matching = [r for r in rules.renal if drug_id in r.drugs and ml_per_min < r.below_ml_per_min]
    return min(matching, key=lambda r: r.below_ml_per_min, default=None)


def renal_warnings(
    tables: TableIndex, rules: RotationRules, patient: Patient, uses: Sequence[DrugUse]
) -> list[ClinicalWarning]:
    renal = patient.renal_ml_per_min()
    if renal is None:
        return []
    value, name = renal
    warnings = []
    for role, drug_id, use in by_role(uses):
        rule = renal_rule_for(rules, drug_id, value)
        if rule is None:
            continue
        alternatives = (
            f" Sourced alternatives: {', '.join(rule.alternatives)}." if rule.alternatives else ""
        )
        warnings.append(
            ClinicalWarning(
                code="renal-current" if role == "current" else "renal-target",
                severity=rule.severity,
                message=f"{name} {format_number(value)} mL/min (< "
                f"{format_number(rule.below_ml_per_min)}): {drug_in_role(drug_id, role)} — "
                f"{rule.message}{alternatives}",
                source=tables.cite(rule.citation),
                item=use.item,
            )
        )
    return warnings


def _hepatic_rules(rules: RotationRules, level: str, drug: Drug) -> list[HepaticRule]:
    """The rules naming ``drug`` at ``level``, and a rule naming no drug (one for every opioid)
    if it is an opioid: a non-opioid is judged only by a rule that names it (the NSAIDs in
    severe impairment, pharmacist review 20, M2)."""
    return [
        r
        for r in rules.hepatic
        if level in r.levels and (drug.id in r.drugs if r.drugs else drug.is_opioid)
    ]


def hepatic_warnings(
    tables: TableIndex, rules: RotationRules, patient: Patient, uses: Sequence[DrugUse]
) -> list[ClinicalWarning]:
    level = patient.hepatic_impairment
    if level is None or level == "none":
        return []
    warnings = []
    for role, drug_id, use in by_role(uses):
        applying = _hepatic_rules(rules, level, use.drug)
        if not applying:
            continue
        severity = max((r.severity for r in applying), key=lambda s: _RANK[s])
        # a danger (avoid) is said alone: how to give a drug to avoid is moot (re-check 16 #6)
        ordered = [r for r in applying if r.severity == severity or severity != "danger"]
        ordered.sort(key=lambda r: -_RANK[r.severity])
        warnings.append(
            ClinicalWarning(
                code="hepatic-current" if role == "current" else "hepatic-impairment",
                severity=severity,
                message=f"{level} hepatic impairment: {drug_in_role(drug_id, role)} — "
                + " ".join(r.message for r in ordered),
                source="; ".join(dict.fromkeys(tables.cite(r.citation) for r in ordered)),
                item=use.item,
            )
        )
    return warnings
