"""QTc with methadone (``rotation.methadone.qtc``): unknown, borderline, prolonged."""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.patient_rules.uses import DrugUse
from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import ClinicalWarning
from mps_pain.numbers import format_number_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_methadone import MethadoneRules
from mps_pain.units import format_number

__all__ = ["qtc_warnings"]


def qtc_warnings(
    tables: TableIndex,
    rules: MethadoneRules,
    patient: Patient,
    given: Sequence[DrugUse],
    stopping: Sequence[DrugUse] = (),
) -> list[ClinicalWarning]:
    """When methadone is in the regimen that will be given: one warning, the same in every
    command (``given``: the uses to judge; a switch passes the proposal's, with the current
    methadone only where it is kept, so methadone a proposal stops is not judged: pharmacist
    re-check 13b, #5b). The QTc-unknown text depends on the direction (pharmacist review 5, D2):
    methadone started gets the ECG before it is started; methadone the patient is on (kept, or
    ``mme`` of the regimen) gets no "before it is started"."""
    drug_id = rules.drug
    uses = [u for u in given if u.drug.id == drug_id]
    if not uses:
        return _stopping_prolonged(tables, rules, patient, stopping)
    use = next((u for u in uses if u.role == "given"), uses[0])
    started = all(u.role == "given" for u in uses)
    limits = rules.qtc
    source = tables.cite(limits.citation)
    if patient.qtc is None:
        return [
            ClinicalWarning(
                code="qtc-unknown",
                severity="caution",
                message=limits.unknown_message if started else limits.unknown_current_message,
                source=source,
                item=use.item,
            )
        ]
    ms = patient.qtc.to("ms")
    danger, caution = limits.danger_above_ms, limits.caution_from_ms
    if ms > danger:
        return [
            ClinicalWarning(
                code="qtc-prolonged",
                severity="danger",
                message=f"QTc {format_number(ms)} ms is above {format_number(danger)} ms: "
                "avoid methadone.",
                source=source,
                item=use.item,
            )
        ]
    if ms >= caution:
        return [
            ClinicalWarning(
                code="qtc-borderline",
                severity="caution",
                message=f"QTc {format_number(ms)} ms is "
                f"{format_number_span(caution, danger, 'ms')}: methadone only with ECG monitoring.",
                source=source,
                item=use.item,
            )
        ]
    return []


def _stopping_prolonged(
    tables: TableIndex, rules: MethadoneRules, patient: Patient, stopping: Sequence[DrugUse]
) -> list[ClinicalWarning]:
    """Methadone the proposal stops, at a QTc above the danger limit: the current regimen's QTc
    is still said, as ``mme`` says it of the same regimen (pharmacist review 14c, #1: ``rotate``
    away from methadone at QTc 520 ms said nothing), as a caution, not "avoid methadone" (the
    proposal already stops it: re-check 13b, #5b)."""
    methadone = [u for u in stopping if u.drug.id == rules.drug]
    limits = rules.qtc
    if not methadone or patient.qtc is None:
        return []
    ms = patient.qtc.to("ms")
    if ms <= limits.danger_above_ms:
        return []
    message = (
        f"QTc {format_number(ms)} ms is above {format_number(limits.danger_above_ms)} ms on the "
        "methadone this proposal stops: stopping it follows the avoid rule; methadone (long, "
        "variable half-life) takes days to clear."
    )
    cited = tables.cite(limits.citation)
    return [
        ClinicalWarning(
            code="qtc-prolonged",
            severity="caution",
            message=message,
            source=cited,
            item=methadone[0].item,
        )
    ]
