"""The mouse wheel changes only the list or number box the user is working in.

Clinician review 6, #4: scrolling a form with the pointer over a unit list turned mg/day into
mg and then mcg/h, and over *From drug* turned oxycodone into hydromorphone, without a click.
Every list (combo box) and number box (spin box) of the app, whoever made it:

- is never focused by the wheel (``Qt.WheelFocus`` becomes ``Qt.StrongFocus`` when the widget
  is polished), and
- ignores a wheel event while it does not have the keyboard focus, so the event goes on to
  the scrolling page behind it instead of changing the value.

The app's style is wrapped (a ``QProxyStyle`` over Fusion) so that each widget, as it is
polished, is looked at once; a list or number box gets the focus rule and an event filter of
its own. An application-wide Python event filter did the same by seeing every event of the
app: ~2,400 events per main window made, each crossing into Python, a third of the CPU of
building one (issue 11); the first such event also made PySide6 build ~190 Python enums of
Qt's classes (~50 ms). The app's start-up installs the guard once the first MME is on screen
(``ui/app.py``, issue 10 §7); installing sweeps the lists and number boxes that already
exist, so those polished before it get the same rules. ``apply_theme`` keeps the guard when it
sets the style again (``guarded_style``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QProxyStyle,
    QStyle,
    QWidget,
)

__all__ = ["guarded_style", "install_wheel_guard"]

_GUARDED = (QComboBox, QAbstractSpinBox)


class _WheelGuard(QObject):
    """The event filter of each list and number box: a wheel event over one that does not
    have the focus is not its to take (a spin box's own line edit hands it on to the box)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QWheelEvent) and isinstance(watched, QWidget):
            if watched.hasFocus():
                return False
            event.ignore()  # not accepted: Qt hands it on to the page behind, which scrolls
            return True
        return False


class _GuardStyle(QProxyStyle):
    """The app's style, which guards each list and number box as it is polished."""

    def polish(self, target: Any) -> Any:  # the QWidget, QApplication and QPalette overloads
        done = super().polish(target)
        if isinstance(target, _GUARDED):
            _guard_box(target)
        return done


def _guard_box(widget: QWidget) -> None:
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if _guard is not None:
        widget.installEventFilter(_guard)  # once: installing it again only moves it first


_guard: _WheelGuard | None = None
_style: _GuardStyle | None = None


def guarded_style(name: str) -> QStyle | str:
    """The style ``name`` (e.g. "Fusion") for ``QApplication.setStyle``: wrapped by the guard
    once it is installed, so a theme change keeps it."""
    global _style
    app = QCoreApplication.instance()
    if _guard is None or app is None or _guard.parent() is not app:
        return name
    _style = _GuardStyle(name)  # kept here: the app owns it, Python must not collect it
    return _style


def install_wheel_guard() -> None:
    """Install the guard on the running application (once; later calls do nothing)."""
    global _guard
    app = QCoreApplication.instance()
    if not isinstance(app, QApplication) or (_guard is not None and _guard.parent() is app):
        return
    _guard = _WheelGuard(app)
    base = app.style()
    app.setStyle(guarded_style(base.name() or "Fusion"))  # the palette set before is kept
    for widget in QApplication.allWidgets():  # those polished before the guard was there
        if isinstance(widget, _GUARDED):
            _guard_box(widget)
