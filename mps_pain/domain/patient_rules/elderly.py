"""The caution for an older patient (``elderly_caution``, review 7 pharmacist D12): the reference
converter lists elderly patients among its cautions. Info only: age alone changes no dose here
(the cross-tolerance reduction follows frailty, ``rotation.reduction.frail_or_elderly``)."""

from __future__ import annotations

from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.units import format_number

__all__ = ["elderly_warnings"]


def elderly_warnings(tables: TableIndex, patient: Patient) -> list[ClinicalWarning]:
    """An info note when the patient's age is at least the sourced age, else nothing; for a
    patient marked frail in the rule's words for one (never "mark them frail": review 20, L6)."""
    rule = tables.tables.elderly_caution
    if rule is None or patient.age is None or patient.age < rule.age_at_least_years:
        return []
    said = rule.message_frail if patient.frail and rule.message_frail else rule.message
    return [
        ClinicalWarning(
            code="elderly-caution",
            severity="info",
            message=f"Age {format_number(patient.age)} "
            f"(≥ {format_number(rule.age_at_least_years)}): {said}",
            source=tables.cite(rule.citation),
        )
    ]
