"""Small parts of the Practice window: the read-only table model, a titled box, field hints."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QIdentityProxyModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from mps_pain.unit_kinds import UnitKind, check_unit, daily_total_kind
from mps_pain.units import UnitParseError

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


DAILY_UNITS = ("mg/day", "mcg/day", "mcg/h", "mg/h")


def unit_fits(unit: str, kind: UnitKind) -> bool:
    try:
        check_unit(unit, kind)
    except UnitParseError:
        return False
    return True


def field_hints(exercise: Exercise) -> dict[str, Any]:
    """Default units and the frequency asked, from the exercise's target (never the answer)."""
    if exercise.switch is None:
        return {}
    to = exercise.switch.to
    patch = to.route == "transdermal"
    fentanyl = to.drug.lower().startswith("fentanyl")
    daily = "mcg/h" if patch else ("mcg/day" if fentanyl else "mg/day")
    rate_unit = "mcg/h" if patch or fentanyl else "mg/h"
    # the units the grader reads for a daily amount by this route (``daily_total_kind``, the
    # rule ``mme`` applies; fuzz review 8, #6: no "mg/h" offered for an oral daily amount)
    units = tuple(u for u in DAILY_UNITS if unit_fits(u, daily_total_kind(to.route)))
    return {
        "equianalgesic_daily_dose": {"unit": daily, "units": units},
        "target_daily_dose": {"unit": daily, "units": units},
        "regimen": {
            "unit": rate_unit if to.is_continuous else "mg",
            "rate": to.is_continuous,
            "frequency": str(to.frequency) if to.frequency else None,
        },
        "breakthrough_dose": {"unit": "mg"},
    }
