"""The planner's choice boxes: a named combo box, and how much wider it must be to show its
longest choice whole (moved out of ``planner_panel.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QWidget

from mps_pain.domain.rotation.methadone_method import default_method

if TYPE_CHECKING:
    from mps_pain.tables.index import TableIndex

__all__ = ["name_default_method", "named_combo", "wider_for_choices"]


def named_combo(parent: QWidget, name: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    return combo


def wider_for_choices(combo: QComboBox) -> int:
    """How much wider than its size hint ``combo`` must be to show its longest choice whole."""
    metrics = combo.fontMetrics()
    longest = max(
        (metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0
    )
    field = combo.sizeHint().width() - metrics.horizontalAdvance(
        "X" * combo.minimumContentsLength()
    )
    return max(0, field + longest - combo.sizeHint().width())


def name_default_method(combo: QComboBox, tables: TableIndex | None, set_id: str | None) -> None:
    """The methadone method box's first choice names the default in words: the chosen set's
    own method (review M4: it read "table default"; ui-fix3 #4: under the UK set it named the
    Japanese label, the tables' default)."""
    rotation = tables.tables.rotation if tables is not None else None
    if rotation is None or tables is None or set_id is None:
        return
    market = tables.reference_set(set_id).market
    combo.setItemText(0, f"{default_method(rotation, market).name} (the default)")
