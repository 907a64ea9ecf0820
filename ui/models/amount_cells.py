"""What an amount cell of the regimen table is given and how a refused cell is marked.

The number box of an amount (``ui/delegates/quantity_delegate.py``) adds the unit list's unit to
a plain number; the cell keeps the text as typed too, so that a refused cell reads exactly as
typed ("-5", never "-5 mcg/h" as if accepted; clinician review 5), with a mark beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from mps_pain.units import ParsedQuantity

__all__ = ["AmountAsTyped", "as_read", "refused_mark"]

#: the amount cells of a row, each read by the core as a quantity
_AMOUNT_CELLS = ("dose", "rate", "daily_dose", "concentration")


@dataclass(frozen=True, slots=True)
class AmountAsTyped:
    """An amount cell's new text (``"-5 mcg/h"``, the unit list's unit added) and what was typed
    in its box (``"-5"``)."""

    text: str
    typed: str


def refused_mark() -> QIcon:
    """The mark beside a refused cell's text: its colour is never the only sign (issue 10 §6)."""
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def as_read(item: object, name: str, value: object) -> str:
    """A cell's text: an amount the core read, as it reads it ("25 mcg/h" for "25mcg/hr",
    clinician review 18 #9, as totals and plans print it); any other cell, or an amount of a row
    not read, as written. Editing reopens the text typed (the cell's edit text)."""
    read = getattr(item, name, None) if name in _AMOUNT_CELLS else None
    if isinstance(read, ParsedQuantity):
        return str(read)
    return "" if value is None else str(value)
