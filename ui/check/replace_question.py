"""The question before "Start from the current regimen" replaces a typed proposed order
(clinician re-check 12b, #4: the typed rows were replaced without a word). Its words are the
presentation layer's (``presentation.orders.replace_proposed_question``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from mps_pain.presentation.orders import replace_proposed_question

if TYPE_CHECKING:
    from ui.editing import RowEntry

__all__ = ["replace_asked", "typed_rows"]


def typed_rows(rows: Sequence[RowEntry]) -> int:
    """How many rows hold something typed (a blank new row holds nothing to lose)."""
    return sum(any(isinstance(v, str) and v.strip() for v in entry.raw.values()) for entry in rows)


def replace_asked(parent: QWidget, rows: int) -> bool:
    """Whether the typed proposed order may be replaced: Enter replaces, Esc keeps it."""
    words = replace_proposed_question(rows)
    box = QMessageBox(QMessageBox.Icon.Question, words.title, words.text, parent=parent)
    replace = box.addButton(words.replace, QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(words.keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(replace)
    box.setEscapeButton(keep)
    box.exec()
    parent.window().activateWindow()  # the keys go back to the order (the cursor is put there)
    return box.clickedButton() is replace
