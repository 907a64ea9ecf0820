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
    identifier."""
    view.blockSignals(True)
    view.clear()
    view.addItems([p.info.identifier for p in listing.patients])
    for err in listing.damaged:
        item = QListWidgetItem(damaged_patient_line(err), view)
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # shown (greyed), never selected or opened
        item.setToolTip(damaged_patient_tip(err))
    view.blockSignals(False)
    # every identifier whole (at scale 2 "takamatsu-2018-case-1" was cut; review L1); a damaged
    # line wraps after its identifier instead of widening the list (and the window)
    view.setWordWrap(True)
    metrics = view.fontMetrics()
    firsts = [p.info.identifier for p in listing.patients]
    firsts += [damaged_patient_line(err).split(" (")[0] for err in listing.damaged]
    view.setMinimumWidth(
        max((metrics.horizontalAdvance(text) for text in firsts), default=0)
        + 2 * view.frameWidth()
        + view.verticalScrollBar().sizeHint().width()
        + 8  # the item's own margins
    )
