"""The planner's choice boxes: a named combo box, how much wider it must be to show its longest
choice whole, and the route box refilled for a new drug (moved out of ``planner_panel.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QWidget

from mps_pain.domain.rotation.methadone_method import default_method
from mps_pain.presentation.target_choice import kept_route

if TYPE_CHECKING:
    from mps_pain.tables.index import TableIndex

__all__ = ["name_default_method", "named_combo", "refill_keeping", "wider_for_choices"]


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
    """The methadone method box: its first choice is the chosen set's own method, named "…
    (the default)" (review M4: it read "table default"; ui-fix3 #4: under the UK set it named
    the Japanese label, the tables' default), then every other method once (clinician review
    10 #4: the default was listed again under its own name). The choice is kept: a method
    chosen by name that becomes the set's default is the first choice."""
    rotation = tables.tables.rotation if tables is not None else None
    if rotation is None or tables is None or set_id is None:
        return
    default = default_method(rotation, tables.reference_set(set_id).market)
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(f"{default.name} (the default)", None)
    for method in rotation.methadone.methods:
        if method.id != default.id:
            combo.addItem(method.name, method.id)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    combo.blockSignals(False)


def refill_keeping(combo: QComboBox, routes: Sequence[str]) -> None:
    """The route box filled with ``routes`` (a drug's, from the catalogue), the route chosen
    before still chosen when it is one of them (``target_choice.kept_route``; clinician review
    21, N5: a new drug put SC back to oral)."""
    kept = kept_route(routes, combo.currentData())
    combo.clear()
    for route in routes:
        combo.addItem(route, route)
    combo.setCurrentIndex(max(combo.findData(kept), 0))
