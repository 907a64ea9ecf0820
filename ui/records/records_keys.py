"""The records window's keys: Esc and Ctrl+W close it; Ctrl+Tab and Ctrl+Shift+Tab (also
Ctrl+PgDown/PgUp) move between its tabs from anywhere in the window and put the cursor in the
tab shown, so the Saved plans list is reached without the mouse (clinician review M6)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QTabWidget, QWidget

from ui.window_keys import install_close_keys

__all__ = ["install_records_keys"]


def _focus_page(tabs: QTabWidget) -> None:
    page = tabs.currentWidget()
    if page is None:
        return
    views = [page] if isinstance(page, QAbstractItemView) else []
    views += page.findChildren(QAbstractItemView)
    target = views[0] if views else page
    target.setFocus(Qt.FocusReason.TabFocusReason)
    if isinstance(target, QAbstractItemView) and not target.currentIndex().isValid():
        first = target.model().index(0, 0) if target.model() is not None else None
        if first is not None and first.isValid():
            target.setCurrentIndex(first)


def _step(tabs: QTabWidget, by: int) -> Callable[[], None]:
    def step() -> None:
        tabs.setCurrentIndex((tabs.currentIndex() + by) % tabs.count())
        _focus_page(tabs)

    return step


def _shortcut(window: QWidget, keys: str, slot: Callable[[], object]) -> None:
    shortcut = QShortcut(QKeySequence(keys), window)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(slot)


def install_records_keys(window: QWidget, tabs: QTabWidget) -> None:
    install_close_keys(window)
    for keys, by in (("Ctrl+Tab", 1), ("Ctrl+PgDown", 1), ("Ctrl+Shift+Tab", -1)):
        _shortcut(window, keys, _step(tabs, by))
    _shortcut(window, "Ctrl+PgUp", _step(tabs, -1))
