"""The patch below the range, not the one nearer it above, for a patient a rule flags.

The rounding policy gives the patch above the sourced range when no patch lies within it and
that one is nearer the range (``rounding_policy.nearer_above``). Pharmacist review 19, M5: oral
oxycodone in severe hepatic impairment went to the patch above the range (a reduction below the
sourced one), beside the plan's own "severe hepatic impairment: fentanyl — use low doses and
titrate slowly" (Scottish PCG, "low doses and slow titration in liver impairment"). Where a
hepatic or renal rule
fires for the patch drug, or the patient is frail or elderly, the lower patch is taken (with
breakthrough doses) and the plan says why. The planner's rounding and the check's reading of the
rounding exception call these two functions: one rule.
"""

from __future__ import annotations

from dataclasses import replace

from mps_pain.domain.patient_rules.elderly import elderly_warnings
from mps_pain.domain.patient_rules.renal_hepatic import hepatic_warnings, renal_warnings
from mps_pain.domain.patient_rules.uses import DrugUse
from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.reduction import is_frail_or_elderly
from mps_pain.domain.rotation.rounding_policy import RoundingChoice
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number

__all__ = ["held_words", "hold_lower", "lower_patch_reason", "not_taken"]


def lower_patch_reason(
    tables: TableIndex, rules: RotationRules, patient: Patient, drug: Drug
) -> str:
    """Why this patient takes the patch below the range rather than the nearer one above it:
    every factor that fired, named one by one with its source and joined by "; " (pharmacist
    re-check 19b, L6: a frail 85-year-old's reason read as the age note alone): the hepatic or
    renal rule for the patch drug, the age (the elderly note's first sentence: its advice to
    mark a frail patient frail is not said of one already marked), and frailty as marked or by
    age ("" when none fires)."""
    use = [DrugUse(drug, "transdermal")]
    organ = [
        *hepatic_warnings(tables, rules, patient, use),
        *renal_warnings(tables, rules, patient, use),
    ]
    words = [_cited(w) for w in organ]
    words += [_cited(w, first_sentence=True) for w in elderly_warnings(tables, patient)]
    frailty = rules.reduction.frail_or_elderly
    cite = tables.cite(frailty.citation)
    if patient.frail:
        words.append(f"the patient is marked frail [{cite}]")
    elif is_frail_or_elderly(rules, patient):  # by age alone (a set's frail-or-elderly age)
        at_least = format_number(frailty.age_at_least_years or 0)
        words.append(f"age {format_number(patient.age or 0)} (≥ {at_least}) [{cite}]")
    return "; ".join(words)


def _cited(warning: ClinicalWarning, first_sentence: bool = False) -> str:
    text = warning.message.split(". ")[0] if first_sentence else warning.message
    text = text.rstrip(".")
    return f"{text} [{warning.source}]" if warning.source else text


def hold_lower(choice: RoundingChoice, reason: str) -> RoundingChoice:
    """The patch above the range, taken as the nearer one, replaced by the one below it when
    ``reason`` says why (the planner's rounding and the check's exception alike)."""
    if not reason or choice.position != "nearer_above" or choice.below is None:
        return choice
    return replace(choice, chosen=choice.below, position="below_range", held_by=reason)


def held_words(choice: RoundingChoice, unit: str) -> str:
    """The sentence the plan's rounding note and the check's reasons add: why the patch above
    the range is not used ("" when it was not held back)."""
    if not choice.held_by or choice.above is None:
        return ""
    above = f"{format_number(choice.above.total)} {unit}"
    return f" The patch above the range ({above}), though nearer it, {not_taken(choice.held_by)}"


def not_taken(reason: str) -> str:
    """Why the patch above the range is not given, and what is (the plan's note and practice's
    mark of that patch alike: pharmacist review 20, L5)."""
    return (
        f"is not taken for this patient: {reason}. The plan gives the lower patch with "
        "breakthrough doses, titrated slowly."
    )
