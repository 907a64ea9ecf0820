"""Every window fits the screen it opens on (issue 10 §3; clinician review D12).

A window asks for its comfortable size; it gets at most 92% of the available screen geometry,
so at 1280×720, or 1920×1080 at scale factor 2 (960×540 logical), it never opens larger than the
screen. The main window also remembers its size (ui/main_window.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["resize_to_fit"]

SHARE_OF_SCREEN = 0.92


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width``×``height`` logical pixels, or less to fit its screen."""
    screen = widget.screen() or QApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    available = screen.availableGeometry()
    widget.resize(
        min(width, int(available.width() * SHARE_OF_SCREEN)),
        min(height, int(available.height() * SHARE_OF_SCREEN)),
    )
