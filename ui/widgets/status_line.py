"""The main window's status bar, whose messages wrap onto more lines instead of being cut at
the window's edge (clinician review 16 #7: "…were not copied from Takamatsu 2018 case 1: enter
them for th" at 1280×720; the note that explained the new labels was lost).

``QStatusBar`` draws a temporary message on one line and clips it. This bar keeps the same
calls (``showMessage(text, timeout)``, ``clearMessage()``, ``currentMessage()`` and the
``messageChanged`` signal), so every place that reports a result is unchanged, and shows the
text in a word-wrapped label that can be selected and copied."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

__all__ = ["MAX_LINES", "WrappingStatusBar"]

MAX_LINES = 2  # more would take the plot's and the table's rows at a scale of 2


class WrappingStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("statusMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addWidget(self.message_label, 1)
        self._text = ""
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self.clearMessage)

    @Slot(str, int)
    def showMessage(self, text: str, /, timeout: int | None = 0) -> None:
        """``text`` shown whole; cleared after ``timeout`` ms when one is given."""
        self._text = text
        self.message_label.setToolTip(text)
        self._fit()
        if timeout:
            self._expiry.start(timeout)
        else:
            self._expiry.stop()
        self.messageChanged.emit(text)

    @Slot()
    def clearMessage(self) -> None:
        self._expiry.stop()
        if not self._text:
            return
        self._text = ""
        self.message_label.setToolTip("")
        self._fit()
        self.messageChanged.emit("")

    def currentMessage(self) -> str:
        return self._text

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The label as tall as its wrapped text at the bar's width, up to ``MAX_LINES`` (a
        status bar's layout does not ask a word-wrapped label for its height at a width); a
        longer text is cut at a word with "…" and read whole in the tooltip."""
        label = self.message_label
        metrics = label.fontMetrics()
        width = max(self.contentsRect().width() - 12, 40)
        tallest = MAX_LINES * metrics.height()

        def height(text: str) -> int:
            wrap = Qt.TextFlag.TextWordWrap
            return metrics.boundingRect(QRect(0, 0, width, 100_000), wrap, text).height()

        text = self._text
        words = text.split(" ")
        while len(words) > 1 and height(text) > tallest:
            words.pop()
            text = " ".join(words) + " …"
        label.setText(text)
        label.setFixedHeight(min(max(height(text), metrics.height()), tallest))
