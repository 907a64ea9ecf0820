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
from typing import NamedTuple

from mps_pain.domain.patient_rules.renal_hepatic import RANK as _RANK
from mps_pain.domain.patient_rules.renal_hepatic import by_role, drug_in_role
from mps_pain.domain.patient_rules.renal_preferred import (
    LABEL_SAYS,
    label_advice,
    role_words,
    severe_label_words,
)
from mps_pain.domain.patient_rules.uses import DrugUse
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, Severity
from mps_pain.tables.schema_rotation import RotationRules

__all__ = [
    "HEPATIC_NO_RULE",
    "hepatic_held_levels",
    "hepatic_rule_held",
    "liver_no_rule_warnings",
    "liver_rule_uses",
]

HEPATIC_NO_RULE = "hepatic-no-rule"
_LEVELS = ("mild", "moderate", "severe")


def hepatic_held_levels(rules: RotationRules, drug: Drug) -> list[str]:
    """The levels a rule listing the drug, or a maximum daily dose of it, is held for."""
    named = {lv for r in rules.hepatic if drug.id in r.drugs for lv in r.levels}
    limits = {lv for m in drug.max_daily if m.hepatic is not None for lv in m.hepatic}
    return [lv for lv in _LEVELS if lv in named | limits]


def hepatic_rule_held(rules: RotationRules, drug: Drug, level: str) -> bool:
    return level in hepatic_held_levels(rules, drug)


class _General(NamedTuple):
    """The advice for every opioid at a level: its words, citations and severity."""

    words: str
    cited: list[str]
    severity: Severity


def _class_advice(
    tables: TableIndex, rules: RotationRules, use: DrugUse, level: str
) -> _General | None:
    """The advice for every opioid at the level, said in the drug's one line (pharmacist review
    21, L-2: it was a line of its own beside this one), with its citation and its severity."""
    general = [r for r in rules.hepatic if not r.drugs and level in r.levels]
    if not use.drug.is_opioid or not general:
        return None
    return _General(
        f" General advice for every opioid — {' '.join(r.message for r in general)}",
        [tables.cite(r.citation) for r in general],
        max((r.severity for r in general), key=_RANK.__getitem__),
    )


def liver_rule_uses(
    rules: RotationRules, level: str | None, uses: Sequence[DrugUse]
) -> list[DrugUse]:
    """The uses the hepatic rules speak of in a line of their own: a drug with a liver rule held
    at the level. A drug with none gets the no-rule line alone, which says the advice for every
    opioid too: one liver line per drug, as the kidney's (pharmacist review 21, L-2). A drug a
    switch stops gets no no-rule line, nor now the advice on how to give it (moot: it is
    stopped); ``mme`` says it of the regimen the patient is on."""
    if level is None or level == "none":
        return list(uses)
    return [u for u in uses if hepatic_rule_held(rules, u.drug, level)]


def _label_level(tables: TableIndex, rules: RotationRules, level: str) -> list[str] | None:
    """The citation of the level where labels advise against use, when the patient's is one
    (every level is, in tables without liver levels); None at the others."""
    levels = rules.liver_levels
    if levels is None:
        return []
    if level in levels.label_caution_levels:
        return [tables.cite(levels.label_caution_citation)]
    return None


def _no_dose_level(
    tables: TableIndex, rules: RotationRules, use: DrugUse, level: str
) -> list[str] | None:
    """The citation of the rule that gives an opioid with no liver rule held no dose at the
    patient's level (``liver_levels.no_dose_levels``: severe; pharmacist review 21, M-2), None
    at the other levels and for a non-opioid."""
    levels = rules.liver_levels
    if levels is None or level not in levels.no_dose_levels or not use.drug.is_opioid:
        return None
    assert levels.no_dose_citation is not None  # the schema holds them together
    return [tables.cite(levels.no_dose_citation)]


def _no_dose_advice(use: DrugUse) -> str:
    """The danger's advice: no dose without a source for it; the specialist chooses."""
    before = role_words(use)
    return (
        f"no source held gives a dose of it, so none is proposed: decide with the "
        f"specialist {before} and choose the opioid with them; check the product label "
        f"({severe_label_words(use)})."
    )


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
    no_dose = _no_dose_level(tables, rules, use, level)
    if no_dose is not None:
        severity, advice = "danger", _no_dose_advice(use)
        label_level = [*(label_level or []), *no_dose]
    general = _class_advice(tables, rules, use, level)
    beyond = " beyond the general advice for every opioid" if general else ""
    held = hepatic_held_levels(rules, use.drug)
    head = _what_is_held(drug_in_role(use.drug.id, use.role), level, held, beyond)
    if general is not None:  # the one line is as severe as the advice it says (a caution)
        severity = max(severity, general.severity, key=_RANK.__getitem__)
    # the label levels' citation is the same advice's page: the advice's own only without it
    sources = label_level or (general.cited if general else [])
    where = f": in {level} hepatic impairment, " if not held else ": "
    return ClinicalWarning(
        code=HEPATIC_NO_RULE,
        severity=severity,
        message=f"{head}{where}{advice}{general.words if general else ''}",
        source="; ".join(sources) or None,
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
