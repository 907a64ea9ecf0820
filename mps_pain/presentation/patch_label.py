"""The patch label's own reading of a planned patch, in the plan's reduction phrase (pharmacist
review 9, D-B: jspm-2010 oral morphine 120 mg/day → 37.5 mcg/h was headlined "reduction 25%"
while the JP label reads that patch as ≈ 135 mg/day, above the current dose; it was only in a
caution). The words are the caution's own and the check's (``label_start.label_words``)."""

from __future__ import annotations

from mps_pain.domain.rotation.label_start import label_reads_less, label_words
from mps_pain.domain.rotation.models import RotationPlan

__all__ = ["label_reduction"]


def label_reduction(plan: RotationPlan) -> str:
    """'; by the patch label (25 mcg/h ≈ oral morphine 90 mg/day) this 37.5 mcg/h patch ≈ 135
    mg/day, 12.5% above the current 120 mg/day' where the label reads the planned patch as less
    of a reduction than the plan states; else nothing."""
    read = plan.patch_label
    if read is None or not label_reads_less(read, plan.reduction):
        return ""
    return f"; {label_words(read)}"
