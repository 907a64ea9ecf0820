"""The MME column's cell of the regimen table: the row's contribution per day, or why it has
none (a new row, an amount to confirm, a row left out), as the engine's line and the check's
reading give it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt

from ui.models.regimen_columns import ERROR_ROLE
from ui.models.rescue_orders import checked_tip, rescue_cell

if TYPE_CHECKING:
    from mps_pain.domain.results import MmeLine

__all__ = ["mme_cell"]


class ReadRows(Protocol):
    """What the cell is read from: the regimen table model's reading of its rows."""

    rescue_rows: frozenset[int]
    check_ome: dict[int, float]

    def line_for_row(self, row: int) -> MmeLine | None: ...
    def row_problem(self, row: int) -> str | None: ...
    def is_incomplete(self, row: int) -> bool: ...
    def is_unconfirmed(self, row: int) -> bool: ...


def mme_cell(model: ReadRows, row: int, role: int) -> Any:
    # start-up seam: loaded on first use, after the first paint (ui/app.py)
    from mps_pain.units import format_number

    line = model.line_for_row(row)
    problem = model.row_problem(row)
    if row in model.rescue_rows and problem is None:
        return rescue_cell(role)
    if role == Qt.ItemDataRole.DisplayRole:
        if model.is_incomplete(row):
            return "incomplete"
        if model.is_unconfirmed(row):
            return "confirm dose"
        if problem is not None:
            return "excluded"
        if line is None:
            return ""
        if line.mme_per_day is None:
            return "adjuvant"
        shown = format_number(model.check_ome.get(row, line.mme_per_day))
        return shown if line.counted else f"({shown}) not counted"
    if role == Qt.ItemDataRole.ToolTipRole:
        if model.is_incomplete(row):
            return "New row: not counted until it is filled in."
        if problem is not None and model.is_unconfirmed(row):
            return problem
        if problem is not None:
            return f"Left out of the total: {problem}"
        return checked_tip(line, model.check_ome.get(row)) if line is not None else None
    if role == ERROR_ROLE:
        return problem
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if role == Qt.ItemDataRole.AccessibleTextRole:
        return f"Row contribution: {line.explanation}" if line is not None else problem
    return None
