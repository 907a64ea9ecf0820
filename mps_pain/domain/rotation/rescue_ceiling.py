"""The largest rescue dose set aside as an order, not summed: the breakthrough rule's top for the
larger of the proposed regular dose and the dose the patient takes now (clinician review 17, #1,
the property of the brief).

A switching plan gives its breakthrough dose at 1/6 (rounded down) of ITS regimen; a proposal
anywhere in the plan's expected range is as right, and one below the plan's own dose makes the
plan's rescue more than 1/6 of it (oxycodone 5 mg beside oral oxycodone 27 mg/day, the low end of
a plan of 40 mg/day). The set-aside then summed it by its count, so a correctly reduced order
with the plan's own rescue read WITHIN at 1 or 2 doses, ABOVE at 6 and was refused "not
reported": the verdict turned on a count nobody knows (rule 2: a rescue order's count is never
summed). The breakthrough rule is 1/6 of the 24-h dose (clinical-sources §3(d)), and the dose the
patient is tolerant to is the current regimen's (the same base as a rescue beside methadone,
``rescue_methadone``): a dose within 1/6 of it is no overdose for this patient, and a plan's own
rescue (1/6 of a target never above the current OME) always is. So one dose up to 1/6 of the
larger of the two, as the rescue's drug, is an order; above it a rescue is summed or refused for
its count, as before. Both sides are OME valued by one function (``rescue_base``), so the
ceiling depends on the regular dose and the current regimen, never on which lines make the
proposal but for the switch's kind: re-check 17b, H3, the UNREDUCED current OME let an old-dose
rescue (oxycodone 30 mg x12 beside a halved switch from 300 mg/day OME: 690 mg/day at its count)
read WITHIN, so the current side is no more than the top of the switch's own expected range, the
most the sources allow the new regular dose to be (``rescue_top``: 225 there, so 25 mg; a plan's
target, and so its rescue's base, is never above it). The size caution (``rescue_fit``) still
judges a rescue against the proposal's own regular dose.
"""

from __future__ import annotations

from mps_pain.domain.rotation.ome import CurrentOme
from mps_pain.domain.rotation.rescue_size import RescueSize

__all__ = ["set_aside_ceiling"]


def set_aside_ceiling(
    size: RescueSize, now: CurrentOme | None, top: float | None = None
) -> float | None:
    """The largest one dose (mg of the rescue's drug) of ``size``'s rescue set aside as an
    order: the top of its range, raised in proportion where the current regimen ``now`` (no
    more than ``top``, the switch's expected range's top in OME a day) is more than the
    proposal's regular dose; None when the rule gives no top."""
    if size.bt.high is None:
        return None
    current = now.total_mg_per_day if now is not None else 0.0
    if top is not None:
        current = min(current, top)
    return size.bt.high.value * max(1.0, current / size.base_ome)
