"""A dialog that keeps every key typed for it, even before it has the keyboard.

A modal ``QDialog.exec()`` blocks its parent window at once, while the window system keeps
sending keys to the parent until the dialog's own window is mapped and focused. Qt drops keys
for a window a modal dialog blocks, so an ID typed straight after Ctrl+Shift+R lost its first
keys ("MRN-2002" became "002", and a second Enter created patient "002": clinician review 10 #3
and review 11 #1). ``run_keeping_keys`` shows the dialog without Qt's modality and keeps the
parent out of reach itself: while the dialog is open, every key the parent window receives goes
to the dialog's field, in the order typed, and the parent's clicks and wheel do nothing. A
question the dialog asks (a message box) is modal as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QDialog, QWidget

__all__ = ["run_keeping_keys"]

_KEYS = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease}
_POINTER = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
}


class _ParentToDialog(QObject):
    """The application's event filter while the dialog is open (see the module's docstring)."""

    def __init__(self, field: QWidget, parent_window: QWidget) -> None:
        super().__init__(field)
        self._field = field
        self._parent = parent_window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _KEYS and kind not in _POINTER and kind != QEvent.Type.ShortcutOverride:
            return False
        if not self._in_parent(watched) or QApplication.activeModalWidget() is not None:
            return False  # the dialog's own input, or a question over it (Qt blocks the rest)
        if kind == QEvent.Type.ShortcutOverride:  # no menu shortcut of the parent fires…
            event.accept()
            return True
        if kind in _KEYS and isinstance(event, QKeyEvent):  # …its keys go to the field, in order
            forwarded = QKeyEvent(
                kind,
                event.key(),
                event.modifiers(),
                event.text(),
                event.isAutoRepeat(),
                event.count(),
            )
            QApplication.sendEvent(self._field, forwarded)
        return True  # clicks and wheel on the parent do nothing while the dialog is open

    def _in_parent(self, watched: QObject) -> bool:
        if isinstance(watched, QWidget):
            return watched.window() is self._parent
        return isinstance(watched, QWindow) and watched is self._parent.windowHandle()


def run_keeping_keys(dialog: QDialog, field: QWidget) -> int:
    """Show ``dialog`` and wait until it closes, like ``exec()``, with every key typed to its
    parent window meanwhile sent to ``field`` (see above). Returns the dialog's result."""
    owner = dialog.parentWidget()
    app = QApplication.instance()
    if owner is None or not isinstance(app, QApplication):
        return dialog.exec()
    keeper = _ParentToDialog(field, owner.window())
    loop = QEventLoop()
    dialog.finished.connect(loop.quit)
    app.installEventFilter(keeper)  # before the dialog shows: no key slips past
    try:
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        if dialog.isVisible():
            loop.exec()
    finally:
        app.removeEventFilter(keeper)
        keeper.deleteLater()
    return dialog.result()
