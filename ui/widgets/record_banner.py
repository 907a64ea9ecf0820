"""The banner over the tabs saying the editor's record has a newer regimen (clinician review 5,
defect 1). Only Qt here: the words come from ``ui.records.stale_record.stale_text``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ui.unchanged import restyle

__all__ = ["StaleRecordBanner"]

_STYLE = "QLabel { background: #fff1c2; color: #5a3b00; font-weight: bold; padding: 4px; }"


class StaleRecordBanner(QLabel):
    """Hidden unless there is something to say; styled when it first says something (a style
    sheet costs ~1 ms of every window made, and most never show the banner)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName("Newer regimen on record")
        self.hide()

    def say(self, text: str) -> None:
        if text:
            restyle(self, _STYLE)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))
