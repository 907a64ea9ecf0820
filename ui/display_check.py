"""Whether the desktop window can open at all, said in one line (fuzz review 19, D4).

Without a display Qt aborts the process (exit 134) after its own messages, the last of which
advises reinstalling the application: wrong advice, and no documented exit code. ``gui`` asks
first: on Linux and other X11/Wayland systems with no platform chosen (``QT_QPA_PLATFORM``)
and neither ``DISPLAY`` nor ``WAYLAND_DISPLAY`` set, no window can open, and it says so and how
to run it (exit 1). A display that is named but cannot be reached (or a missing system library)
is caught while the application is made: Qt's fatal message is replaced by the same one line
(``run_guarded``), and its start-up warnings are shown only when the start succeeds.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from typing import TypeVar

__all__ = ["HOW_TO_RUN", "made_with_display", "no_display_reason"]

HOW_TO_RUN = (
    "run it in a desktop session, or under a virtual display (xvfb-run mps-pain gui), or set "
    "QT_QPA_PLATFORM=offscreen for scripted use (mps-pain gui --smoke)"
)

T = TypeVar("T")


def no_display_reason(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str | None:
    """Why no window can open here, or None when one may (the display is tried by Qt)."""
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    if system == "darwin" or system.startswith(("win", "cygwin")):
        return None  # the system's own window server, no variable names it
    if env.get("QT_QPA_PLATFORM", "").strip():
        return None  # a platform chosen (offscreen, vnc, wayland, xcb …): Qt is asked as told
    if env.get("DISPLAY", "").strip() or env.get("WAYLAND_DISPLAY", "").strip():
        return None
    return f"no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set): {HOW_TO_RUN}"


def made_with_display(make: Callable[[], T]) -> T:
    """``make()`` (the QApplication), with Qt's fatal start-up message turned into one line
    and exit 1; Qt's warnings while it starts are held and
    shown only if it starts."""
    # start-up seam: Qt loads only for the window
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    held: list[str] = []

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            # Qt's own last words advise reinstalling: the first warning says what failed
            why = f" ({held[0].strip()})" if held and held[0].strip() else ""
            sys.stderr.write(f"mps-pain: gui: the display could not be opened{why}: {HOW_TO_RUN}\n")
            sys.stderr.flush()
            os._exit(1)  # Qt aborts when a fatal handler returns
        held.append(message)

    previous = qInstallMessageHandler(handler)
    try:
        made = make()
    finally:
        qInstallMessageHandler(previous)
    for message in held:
        sys.stderr.write(message + "\n")
    return made
