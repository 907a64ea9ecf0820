"""The caution for a drug the tables hold no kidney (resp. liver) rule for, when the patient has
renal or hepatic impairment (pharmacist re-check 19b, H1: tapentadol at eGFR 25, or in moderate or
severe hepatic impairment, was planned and checked at a full dose with nothing said of it).

A drug's rule is *held* at the patient's value when a rule naming the drug applies there: a band
of ``rotation.renal`` (resp. a ``rotation.hepatic`` rule listing the drug), or one of the drug's
``max_daily`` limits set for that renal band (resp. hepatic level), in any market (the maximum
rule says itself when a market has none). The hepatic advice for every opioid (low doses, slow
titration) is a class rule, not one for the drug: it is kept, and the caution says it is all
that is held. "Renal impairment" is a value under the highest threshold of ``rotation.renal``.
No dose is changed: the caution sends the reader to the product's label. The liver line, said
the same way by level (``rotation.liver_levels``), is ``liver_no_rule.py``.

Kidney (clinician review 20, N4): a drug the sources prefer or recommend in kidney disease gets
that said instead (``renal_preferred.py``), so each drug gets exactly one of a held rule, the
preference or this line. The line names the patient's band, and is a caution only under
``rotation.kidney_bands.label_caution_below_ml_per_min`` (CKD stages 4–5, where labels advise
against use); above it, nothing held is said as an info line (eGFR 45 is not severe impairment).
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.patient_rules.liver_no_rule import (
    HEPATIC_NO_RULE,
    hepatic_rule_held,
    liver_no_rule_warnings,
)
from mps_pain.domain.patient_rules.renal_hepatic import by_role, drug_in_role, renal_rule_for
from mps_pain.domain.patient_rules.renal_preferred import (
    LABEL_SAYS,
    kidney_band_source,
    kidney_value_text,
    label_advice,
    preferred_statements,
    preferred_warning,
)
from mps_pain.domain.patient_rules.uses import DrugUse
from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, Severity
from mps_pain.tables.schema_rotation import RotationRules

__all__ = [
    "HEPATIC_NO_RULE",
    "RENAL_NO_RULE",
    "hepatic_rule_held",
    "no_rule_warnings",
    "renal_impairment",
    "renal_rule_held",
]

RENAL_NO_RULE = "renal-no-rule"


def renal_impairment(rules: RotationRules, ml_per_min: float) -> bool:
    """The value is under one of the tables' renal thresholds (eGFR/CrCl bands)."""
    return any(ml_per_min < r.below_ml_per_min for r in rules.renal)


def renal_rule_held(rules: RotationRules, drug: Drug, ml_per_min: float) -> bool:
    if renal_rule_for(rules, drug.id, ml_per_min) is not None:
        return True
    return any(m.renal is not None and m.renal.contains(ml_per_min) for m in drug.max_daily)


def _label_band(tables: TableIndex, rules: RotationRules, value: float) -> list[str] | None:
    """The citation of the band where labels advise against use, when the value is in it
    (every value is, in tables without kidney bands); None above it."""
    bands = rules.kidney_bands
    if bands is None:
        return []
    if value < bands.label_caution_below_ml_per_min:
        return [tables.cite(bands.label_caution_citation)]
    return None


def _renal_no_rule(
    tables: TableIndex, rules: RotationRules, use: DrugUse, where: tuple[str, float]
) -> ClinicalWarning:
    name, value = where
    label_band = _label_band(tables, rules, value)
    severity: Severity = "info" if label_band is None else "caution"
    advice = LABEL_SAYS if label_band is None else label_advice(use)
    sources = [*(label_band or []), *kidney_band_source(tables, rules, value)]
    return ClinicalWarning(
        code=RENAL_NO_RULE,
        severity=severity,
        message=f"No kidney rule for {drug_in_role(use.drug.id, use.role)} is held in the reviewed "
        f"sources: at {kidney_value_text(rules, name, value)}, {advice}",
        source="; ".join(sources) or None,
        item=use.item,
    )


def _renal(
    tables: TableIndex, rules: RotationRules, patient: Patient, uses: Sequence[DrugUse]
) -> list[ClinicalWarning]:
    """One line per drug and role with no renal rule held: the sources' preference, if they
    state one, else the no-rule line."""
    renal = patient.renal_ml_per_min()
    if renal is None or not renal_impairment(rules, renal[0]):
        return []
    value, name = renal
    warnings = []
    for _, _, use in by_role(uses):
        if renal_rule_held(rules, use.drug, value):
            continue
        statements = preferred_statements(rules, use.drug.id)
        if statements:
            warnings.append(preferred_warning(tables, rules, use, statements, (name, value)))
        else:
            warnings.append(_renal_no_rule(tables, rules, use, (name, value)))
    return warnings


def no_rule_warnings(
    tables: TableIndex, rules: RotationRules, patient: Patient, uses: Sequence[DrugUse]
) -> list[ClinicalWarning]:
    """One line per drug and role with no kidney (resp. liver) rule held at the patient's
    renal function (resp. hepatic impairment level)."""
    liver = liver_no_rule_warnings(tables, rules, patient.hepatic_impairment, uses)
    return _renal(tables, rules, patient, uses) + liver
