"""The one question before a save that could store the wrong thing: a warning with "Save …" and
"Cancel", where Enter and Esc cancel (the patient's identity, another patient's record, a record
with a newer regimen)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

__all__ = ["save_asked"]


def save_asked(parent: QWidget, title: str, text: str, save: str) -> bool:
    """True only when the clinician clicks ``save`` (its label, with its ``&`` key)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    chosen = box.addButton(save, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("&Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is chosen
