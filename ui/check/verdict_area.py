"""The check's verdict in a place that holds still (clinician review 14, #10).

Clicking "Start from the current regimen" turned the one-line prompt into the verdict in large
type, and the proposed order's table below moved ~28 px down: a second click aimed at Dose
landed on Drug. The verdict's area is reserved from the start (a line of the large type, within
the two prompt lines a small screen allows) and, at a given width, never shrinks: it grows only
for a verdict longer than it has held. The words under the verdict (the numbers, the orders)
are laid out below the order's table, so their wrapping moves nothing above it either.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["VerdictLabel"]

RESERVED_LINES = 1  # of the large type ("Within the expected range"; at scale 2 the page
# allows no more than two lines of the prompt's type: tests/ui/test_small_screen_pages.py)


class VerdictLabel(QLabel):
    """A word-wrapped label whose height is reserved and never shrinks; ``big_font`` is the
    verdict's large type, ``normal_font`` the prompt's."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setMargin(8)
        self.normal_font = QFont(self.font())
        self.big_font = QFont(self.font())
        # ui-fix3 #1: the prompt in the normal type (at scale 2 it took half the page)
        self.big_font.setPointSizeF(max(self.big_font.pointSizeF(), 9.0) * 1.4)
        self.big_font.setBold(True)
        lines = RESERVED_LINES * QFontMetrics(self.big_font).lineSpacing()
        self._reserved = lines + 2 * self.margin()
        self._held_width = -1
        self.setMinimumHeight(self._reserved)

    def setText(self, text: str) -> None:
        """The words (the panel sets the font first): the height held for them."""
        super().setText(text)
        self._hold()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._hold()

    def _hold(self) -> None:
        """At least the height the words need now; at the same width, never less than before
        (a new width starts again from the reserve: the page is laid out afresh anyway)."""
        if not self.isVisible() or self.width() <= 0:
            return  # a hidden label's width is not the one it will be shown at
        held = self.minimumHeight() if self.width() == self._held_width else self._reserved
        self._held_width = self.width()
        needed = self.heightForWidth(self.width())
        if max(held, needed) != self.minimumHeight():
            self.setMinimumHeight(max(held, needed))
