"""The check's reading of a proposed patch by the patch label (pharmacist review 10, D-B, S09:
a jspm-2010 order of 37.5 mcg/h at oral morphine 120 mg/day was WITHIN with no word that the JP
label reads it as ≈ 135 mg/day, above the current dose, while the plan for the same switch said
so). The planner's own function (``label_start.patch_label_reading``) on the proposed patch: the
same caution, and the plan's words in a reason and the headline where the label reads the order
as less of a reduction than the set's factor does. The verdict (the dose rule) is unchanged."""

from __future__ import annotations

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import sort_warnings
from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.domain.rotation.context import equianalgesic_set, resolve_current, rotation_rules
from mps_pain.domain.rotation.label_start import (
    label_reads_less,
    label_words,
    patch_label_notes,
    proposal_label_reading,
)
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.tables.index import TableIndex

__all__ = ["OWN_FACTOR_RANGE", "with_patch_label"]

#: what the check's expected range is read from, said in its reasons and beside a label's reading
OWN_FACTOR_RANGE = "the expected range is the set's own factor"


def with_patch_label(
    tables: TableIndex, request: CheckRequest, result: CheckResult, proposed: list[DailyItem]
) -> CheckResult:
    """``result`` with the label's reading of its single proposed patch line, when the label
    applies (a set of its market, not the patch's own drug by another route)."""
    set_ = equianalgesic_set(tables, rotation_rules(tables), request.table)
    current, _, _ = resolve_current(tables, request.from_, "from")
    now = result.current_ome_per_day
    if now is None:  # no OME of a regimen with methadone: no label reading against it
        return result
    reading = proposal_label_reading(tables, set_, current, proposed, now)
    if reading is None:
        return result
    in_ome = result.measure == "ome_a_day" and now > 0
    stated = 1 - result.proposed_ome_per_day / now if in_ome else None  # by the set's factor
    said = label_reads_less(reading, stated)
    reasons = result.reasons
    if said:
        reasons = [
            *reasons,
            f"Against the product: {label_words(reading)} ({OWN_FACTOR_RANGE}; the label's table "
            "is one product's).",
        ]
    warnings = sort_warnings([*result.warnings, *patch_label_notes(set_, reading)])
    update = {"patch_label": reading, "patch_label_said": said}
    return result.model_copy(update={**update, "reasons": reasons, "warnings": warnings})
