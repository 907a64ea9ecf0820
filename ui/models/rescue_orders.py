"""The proposed rows the Pharmacist check takes as breakthrough orders (lead's screenshot,
session 15: a proposed as-needed line with its doses a day "not reported", accepted by the check
as a rescue order, was outlined in red by the proposal editor and called "excluded").

The rule is the check's own (``domain.rotation.check_rescues``, read from
``CheckResult.proposed_rescues``): the editor draws those rows as the check reads them, never
as refused; it decides nothing itself. The words are the check's (``RESCUE_MARK``). Each
counted row's OME/day is the one the check's verdict sums (``CheckResult.proposed_line_ome``,
clinician re-check 17b #4: SC oxycodone read 40 in its row, 60 in the verdict's total).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from mps_pain.domain.results import MmeLine

__all__ = ["checked_tip", "rescue_cell", "without_rescues"]

_R = Qt.ItemDataRole


def without_rescues(
    found: list[tuple[int, str | None, str]], rescues: frozenset[int]
) -> list[tuple[int, str | None, str]]:
    """The rows left out of the editor's total, less those the check takes as rescue orders."""
    return [left for left in found if left[0] not in rescues] if rescues else found


def rescue_cell(role: int) -> Any:
    """The MME cell of a rescue order: "breakthrough", said in full on hover and aloud."""
    # start-up seam: the check's words load with the check tab, after the first paint
    from mps_pain.presentation.orders import RESCUE_MARK

    said = f"{RESCUE_MARK[:1].upper()}{RESCUE_MARK[1:]} (see the check's reasons)."
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
        f"{line.explanation}. The check reads this line as a new opioid is read: "
        f"{format_number(valued)} a day (see the check's reasons)."
    )
