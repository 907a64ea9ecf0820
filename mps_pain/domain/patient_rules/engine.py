"""The two entry points of the patient-factor rule engine.

- ``regimen_factor_warnings``: a regimen as it is given (``mme``). Opioid tolerance before a
  patch is judged from the other regular opioids of the regimen, if it has any.
- ``switch_factor_warnings``: a switch from the current regimen to a proposed one (``rotate``,
  ``check``). The proposal is judged together with the current non-opioids, which stay; current
  opioids that are being left get information lines; tolerance is judged from the current
  regimen.

The rules about the regimen to be given are the same functions in both, so the same patient and
the same drugs get the same warnings from every command.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules.interactions import class_rule_warnings, co_infusion_warnings
from mps_pain.domain.patient_rules.qtc import qtc_warnings
from mps_pain.domain.patient_rules.renal_hepatic import hepatic_warnings, renal_warnings
from mps_pain.domain.patient_rules.tolerance import patch_tolerance_warnings
from mps_pain.domain.patient_rules.uses import DrugUse, uses_of
from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex

__all__ = ["DrugUse", "regimen_factor_warnings", "switch_factor_warnings", "uses_of"]


def _given_rules(
    tables: TableIndex,
    patient: Patient,
    given: Sequence[DrugUse],
    switched_from: Sequence[str],
    tolerance_basis: Sequence[DailyItem] | None,
) -> list[ClinicalWarning]:
    warnings = class_rule_warnings(tables, given)
    rules = tables.tables.rotation
    if rules is None:  # tables without patient rules: the class rules still apply
        return warnings
    warnings += renal_warnings(tables, rules, patient, given, switched_from)
    warnings += hepatic_warnings(tables, rules, patient, given)
    warnings += qtc_warnings(tables, rules.methadone, patient, given)
    warnings += patch_tolerance_warnings(
        tables, rules.patches.tolerance, patient, given, tolerance_basis
    )
    return warnings


def regimen_factor_warnings(
    tables: TableIndex, patient: Patient, items: Sequence[DailyItem]
) -> list[ClinicalWarning]:
    """Warnings for a regimen as given (``mme``)."""
    others = [d for d in items if d.is_opioid and d.item.route != "transdermal" and not d.item.prn]
    basis = others if others else None
    return _given_rules(tables, patient, uses_of(items), [], basis)


def switch_factor_warnings(
    tables: TableIndex,
    patient: Patient,
    current: Sequence[DailyItem],
    proposed: Sequence[DrugUse],
) -> list[ClinicalWarning]:
    """Warnings for a switch from ``current`` to ``proposed`` (``rotate``, ``check``)."""
    proposed_ids = {u.drug.id for u in proposed}
    kept = [d for d in current if not d.is_opioid and d.drug.id not in proposed_ids]
    given = [*proposed, *uses_of(kept)]
    leaving = [d.drug.id for d in current if d.is_opioid]
    warnings = _given_rules(tables, patient, given, leaving, current)
    rules = tables.tables.rotation
    if rules is not None:
        warnings += co_infusion_warnings(tables, rules, kept)
    return warnings
