"""One question before typed work is dropped (clinician review 14, #8b: a second Escape in
Record regimen change… discarded the typed reason and rows without asking).

The main window asks before an unsaved regimen goes (``ui.document_file.ask_unsaved``) and
Practice before unchecked answers go; a dialog that collects typed work asks with this one
question. Keep editing is the default and the Escape answer: one key never drops typed work.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

__all__ = ["may_discard_typed"]


def may_discard_typed(parent: QWidget, title: str, what: str) -> bool:
    """True when the person chose to discard ``what`` ("the reason and the rows typed")."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        f"{what[:1].upper()}{what[1:]} are not recorded yet and would be lost. Discard them?",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.button(QMessageBox.StandardButton.Discard).setText("&Discard")
    box.button(QMessageBox.StandardButton.Cancel).setText("&Keep editing")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Discard
