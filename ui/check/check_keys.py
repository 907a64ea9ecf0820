"""The check tab's keys after a check (clinician re-check 17b, #7): in the empty proposed order
Ctrl+Enter, the manual's "Add row", added no row and moved the focus to the reasons, and the row
typed next went on by Tab from the reasons into the patient header ("sc" became the Patient ID,
"injection" the age, without a prompt). Ctrl+Enter checks the order on this tab (ui-fix3 #3);
with no proposed row, where there is nothing to check, it adds the first one, as it does on the
Regimen tab; and Tab from the reasons, the check's last stop, goes on into the proposed order,
never out of the check into the header (Shift+Tab, and the header's own keys, still reach it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

from ui.error_words import START_FROM_CURRENT

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.widgets.regimen_editor import RegimenEditor

__all__ = ["TabBackIntoOrder", "check_or_first_row", "enter_order_words"]


def enter_order_words(add_keys: str) -> str:
    """The line above an order with nothing to check yet: the keys of this tab, said."""
    shown = QKeySequence(add_keys).toString(QKeySequence.SequenceFormat.NativeText)
    return (
        f"Enter the proposed regimen on the right (or {START_FROM_CURRENT}): {shown} adds the "
        "next row, Ctrl+Return checks the order."
    )


def check_or_first_row(editor: RegimenEditor) -> bool:
    """Ctrl+Return with no proposed row: the first row, the cursor in its first cell (the
    line above says which key adds the next one); True when it was added (nothing checked)."""
    if editor.model.rowCount():
        return False
    editor.add_row()
    editor.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return True


class TabBackIntoOrder(QObject):
    """Tab on the reasons (the check's last stop) goes to the proposed order, not the header."""

    def __init__(self, reasons: QWidget, order: QWidget) -> None:
        super().__init__(reasons)
        self._order = order
        reasons.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
            if event.key() == Qt.Key.Key_Tab and plain:
                self._order.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)
