"""The planner's choice boxes: a named combo box, and how much wider it must be to show its
longest choice whole (moved out of ``planner_panel.py``)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

__all__ = ["named_combo", "wider_for_choices"]


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
