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

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from shiboken6 import isValid

if TYPE_CHECKING:
    from ui.workstation import Workstation

__all__ = ["undo_redo_actions"]

REGIMEN_TAB = 0  # "Regimen and MME", where the rows are edited
CHECK_TAB = 2  # the Pharmacist check, whose proposed order has its own undo history
PROPOSED = " (proposed order)"
REGIMEN = " (regimen)"  # named when acted on out of view (clinician review 13, #7)


def undo_redo_actions(window: Workstation) -> tuple[QAction, QAction]:
    """The Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z, Ctrl+Y) actions of ``window``'s document. On
    the check tab they act on the proposed order while it has a step to undo or redo, the table
    in view (clinician re-check 12b, #4: Ctrl+Z there did not bring back the typed order that
    "Start from the current regimen" replaced); else on the regimen, brought forward."""
    undo = QAction("&Undo", window)
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    redo = QAction("&Redo", window)
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    undo.triggered.connect(lambda: _step(window, undo=True))
    redo.triggered.connect(lambda: _step(window, undo=False))
    hooked: list[QUndoStack] = []

    def refresh(*_args: object) -> None:
        if not _alive(window):  # a stack cleared as the window is torn down
            return
        check = window.check
        if check is not None and not hooked:  # the check tab is built after the first paint
            hooked.append(check.proposal.undo_stack)
            _follow(check.proposal.undo_stack, refresh)
            check.proposal.undo_stack.indexChanged.connect(lambda *_: _forget_step(window))
        _show(window, undo, undo=True)
        _show(window, redo, undo=False)

    _follow(window.session.undo_stack, refresh)
    window.session.undo_stack.indexChanged.connect(lambda *_: _forget_step(window))
    window.tabs.currentChanged.connect(refresh)
    refresh()
    return undo, redo


def _alive(window: Workstation) -> bool:
    parts: list[object] = [window.tabs, window.session.undo_stack]
    if window.check is not None:
        parts += [window.check, window.check.proposal.undo_stack]
    return all(isValid(part) for part in parts)


#: the openings of the status bar's word on an undo or redo (``_step``)
_STEP_SAID = ("Undone ", "Redone ")


def _forget_step(window: Workstation) -> None:
    """Any later step of either history clears the word on the last undo or redo (clinician
    review 18 #9: "Undone on the regimen: Edit Form in row 3" stayed through five later
    edits); an undo or redo says its own word after its step, so it is never cleared."""
    if _alive(window) and window.statusBar().currentMessage().startswith(_STEP_SAID):
        window.statusBar().clearMessage()


def _follow(stack: QUndoStack, refresh: Callable[..., None]) -> None:
    for signal in (stack.indexChanged, stack.canUndoChanged, stack.canRedoChanged):
        signal.connect(refresh)
    stack.undoTextChanged.connect(refresh)
    stack.redoTextChanged.connect(refresh)


def _target(window: Workstation, *, undo: bool) -> tuple[QUndoStack, bool]:
    """The stack an undo (or redo) acts on, and whether it is the proposed order's."""
    check = window.check
    if check is not None and window.tabs.currentIndex() == CHECK_TAB:
        stack = check.proposal.undo_stack
        if stack.canUndo() if undo else stack.canRedo():
            return stack, True
    return window.session.undo_stack, False


def _show(window: Workstation, action: QAction, *, undo: bool) -> None:
    """The label names the table it acts on unless that is the Regimen tab in view: on the
    check tab Undo read "Undo Edit Frequency in row 2" beside "Redo … (proposed order)" and
    acted on the hidden regimen (clinician review 13, #7)."""
    stack, proposed = _target(window, undo=undo)
    text = stack.undoText() if undo else stack.redoText()
    label = "&Undo" if undo else "&Redo"
    in_view = window.tabs.currentIndex() == REGIMEN_TAB
    table = PROPOSED if proposed else "" if in_view or not text else REGIMEN
    action.setText(f"{label} {text}{table}".strip())
    action.setEnabled(stack.canUndo() if undo else stack.canRedo())


def _step(window: Workstation, *, undo: bool) -> None:
    stack, proposed = _target(window, undo=undo)
    what = stack.undoText() if undo else stack.redoText()
    done = "Undone" if undo else "Redone"
    step = stack.undo if undo else stack.redo
    if proposed:
        step()
        window.statusBar().showMessage(f"{done} in the proposed order: {what}")
        return
    _step_in_sight(window, done, step, what)


def _step_in_sight(window: Workstation, done: str, step: Callable[[], None], what: str) -> None:
    """Every step says what it did, so a redo never leaves "Undone…" on the status bar (review
    13, #7); one that changes the rows out of sight brings the Regimen tab forward."""
    state = window.session.state
    rows_before = state.rows if state is not None else None
    step()
    state = window.session.state
    changed_rows = state is not None and state.rows != rows_before
    if changed_rows and window.tabs.currentIndex() != REGIMEN_TAB:
        window.show_tab(REGIMEN_TAB)
    if what:
        window.statusBar().showMessage(f"{done} on the regimen: {what}")
