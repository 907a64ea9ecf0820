"""Edit → Undo and Redo, which show the regimen rows they change.

One undo history holds every edit of the document (the regimen's rows and the patient header).
Undone from another tab, a change of rows happened out of sight: on the Pharmacist check tab
Ctrl+Z put the current regimen's oxycodone back from 90 to 60 mg/day, the regimen the check
compares against, with no sign on screen (clinician re-check 12b, #1). An undo or redo that
changes the rows brings the Regimen tab forward and says in the status bar what it did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from ui.workstation import Workstation

__all__ = ["undo_redo_actions"]

REGIMEN_TAB = 0  # "Regimen and MME", where the rows are edited


def undo_redo_actions(window: Workstation) -> tuple[QAction, QAction]:
    """The Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z, Ctrl+Y) actions of ``window``'s document."""
    stack = window.session.undo_stack
    undo = _action(window, "&Undo", "Undone", stack.undo, stack.undoText)
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    undo.setEnabled(stack.canUndo())
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.undoTextChanged.connect(lambda text: undo.setText(f"&Undo {text}".strip()))
    redo = _action(window, "&Redo", "Redone", stack.redo, stack.redoText)
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    redo.setEnabled(stack.canRedo())
    stack.canRedoChanged.connect(redo.setEnabled)
    stack.redoTextChanged.connect(lambda text: redo.setText(f"&Redo {text}".strip()))
    return undo, redo


def _action(
    window: Workstation, label: str, done: str, step: Callable[[], None], text: Callable[[], str]
) -> QAction:
    action = QAction(label, window)
    action.triggered.connect(lambda: _step_in_sight(window, done, step, text()))
    return action


def _step_in_sight(window: Workstation, done: str, step: Callable[[], None], what: str) -> None:
    state = window.session.state
    rows_before = state.rows if state is not None else None
    step()
    state = window.session.state
    if state is None or state.rows == rows_before or window.tabs.currentIndex() == REGIMEN_TAB:
        return
    window.show_tab(REGIMEN_TAB)
    window.statusBar().showMessage(f"{done} on the regimen: {what}")
