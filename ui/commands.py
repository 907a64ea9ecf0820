"""Undo commands: every change to the editor is a whole-state swap, so undo is exact."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from ui.editing import EditorState


class StateHolder(Protocol):
    """What a command changes: the session (``ui.session.EditorSession``, which pushes the
    commands; naming it here would make the two modules import each other)."""

    def apply_state(self, state: EditorState) -> None: ...


__all__ = ["ReplaceStateCommand"]


class ReplaceStateCommand(QUndoCommand):
    """Replace the editor state (an edit, a row move, a header change, or a whole plan)."""

    def __init__(
        self, session: StateHolder, before: EditorState, after: EditorState, text: str
    ) -> None:
        super().__init__(text)
        self._session = session
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._session.apply_state(self._after)

    def undo(self) -> None:
        self._session.apply_state(self._before)
