"""Heat and fever with an opioid patch (``rotation.patches.heat_fever`` and each other patch's
``heat_fever``: the patch labels' warning that fever or external heat raises absorption).

One rule for every command (pharmacist review 20, H2: ``rotate`` gave it as a danger for a
febrile patient and ``check`` of its own order, and ``mme`` of its regimen, said nothing): every
patch drug worded for it in the regimen judged (``mme``'s regimen; a switch's current regimen and
its proposal) gets one line, a danger when the patient has a fever now, else an info note. A
patch a switch takes off is said with a fever (its depot); without one, only in the plan's
advice for taking it off (docs/patient-rules.md: a check of an order that stops a patch gives no
heat note to a patient without a fever).
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.cited import cited_warning
from mps_pain.domain.patient_rules.uses import DrugUse
from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Severity
from mps_pain.tables.schema_rotation import PatchRules

__all__ = ["PATCH_HEAT_FEVER", "heat_fever_warnings"]

PATCH_HEAT_FEVER = "patch-heat-fever"

_FEVER_NOW = " The patient has a fever now."


def heat_fever_warnings(
    tables: TableIndex,
    rules: PatchRules,
    patient: Patient,
    worn: Sequence[DrugUse],
    stopped: Sequence[DrugUse] = (),
    *,
    note_stopped: bool = False,
) -> list[ClinicalWarning]:
    """One ``patch-heat-fever`` line per patch drug that has its words (``pitfalls_for``
    first): of every patch ``worn`` (the regimen given; a patch kept is among them), and of a
    patch of the regimen before a switch (``stopped``) only with a fever, its skin depot still
    being absorbed, unless ``note_stopped`` (a plan's advice for the patch it takes off says
    the note without a fever too)."""
    judged = {u.drug.id for u in worn if u.is_patch}  # a patch kept is worn
    if patient.fever or note_stopped:
        judged |= {u.drug.id for u in stopped if u.is_patch}
    ordered = sorted(judged, key=lambda d: (d != rules.pitfalls_for, d))
    severity: Severity = "danger" if patient.fever else "info"
    then = _FEVER_NOW if patient.fever else ""
    warnings: list[ClinicalWarning] = []
    for drug_id in ordered:
        other = rules.other_patch(drug_id)
        if other is None and drug_id != rules.pitfalls_for:
            continue
        text = rules.heat_fever if other is None else other.heat_fever
        warnings.append(cited_warning(tables, text, PATCH_HEAT_FEVER, severity, then=then))
    return warnings
