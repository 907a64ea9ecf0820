"""Esc and Ctrl+W close a secondary window (the records, Practice, the user guide): one
convention, one place (clinician review 11, #7: Practice kept both)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

__all__ = ["CLOSE_KEYS", "install_close_keys"]

CLOSE_KEYS = ("Esc", "Ctrl+W")


def install_close_keys(window: QWidget) -> None:
    """Esc and Ctrl+W, from anywhere in ``window``, close it."""
    for keys in CLOSE_KEYS:
        shortcut = QShortcut(QKeySequence(keys), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(window.close)
