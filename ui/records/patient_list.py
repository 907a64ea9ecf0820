"""The records window's patient list: every patient that reads back whole, by identifier, and
each damaged one named as damaged, listed but never openable (fuzz review 5, R1: one damaged row
must not hide the others)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ui.records.record_words import damaged_patient_line, damaged_patient_tip

if TYPE_CHECKING:
    from mps_pain.persistence.unit_of_work import PatientListing

__all__ = ["fill_patient_list"]


def fill_patient_list(view: QListWidget, listing: PatientListing) -> None:
    """The patients of ``listing`` in ``view`` (signals blocked), as wide as the widest
    identifier; a damaged one's words wrap under its identifier instead of widening the list
    (and the window: at scale 2 it scrolled sideways)."""
    view.blockSignals(True)
    view.setWordWrap(False)
    view.clear()
    view.addItems([p.info.identifier for p in listing.patients])
    damaged = []
    for err in listing.damaged:  # measured by their first line, then given their words
        item = QListWidgetItem(damaged_patient_line(err).split(" (")[0], view)
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # shown (greyed), never selected or opened
        item.setToolTip(damaged_patient_tip(err))
        damaged.append((item, damaged_patient_line(err)))
    # every identifier whole (at scale 2 "takamatsu-2018-case-1" was cut; review L1)
    view.setMinimumWidth(
        view.sizeHintForColumn(0)
        + 2 * view.frameWidth()
        + view.verticalScrollBar().sizeHint().width()
        + 8  # the item's own margins
    )
    for item, text in damaged:
        item.setText(text)
    view.setWordWrap(bool(damaged))
    view.blockSignals(False)
