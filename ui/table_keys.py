"""Keyboard conventions for the app's editable tables.

- Typing on a selected cell replaces its text (the first key is kept); F2 edits it in place.
- Delete empties the current cell (Ctrl+Delete removes the row).
- Enter on a cell (not editing it) is offered to ``on_enter`` first: the regimen table confirms
  an amount kept across a change of drug with it.
- Alt+Down opens the cell's list (drug, route, form, frequency; the unit list of an amount).
- Tab and Shift+Tab move to the next or previous cell that takes input, as in a spreadsheet
  (Qt's item-view convention): an open editor is committed first (with its list of suggestions
  open, the highlighted suggestion is taken), and the next cell opens for typing. Tab on a row's
  last cell goes to the next row's first; Tab on the last cell of the last row (Shift+Tab on the
  first of the first) leaves the table. Ctrl+Tab and Ctrl+Shift+Tab leave the table for the next
  or previous pane from anywhere in it (clinician review 12, #2: Tab left the grid and the next
  keys overwrote the patient header).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QWidget

__all__ = ["TableKeys", "clear_cell", "is_tab", "leave_table", "open_list", "tab_in_table"]

_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier


def leave_table(view: QWidget, *, forward: bool) -> bool:
    """Move the focus to the next (or previous) focusable widget outside ``view``."""
    reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
    widget: QWidget | None = view
    for _ in range(500):  # the focus chain is a ring; never loop forever
        assert widget is not None
        widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
        if widget is None or widget is view:
            return False
        if (
            not view.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and widget.focusProxy() is None
        ):
            widget.setFocus(reason)
            return True
    return False


def is_tab(key: int) -> bool:
    return key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


def _takes_input(index: QModelIndex) -> bool:
    flags = index.flags()
    return bool(flags & (Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable))


def _next_cell(view: QAbstractItemView, *, forward: bool) -> QModelIndex | None:
    """The next (previous) cell that takes input, along the row and then the next row; None
    past the table's end (or its start)."""
    model, current = view.model(), view.currentIndex()
    if model is None:
        return None
    rows, columns = model.rowCount(), model.columnCount()
    if not current.isValid():
        position = -1 if forward else rows * columns
    else:
        position = current.row() * columns + current.column()
    step = 1 if forward else -1
    position += step
    while 0 <= position < rows * columns:
        index = model.index(position // columns, position % columns)
        if _takes_input(index):
            return index
        position += step
    return None


def tab_in_table(view: QAbstractItemView, key: int, modifiers: Qt.KeyboardModifier) -> bool:
    """Tab or Shift+Tab (with no editor open: the caller commits and closes it first) moves to
    the next or previous cell and opens it for typing; Ctrl+Tab / Ctrl+Shift+Tab, or Tab past
    the table's end, leave the table for the next or previous pane."""
    forward = key == Qt.Key.Key_Tab and not modifiers & _SHIFT
    if modifiers & _CTRL:
        return leave_table(view, forward=forward)
    index = _next_cell(view, forward=forward)
    if index is None:
        return leave_table(view, forward=forward)
    view.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
    view.setCurrentIndex(index)
    if index.flags() & Qt.ItemFlag.ItemIsEditable and not isinstance(
        index.data(Qt.ItemDataRole.EditRole), bool
    ):
        view.edit(index)
    return True


def open_list(view: QAbstractItemView) -> bool:
    """Open the current cell's editor and show its list (for a cell with a list)."""
    index = view.currentIndex()
    if not index.isValid() or not index.flags() & Qt.ItemFlag.ItemIsEditable:
        return False
    view.edit(index)
    editor = view.indexWidget(index)
    if editor is None:
        return False
    combo = editor if isinstance(editor, QComboBox) else editor.findChild(QComboBox)
    if combo is None:
        return False
    combo.setFocus(Qt.FocusReason.PopupFocusReason)
    combo.showPopup()
    return True


def clear_cell(view: QAbstractItemView) -> bool:
    """Delete empties the current cell (one undoable change); a check box is left alone."""
    if view.state() == QAbstractItemView.State.EditingState:
        return False
    index = view.currentIndex()
    model = view.model()
    if model is None or not index.isValid() or not index.flags() & Qt.ItemFlag.ItemIsEditable:
        return False
    if isinstance(index.data(Qt.ItemDataRole.EditRole), bool):
        return False
    model.setData(index, "", Qt.ItemDataRole.EditRole)
    return True


class TableKeys(QObject):
    """Event filter for a table view: Tab/Shift+Tab move between cells (Ctrl+Tab leaves),
    Alt+Down opens a cell's list."""

    def __init__(
        self, view: QAbstractItemView, on_enter: Callable[[QModelIndex], bool] | None = None
    ) -> None:
        super().__init__(view)
        self._view = view
        self._on_enter = on_enter
        view.setTabKeyNavigation(False)
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._view or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key, modifiers = event.key(), event.modifiers()
        if key == Qt.Key.Key_Down and modifiers == Qt.KeyboardModifier.AltModifier:
            return open_list(self._view)
        if key == Qt.Key.Key_Delete and modifiers == Qt.KeyboardModifier.NoModifier:
            return clear_cell(self._view)
        not_editing = self._view.state() != QAbstractItemView.State.EditingState
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not_editing and self._on_enter:
            return self._on_enter(self._view.currentIndex())
        if is_tab(key) and not_editing:
            return tab_in_table(self._view, key, modifiers)
        return False
