"""The equianalgesic reference-set chooser that the planner and the quick converter share: its
name, and its list (each set by name, its description as the item's tooltip)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

if TYPE_CHECKING:
    from mps_pain.tables.index import TableIndex

__all__ = ["fill_equianalgesic_sets", "set_choice"]

_NAME = "Equianalgesic reference set"


def set_choice(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(_NAME)
    combo.setToolTip(_NAME)
    return combo


def fill_equianalgesic_sets(combo: QComboBox, tables: TableIndex) -> None:
    """The sets a switch can be planned under (``purpose: equianalgesic``), in table order."""
    for set_ in tables.tables.reference_sets:
        if set_.purpose == "equianalgesic":
            combo.addItem(set_.name, set_.id)
            combo.setItemData(combo.count() - 1, set_.description, Qt.ItemDataRole.ToolTipRole)
