"""The proposed rows the Pharmacist check takes as breakthrough orders (lead's screenshot,
session 15: a proposed as-needed line with its doses a day "not reported", accepted by the check
as a rescue order, was outlined in red by the proposal editor and called "excluded").

The rule is the check's own (``domain.rotation.check_rescues``, read from
``CheckResult.proposed_rescues``): the editor draws those rows as the check reads them, never
as refused; it decides nothing itself. The words are the check's (``check_rescue``). Each
counted row's OME/day is the one the check's verdict sums (``CheckResult.proposed_line_ome``,
clinician re-check 17b #4: SC oxycodone read 40 in its row, 60 in the verdict's total).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from mps_pain.domain.results import MmeLine
    from mps_pain.domain.rotation.check_result import CheckResult
    from ui.editing import EditorState

__all__ = ["check_rows", "checked_tip", "rescue_cell", "without_rescues"]

_R = Qt.ItemDataRole


def without_rescues(
    found: list[tuple[int, str | None, str]], rescues: Collection[int]
) -> list[tuple[int, str | None, str]]:
    """The rows left out of the editor's total, less those the check takes as rescue orders."""
    return [left for left in found if left[0] not in rescues] if rescues else found


def rescue_cell(role: int, said: str) -> Any:
    """The MME cell of a row the check judges by the breakthrough rule, within it or above it:
    "breakthrough", ``said`` in full on hover and aloud (clinician review 21, N7)."""
    if role == _R.DisplayRole:
        return "breakthrough"
    if role in (_R.ToolTipRole, _R.AccessibleTextRole):
        return said
    if role == _R.TextAlignmentRole:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


def checked_tip(line: MmeLine, valued: float | None) -> str:
    """A row's worked line; where the check's verdict values it otherwise (a line new in the
    proposal read as a target), that value and where it is said."""
    if valued is None or line.mme_per_day is None or abs(valued - line.mme_per_day) < 1e-9:
        return line.explanation
    # start-up seam: the check's words load with the check tab, after the first paint
    from mps_pain.units import format_number

    return (
        f"{line.explanation}. The check values this new line as the switching plan would "
        f"(the factor for a switch to it): {format_number(valued)} a day; see its reasons."
    )


def check_rows(
    state: EditorState | None, result: CheckResult | None
) -> tuple[dict[int, str], dict[int, float]]:
    """The editor rows the check judges by the breakthrough rule, each with its hover words, and
    each counted row's OME as its verdict sums it (no check: none of either)."""
    if state is None or result is None:
        return {}, {}
    # start-up seam: the check's words load with the check tab, after the first paint
    from mps_pain.presentation.check_rescue import breakthrough_orders

    orders = breakthrough_orders(result, state.document.items)
    rows = ((state.row_of_item(i), said) for i, said in orders.items())
    valued = ((state.row_of_item(i), ome) for i, ome in result.proposed_line_ome)
    return (
        {r: said for r, said in rows if r is not None},
        {row: ome for row, ome in valued if row is not None},
    )
