"""The liver half of the no-rule line (``no_rule.py``; pharmacist re-check 20b, M-2): a drug with
no liver rule held at the patient's hepatic impairment level.

Said as the kidney half is: when a rule naming the drug is held for another level (morphine's
"avoid in hepatic failure" is for severe impairment), the line says there is no rule *for this
level* and names the level the held one is for, never "no rule is held". The label's words
("labels … advise against use in severe impairment") only in severe impairment, where every
liver "avoid" of the reviewed sources is; a caution at the levels of ``rotation.liver_levels``
(moderate and severe: re-check 19b H1), an info line at the others that sends the reader to the
label. Without ``liver_levels`` the line is a caution at every level.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.patient_rules.renal_hepatic import by_role, drug_in_role
from mps_pain.domain.patient_rules.renal_preferred import LABEL_SAYS, label_advice
from mps_pain.domain.patient_rules.uses import DrugUse
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, Severity
from mps_pain.tables.schema_rotation import RotationRules

__all__ = ["HEPATIC_NO_RULE", "hepatic_held_levels", "hepatic_rule_held", "liver_no_rule_warnings"]

HEPATIC_NO_RULE = "hepatic-no-rule"
_LEVELS = ("mild", "moderate", "severe")


def hepatic_held_levels(rules: RotationRules, drug: Drug) -> list[str]:
    """The levels a rule listing the drug, or a maximum daily dose of it, is held for."""
    named = {lv for r in rules.hepatic if drug.id in r.drugs for lv in r.levels}
    limits = {lv for m in drug.max_daily if m.hepatic is not None for lv in m.hepatic}
    return [lv for lv in _LEVELS if lv in named | limits]


def hepatic_rule_held(rules: RotationRules, drug: Drug, level: str) -> bool:
    return level in hepatic_held_levels(rules, drug)


def _class_advice(rules: RotationRules, use: DrugUse, level: str) -> str:
    general = use.drug.is_opioid and any(not r.drugs and level in r.levels for r in rules.hepatic)
    return " beyond the general advice for every opioid" if general else ""


def _label_level(tables: TableIndex, rules: RotationRules, level: str) -> list[str] | None:
    """The citation of the level where labels advise against use, when the patient's is one
    (every level is, in tables without liver levels); None at the others."""
    levels = rules.liver_levels
    if levels is None:
        return []
    if level in levels.label_caution_levels:
        return [tables.cite(levels.label_caution_citation)]
    return None


def _what_is_held(drug: str, level: str, held: list[str], beyond: str) -> str:
    """ "No liver rule for X is held …", or, with a rule held for other levels, "… for this
    level", naming them (``beyond``: the class advice's words, if any)."""
    if not held:
        return f"No liver rule for {drug} is held in the reviewed sources{beyond}"
    return (
        f"No liver rule for {drug} in {level} hepatic impairment is held in the reviewed sources"
        f"{beyond} (they hold one for {' and '.join(held)} impairment only)"
    )


def _line(tables: TableIndex, rules: RotationRules, use: DrugUse, level: str) -> ClinicalWarning:
    label_level = _label_level(tables, rules, level)
    severity: Severity = "info" if label_level is None else "caution"
    advice = LABEL_SAYS if label_level is None else label_advice(use, level == "severe")
    held = hepatic_held_levels(rules, use.drug)
    beyond = _class_advice(rules, use, level)
    head = _what_is_held(drug_in_role(use.drug.id, use.role), level, held, beyond)
    where = f": in {level} hepatic impairment, " if not held else ": "
    return ClinicalWarning(
        code=HEPATIC_NO_RULE,
        severity=severity,
        message=f"{head}{where}{advice}",
        source="; ".join(label_level or []) or None,
        item=use.item,
    )


def liver_no_rule_warnings(
    tables: TableIndex, rules: RotationRules, level: str | None, uses: Sequence[DrugUse]
) -> list[ClinicalWarning]:
    """One line per drug and role with no liver rule held at the patient's level."""
    if level is None or level == "none":
        return []
    return [
        _line(tables, rules, use, level)
        for _, _, use in by_role(uses)
        if not hepatic_rule_held(rules, use.drug, level)
    ]
