"""What an amount cell of the regimen table is given and how a refused cell is marked.

The number box of an amount (``ui/delegates/quantity_delegate.py``) adds the unit list's unit to
a plain number; the cell keeps the text as typed too, so that a refused cell reads exactly as
typed ("-5", never "-5 mcg/h" as if accepted; clinician review 5), with a mark beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

__all__ = ["AmountAsTyped", "refused_mark"]


@dataclass(frozen=True, slots=True)
class AmountAsTyped:
    """An amount cell's new text (``"-5 mcg/h"``, the unit list's unit added) and what was typed
    in its box (``"-5"``)."""

    text: str
    typed: str


def refused_mark() -> QIcon:
    """The mark beside a refused cell's text: its colour is never the only sign (issue 10 §6)."""
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
