"""Undo commands: every change to the editor is a whole-state swap, so undo is exact."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from ui.editing import EditorState
    from ui.session import EditorSession

__all__ = ["ReplaceStateCommand"]


class ReplaceStateCommand(QUndoCommand):
    """Replace the editor state (an edit, a row move, a header change, or a whole plan)."""

    def __init__(
        self, session: EditorSession, before: EditorState, after: EditorState, text: str
    ) -> None:
        super().__init__(text)
        self._session = session
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._session.apply_state(self._after)

    def undo(self) -> None:
        self._session.apply_state(self._before)
