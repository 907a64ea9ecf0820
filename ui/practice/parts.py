"""Small parts of the Practice window: the read-only table model, a titled box, field hints."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QIdentityProxyModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from mps_pain.practice.models import Exercise

__all__ = ["ReadOnlyTable", "field_hints", "group_box"]


class ReadOnlyTable(QIdentityProxyModel):
    """The editor's table model, with nothing editable or checkable."""

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return super().flags(index) & ~(
            Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        )


def group_box(title: str, widget: QWidget, parent: QWidget) -> QGroupBox:
    box = QGroupBox(title, parent)
    layout = QVBoxLayout(box)
    layout.addWidget(widget)
    return box


def field_hints(exercise: Exercise) -> dict[str, Any]:
    """Default units and the frequency asked, from the exercise's target (never the answer)."""
    if exercise.switch is None:
        return {}
    to = exercise.switch.to
    patch = to.route == "transdermal"
    fentanyl = to.drug.lower().startswith("fentanyl")
    daily = "mcg/h" if patch else ("mcg/day" if fentanyl else "mg/day")
    rate_unit = "mcg/h" if patch or fentanyl else "mg/h"
    return {
        "equianalgesic_daily_dose": {"unit": daily},
        "target_daily_dose": {"unit": daily},
        "regimen": {
            "unit": rate_unit if to.is_continuous else "mg",
            "rate": to.is_continuous,
            "frequency": str(to.frequency) if to.frequency else None,
        },
        "breakthrough_dose": {"unit": "mg"},
    }
