"""The workstation's tabs: whole titles, never elided (issue 10 §3; review L1 at scale 2).

Each tab has a long title ("Switching pla&nner") and a short one ("Pla&nner") with the same
Alt key. The long titles are shown when they fit beside the corner widget; on a narrow window
(scale factor 2 on 1280×720) every tab shows its short title, whole. The long title is always
the tab's tooltip and its accessible name, so nothing is lost when it is short.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTabWidget, QWidget

__all__ = ["ViewTabs"]


class ViewTabs(QTabWidget):
    """A tab widget whose titles switch between long and short forms to fit, never elided."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles: dict[QWidget, tuple[str, str]] = {}
        self._short = False
        self.setElideMode(Qt.TextElideMode.ElideNone)
        self.setUsesScrollButtons(False)

    def add_view(self, page: QWidget, title: str, short: str) -> None:
        self.put_view(self.count(), page, title, short)

    def put_view(self, position: int, page: QWidget, title: str, short: str) -> None:
        """Insert ``page`` at ``position`` (replacing the page there, if any)."""
        current = self.currentIndex()
        if position < self.count():
            old = self.widget(position)
            if old is not None:
                self._titles.pop(old, None)
            self.removeTab(position)
        self.insertTab(position, page, short if self._short else title)
        self._titles[page] = (title, short)
        whole = title.replace("&", "")
        self.setTabToolTip(position, whole)
        self.tabBar().setAccessibleTabName(position, whole)
        if current >= 0:
            self.setCurrentIndex(current)
        self._fit_titles()

    def short_titles(self) -> bool:
        """True when the tabs show their short titles (the window is narrow)."""
        return self._short

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_titles()

    def _fit_titles(self) -> None:
        bar = self.tabBar()
        corner = self.cornerWidget(Qt.Corner.TopRightCorner)
        room = self.width() - (corner.sizeHint().width() if corner is not None else 0) - 8
        metrics = bar.fontMetrics()
        padding = max(
            (
                bar.tabSizeHint(i).width() - metrics.horizontalAdvance(self._plain(i))
                for i in range(self.count())
            ),
            default=0,
        )
        needed = sum(
            metrics.horizontalAdvance(title.replace("&", "")) + padding
            for title, _short in self._titles.values()
        )
        short = needed > room
        if short == self._short:
            return
        self._short = short
        for position in range(self.count()):
            page = self.widget(position)
            titles = self._titles.get(page) if page is not None else None
            if titles is not None:
                self.setTabText(position, titles[1] if short else titles[0])

    def _plain(self, position: int) -> str:
        return self.tabText(position).replace("&", "")
