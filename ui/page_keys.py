"""The keys of the tab shown, wherever the focus is in it, the tab bar included (clinician
review 18, #3).

Typing the header by keys alone left the focus on the tab bar: there Ctrl+Return ("Add row")
did nothing, and the row typed next went on by Tab through the regimen page and round the
window's focus chain into the header (the Patient box read "2.5 mg/h", without a prompt).

- A key pressed on the tab bar does what it does on the tab shown: the page's own action for
  that key (the regimen page's Add row, the check's Ctrl+Return: its first row or a check,
  ``ui/check/check_keys.py``). The actions are the page's, not copies.
- Tab never goes out of the tab shown into the header: from the page's last stop it goes round
  to the page's first (the stop Tab from the tab bar reaches). Shift+Tab, and the header's own
  keys and mnemonics, still reach the header. A page may choose its own landing first (the
  check's reasons go back into the proposed order: ``TabBackIntoOrder``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

__all__ = ["TabBarGivesPageKeys", "next_stop", "page_action", "tab_round_the_page"]

_NOT_A_KEY = Qt.KeyboardModifier.KeypadModifier  # Ctrl+Enter on the keypad is Ctrl+Enter


def next_stop(widget: QWidget) -> QWidget | None:
    """The widget Tab goes to from ``widget``: the next in the focus chain that takes the focus
    by Tab, is shown and enabled, in the same window (None if there is none)."""
    window, found = widget.window(), widget.nextInFocusChain()
    for _ in range(1000):  # the focus chain is a ring; never loop forever
        if found is None or found is widget:
            return None
        if (
            found.window() is window
            and found.isVisible()
            and found.isEnabled()
            and bool(found.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and found.focusProxy() is None
        ):
            return found
        found = found.nextInFocusChain()
    return None


def tab_round_the_page(tabs: QTabWidget) -> bool:
    """Tab from the tab shown (or its tab bar) that would leave the tabs (for the header)
    goes to the page's first stop instead; True when it moved the focus there."""
    focus = QApplication.focusWidget()
    if focus is None or not tabs.isAncestorOf(focus):
        return False
    target = next_stop(focus)
    if target is None or tabs.isAncestorOf(target):
        return False
    first = next_stop(tabs.tabBar())
    if first is None or not tabs.isAncestorOf(first):
        return False
    first.setFocus(Qt.FocusReason.TabFocusReason)
    return True


def page_action(page: QWidget | None, keys: QKeySequence) -> QAction | None:
    """The page's own enabled action whose shortcut is ``keys``, if any."""
    for action in page.actions() if page is not None else []:
        if action.isEnabled() and any(keys == shortcut for shortcut in action.shortcuts()):
            return action
    return None


class TabBarGivesPageKeys(QObject):
    """A key pressed on the tab bar, that no shortcut took, triggers the shown page's action
    for that key (Ctrl+Return: Add row on the Regimen tab)."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self._tabs = tabs
        tabs.tabBar().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~_NOT_A_KEY
            if modifiers & ~Qt.KeyboardModifier.ShiftModifier:  # a shortcut, not a letter
                keys = QKeySequence(QKeyCombination(modifiers, event.keyCombination().key()))
                action = page_action(self._tabs.currentWidget(), keys)
                if action is not None:
                    action.trigger()
                    return True
        return super().eventFilter(watched, event)
