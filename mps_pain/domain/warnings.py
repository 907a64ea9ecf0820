"""Step 4 of the flow: judge a regimen. Every rule's number comes from a table row.

Warnings carry a code, a severity (info, caution, danger), a sentence a clinician can act on,
the source, and the item they are about (for "jump to row").
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.cited import cited_warning
from mps_pain.domain.duplicates import duplicate_item_warnings
from mps_pain.domain.long_acting import long_acting_warnings
from mps_pain.domain.max_dose import max_dose_warnings
from mps_pain.domain.memo import remembered
from mps_pain.domain.mme_as_needed import no_room_warnings
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules import regimen_factor_warnings
from mps_pain.domain.regimen import Patient, RegimenDocument
from mps_pain.domain.regimen_record import regimen_record
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.units import format_number

__all__ = [
    "PRN_POLICY_DEFAULT",
    "mme_warnings",
    "not_for_switching_warning",
    "threshold_warnings",
    "total_plausibility_warnings",
]


_KEPT = 50_000


def threshold_warnings(
    tables: TableIndex, set_: ReferenceSet, total: float, patient: Patient
) -> list[ClinicalWarning]:
    """The highest threshold of the set that the total reaches (CDC 50/90 MME/day); none for a
    patient the set's guideline excludes (CDC: cancer, palliative and end-of-life care).

    Remembered per table by set, total and the patient's cancer_or_palliative, all it reads
    (``domain.memo``), when the set is the table's own and the total not zero (signless key)."""
    if total == 0 or tables.sets.get(set_.id) is not set_:
        return _threshold_warnings(tables, set_, total, patient.cancer_or_palliative)
    key = (set_.id, total, patient.cancer_or_palliative)
    found = remembered(
        tables,
        "threshold_warnings",
        key,
        lambda: tuple(_threshold_warnings(tables, set_, total, patient.cancer_or_palliative)),
        _KEPT,
    )
    return list(found)


def _threshold_warnings(
    tables: TableIndex, set_: ReferenceSet, total: float, cancer_or_palliative: bool | None
) -> list[ClinicalWarning]:
    scope = set_.scope_excludes
    excluded = scope is not None and "cancer_or_palliative" in scope.populations
    if scope is not None and excluded and set_.thresholds and cancer_or_palliative:
        return [cited_warning(tables, scope, "set-scope-excludes-patient", "info")]
    for threshold in sorted(set_.thresholds, key=lambda t: t.at_least_mme_per_day, reverse=True):
        if total >= threshold.at_least_mme_per_day:
            return [
                ClinicalWarning(
                    code=threshold.code,
                    severity=threshold.severity,
                    message=f"{format_number(total)} {set_.output_label}/day: {threshold.message}",
                    source=tables.cite(threshold.citation),
                )
            ]
    return []


def total_plausibility_warnings(
    tables: TableIndex, set_: ReferenceSet, total: float
) -> list[ClinicalWarning]:
    """A danger under every set when the total is far above any palliative range."""
    bound = tables.tables.total_plausibility
    if bound is None or total < bound.danger_at_least_mg_per_day:
        return []
    return [
        ClinicalWarning(
            code="total-far-above-palliative-range",
            severity="danger",
            message=f"{format_number(total)} {set_.output_label}/day (≥ "
            f"{format_number(bound.danger_at_least_mg_per_day)}) {bound.message}",
            source=tables.cite(bound.citation),
        )
    ]


PRN_POLICY_DEFAULT = ClinicalWarning(
    code="prn-policy-default",
    severity="info",
    message="As-needed doses were included in the total because no choice was made "
    "about them; choose to include or exclude them to make it explicit.",
)
"""The same frozen warning for every regimen with as-needed items and no PRN choice."""


def not_for_switching_warning(tables: TableIndex, set_: ReferenceSet) -> ClinicalWarning:
    """The info that a risk-MME set is not a switching dose: a function of the set alone,
    remembered per table by set id when the set is the table's own (``domain.memo``)."""
    if tables.sets.get(set_.id) is not set_:
        return _not_for_switching_warning(tables, set_)
    return remembered(
        tables,
        "not_for_switching_warning",
        set_.id,
        lambda: _not_for_switching_warning(tables, set_),
        _KEPT,
    )


def _not_for_switching_warning(tables: TableIndex, set_: ReferenceSet) -> ClinicalWarning:
    return ClinicalWarning(
        code="mme-not-for-switching",
        severity="info",
        message=f"{set_.name} measures risk; it is not a switching dose. "
        "Use the rotation planner with an equianalgesic set to switch opioids.",
        source=tables.cite(set_.citation),
    )


def mme_warnings(
    tables: TableIndex,
    set_: ReferenceSet,
    document: RegimenDocument,
    items: Sequence[DailyItem],
    total: float,
    *,
    has_prn: bool,
    prn_stated: bool,
) -> list[ClinicalWarning]:
    """The warnings of an MME result, for every caller (the full result and batch summaries).

    ``items``: every readable row of the regimen, counted in ``total`` or not. A row the set
    cannot count (methadone under a set with no methadone factor) or an as-needed row the PRN
    choice leaves out is still given to the patient: the patient-safety rules (QTc,
    interactions, renal and hepatic, maxima, duplicates, two long-acting opioids) judge it
    whatever the set (clinician re-check 18b #1: under UK palliative care ratios methadone lost
    its QTc caution and its ketamine interaction). Only the set's own warnings read ``total``
    (its thresholds, the far-above-palliative bound) or the set (not a switching dose).
    ``document`` gives only its context (patient, market), never its items: the full result
    passes its readable items, a batch summary the document's fields without its items."""
    record = regimen_record(tables, items)  # one pass over the items for every rule below
    warnings = threshold_warnings(tables, set_, total, document.patient)
    warnings += total_plausibility_warnings(tables, set_, total)
    warnings += max_dose_warnings(tables, document, record.max_dose)
    warnings += no_room_warnings(tables, document, items)  # as rotate and check (21b, N-1)
    warnings += duplicate_item_warnings(items)
    warnings += long_acting_warnings(record.long_acting)
    if has_prn and not prn_stated:
        warnings.append(PRN_POLICY_DEFAULT)
    if set_.purpose == "risk_mme":
        warnings.append(not_for_switching_warning(tables, set_))
    warnings += regimen_factor_warnings(tables, document.patient, record.uses)
    warnings += record.notes
    return warnings
