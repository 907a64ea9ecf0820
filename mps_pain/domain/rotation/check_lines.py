"""The check's reading of each proposed row, by the row's index in the proposal as written
(clinician re-check 17b #4: the proposed table's OME/day column read SC oxycodone 20 mg/day at
its row's factor, 40, while the verdict read it as a target, 60, so the rows did not add up to
the "proposed" total). The verdict is worked on the proposal less its rescue orders
(``check_rescues.split_rescues``); its lines' OME (``CheckResult.proposed_line_ome``, from
``target_factor.as_target_ome``) are numbered back to the rows of the proposal as written."""

from __future__ import annotations

from typing import Any

from mps_pain.domain.rotation.check_result import CheckResult

__all__ = ["proposed_rows"]


def proposed_rows(result: CheckResult, rescues: tuple[int, ...], rows: int) -> dict[str, Any]:
    """The result's update: ``rescues`` (indexes in the proposal as written, ``rows`` long) and
    each counted line's OME as the verdict sums it, by its index in the proposal as written
    (index i of the proposal the verdict reads, its rescue orders set aside, is the i-th row
    that is not a rescue order)."""
    written = [i for i in range(rows) if i not in rescues]
    by_row = tuple(
        (written[index], ome) for index, ome in result.proposed_line_ome if index < len(written)
    )
    return {"proposed_rescues": rescues, "proposed_line_ome": by_row}
