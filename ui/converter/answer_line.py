"""The quick converter's one line: the answer (the dose to give, large) and its working below.

They are two labels so that the answer, short, stays on screen at scale 2 while its working
(up to six lines under a band table) wraps below it (review 5: the whole line in the large font
was cut at the foot of a 640×360 screen). ``text()`` is the line as one sentence after the
other, as a screen reader and the tests read it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

__all__ = ["AnswerLine"]

_GAP_PX = 2


class AnswerLine(QWidget):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversion_line")
        self.answer = _label(self, "Conversion result", scale=1.2)
        self.answer.setObjectName("conversion_answer")
        self.working = _label(self, "Working", scale=1.0)
        self.working.setObjectName("conversion_working")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(_GAP_PX)
        layout.addWidget(self.answer)
        layout.addWidget(self.working)
        self.set_line(text)

    def set_line(self, answer: str, working: str = "") -> None:
        """The answer (or the reason there is none) and its working, if any."""
        self.answer.setText(answer)
        self.working.setText(working)
        self.working.setVisible(bool(working))

    def text(self) -> str:
        return " ".join(part for part in (self.answer.text(), self.working.text()) if part)


def _label(parent: QWidget, name: str, *, scale: float) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label
