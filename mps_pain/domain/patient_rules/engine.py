"""The entry points of the patient-factor rule engine.

- ``regimen_factor_warnings``: a regimen as it is given to the patient (``mme``): every drug in
  the ``current`` role. Opioid tolerance for a patch is judged from the regimen's regular
  opioids, the patch included, when it has any besides the patch.
- ``switch_factor_warnings``: a switch from the current regimen to a proposed one (``rotate``,
  ``check``). The current regimen's opioids are judged in the ``current`` role (the same lines as
  ``mme`` gives for that regimen); the proposal, with the current non-opioids that stay, in the
  ``given`` role; tolerance is judged from the current regimen. Heat and fever with a patch
  (``heat_fever``) are said of every patch in either regimen, as ``mme`` says them of its own.
- ``avoid_warnings``: the drug rules (renal, hepatic, QTc, patch tolerance) that say "avoid" or
  "contraindicated" (danger) for one drug to be given. The planner gives no dose for such a
  target and ``check`` calls such a proposal a danger: one rule for both.

All three first refuse a measurement outside its software bound (``bounds``: an eGFR of
``1e9 mL/min`` would switch the renal rules off).
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules.bounds import check_patient_bounds
from mps_pain.domain.patient_rules.continued import continued_co_medications
from mps_pain.domain.patient_rules.elderly import elderly_warnings
from mps_pain.domain.patient_rules.heat_fever import heat_fever_warnings
from mps_pain.domain.patient_rules.interactions import class_rule_warnings, co_infusion_warnings
from mps_pain.domain.patient_rules.liver_no_rule import liver_rule_uses
from mps_pain.domain.patient_rules.no_rule import no_rule_warnings
from mps_pain.domain.patient_rules.qtc import qtc_warnings
from mps_pain.domain.patient_rules.regular_use import regular_use_warnings
from mps_pain.domain.patient_rules.renal_hepatic import hepatic_warnings, renal_warnings
from mps_pain.domain.patient_rules.tolerance import tolerance_warnings
from mps_pain.domain.patient_rules.uses import DrugUse, RegimenUses, uses_of
from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex

__all__ = [
    "DrugUse",
    "RegimenUses",
    "avoid_warnings",
    "regimen_factor_warnings",
    "switch_factor_warnings",
    "uses_of",
]


def _drug_rules(
    tables: TableIndex,
    patient: Patient,
    uses: Sequence[DrugUse],
    tolerance_basis: Sequence[DailyItem] | None,
    patches: Sequence[DrugUse] | None = None,
    qtc_uses: Sequence[DrugUse] | None = None,
    qtc_stopping: Sequence[DrugUse] = (),
    label_uses: Sequence[DrugUse] | None = None,
) -> list[ClinicalWarning]:
    """``patches``: the uses the patch-tolerance rule judges (default: those to be given);
    ``qtc_uses``: those the QTc rule judges (default: all); ``label_uses``: those the no-rule
    caution judges (default: all; a switch: those to be given, not the drugs it stops)."""
    check_patient_bounds(tables, patient)
    rules = tables.tables.rotation
    if rules is None:  # tables without patient rules
        return []
    given = [u for u in uses if u.role == "given"] if patches is None else list(patches)
    warnings = renal_warnings(tables, rules, patient, uses)
    level = patient.hepatic_impairment  # one liver line per drug (``liver_rule_uses``)
    warnings += hepatic_warnings(tables, rules, patient, liver_rule_uses(rules, level, uses))
    warnings += no_rule_warnings(tables, rules, patient, uses if label_uses is None else label_uses)
    judged = uses if qtc_uses is None else qtc_uses
    warnings += qtc_warnings(tables, rules.methadone, patient, judged, qtc_stopping)
    warnings += tolerance_warnings(tables, rules.patches.tolerance, patient, given, tolerance_basis)
    warnings += elderly_warnings(tables, patient)
    return warnings


def _heat(
    tables: TableIndex,
    patient: Patient,
    worn: Sequence[DrugUse],
    stopped: Sequence[DrugUse] = (),
    note_stopped: bool = False,
) -> list[ClinicalWarning]:
    """Heat and fever with a patch: a danger to watch, never an avoid (the label says review
    the dose), so it is not one of ``_drug_rules`` that ``avoid_warnings`` reads."""
    rules = tables.tables.rotation
    if rules is None:
        return []
    return heat_fever_warnings(
        tables, rules.patches, patient, worn, stopped, note_stopped=note_stopped
    )


def regimen_factor_warnings(
    tables: TableIndex, patient: Patient, uses: RegimenUses
) -> list[ClinicalWarning]:
    """Warnings for a regimen as given (``mme``): the patient's current regimen, read from its
    one-pass record (``regimen_record(tables, items).uses``). Tolerance is judged from its
    regular opioids, the patch included, as ``rotate`` and ``check`` judge a current regimen
    (pharmacist review 7, D10: a 25 mcg/h patch beside SC oxycodone 15 mg/day was called
    opioid-naive from the oxycodone alone); a patch with no other regular opioid beside it is
    judged by the patient record only (mme cannot know whether it is new). Every use is
    ``current``, so the patch-tolerance rules judge the patches alone (``tolerance_warnings``
    judges no other current use)."""
    warnings = class_rule_warnings(tables, uses.current, bool(patient.cancer_or_palliative))
    warnings += _drug_rules(
        tables, patient, uses.current, uses.tolerance_basis, patches=uses.patches
    )
    warnings += regular_use_warnings(tables, uses.current)
    return warnings + _heat(tables, patient, uses.patches)


def switch_factor_warnings(
    tables: TableIndex,
    patient: Patient,
    current: Sequence[DailyItem],
    proposed: Sequence[DrugUse],
    *,
    note_stopped_patch: bool = False,
) -> list[ClinicalWarning]:
    """Warnings for a switch from ``current`` to ``proposed`` (``rotate``, ``check``).
    ``note_stopped_patch``: the plan's advice for a patch it takes off says the heat note
    without a fever too (``heat_fever_warnings``)."""
    proposed_ids = {u.drug.id for u in proposed}
    kept = continued_co_medications(current, proposed_ids)
    given = [*proposed, *uses_of(kept)]
    before = uses_of([d for d in current if d.is_opioid], "current")
    palliative = bool(patient.cancer_or_palliative)  # a source excluding them is not cited
    warnings = class_rule_warnings(tables, given, palliative)
    # the QTc rule judges the methadone to be given: a current drug the proposal stops is not
    # judged by it (pharmacist re-check 13b, #5b: "avoid methadone" of a proposal stopping it)
    on = [u for u in before if u.drug.id in proposed_ids]
    gone = [u for u in before if u.drug.id not in proposed_ids]  # said, not avoided (14c #1)
    warnings += _drug_rules(
        tables,
        patient,
        [*given, *before],
        current,
        qtc_uses=[*given, *on],
        qtc_stopping=gone,
        label_uses=given,
    )
    warnings += _heat(tables, patient, given, before, note_stopped_patch)
    warnings += regular_use_warnings(tables, [*given, *before])
    rules = tables.tables.rotation
    if rules is not None:
        warnings += co_infusion_warnings(tables, rules, kept, palliative)
    return warnings


def avoid_warnings(
    tables: TableIndex,
    patient: Patient,
    use: DrugUse,
    tolerance_basis: Sequence[DailyItem] | None,
) -> list[ClinicalWarning]:
    """The danger-severity drug rules for ``use`` as a drug to be given (empty: none applies)."""
    given = DrugUse(use.drug, use.route, use.item, "given")
    found = _drug_rules(tables, patient, [given], tolerance_basis)
    return [w for w in found if w.severity == "danger"]
