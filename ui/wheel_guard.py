"""The mouse wheel changes only the list or number box the user is working in.

Clinician review 6, #4: scrolling a form with the pointer over a unit list turned mg/day into
mg and then mcg/h, and over *From drug* turned oxycodone into hydromorphone, without a click.
One application-wide event filter (installed once, by every top-level window of the app):

- a combo box or spin box is never focused by the wheel (``Qt.WheelFocus`` becomes
  ``Qt.StrongFocus`` when the widget is polished), and
- a wheel event over one that does not have the keyboard focus is ignored, so it goes on to
  the scrolling page behind it instead of changing the value.

The first event an application-wide Python filter sees makes PySide6 build ~190 Python enums
of Qt's classes (~50 ms of CPU). The app's start-up therefore installs the guard once the first
MME is on screen (``ui/app.py``, issue 10 §7); installing sweeps the lists and number boxes that
already exist, so those polished before it get the same focus rule.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

__all__ = ["install_wheel_guard"]

_GUARDED = (QComboBox, QAbstractSpinBox)


def _guarded_owner(watched: QObject) -> QWidget | None:
    """The combo or spin box ``watched`` is, or is part of (a spin box's line edit)."""
    widget = watched if isinstance(watched, QWidget) else None
    for _ in range(2):
        if widget is None:
            return None
        if isinstance(widget, _GUARDED):
            return widget
        widget = widget.parentWidget()
    return None


class _WheelGuard(QObject):
    """Sees every event of the app (~4,400 per Qt test of the suite), so it asks
    the cheap questions first: the event's class (a wheel event arrives as a ``QWheelEvent``)
    and the widget's, and reads ``event.type()`` (a Python enum made per call: 60% of the
    filter's time when asked first) only of a combo or spin box's events."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QWheelEvent):
            owner = _guarded_owner(watched)
            if owner is None or owner.hasFocus():
                return False
            event.ignore()  # not accepted: Qt hands it on to the page behind, which scrolls
            return True
        if isinstance(watched, _GUARDED) and event.type() == QEvent.Type.Polish:
            _no_wheel_focus(watched)
        return False


def _no_wheel_focus(widget: QWidget) -> None:
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


_guard: _WheelGuard | None = None


def install_wheel_guard() -> None:
    """Install the guard on the running application (once; later calls do nothing)."""
    global _guard
    app = QCoreApplication.instance()
    if app is None or (_guard is not None and _guard.parent() is app):
        return
    _guard = _WheelGuard(app)
    app.installEventFilter(_guard)
    for widget in QApplication.allWidgets():  # those polished before the guard was there
        if isinstance(widget, _GUARDED):
            _no_wheel_focus(widget)
