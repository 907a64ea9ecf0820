"""Light and dark palettes (Fusion style), or the system's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from ui.wheel_guard import guarded_style

__all__ = ["ERROR_BORDER_STYLE", "ERROR_TEXT_STYLE", "apply_theme", "banner_style"]

ERROR_TEXT_STYLE = "color: rgb(190, 30, 30); font-weight: bold;"  # a refusal's sentence
ERROR_BORDER_STYLE = "border: 2px solid rgb(200, 30, 30);"  # a field that must be corrected


def banner_style(background: str) -> str:
    """A banner's label: bold white words on ``background`` (an alert, a record in doubt)."""
    return f"QLabel {{ background: {background}; color: white; font-weight: bold; padding: 6px; }}"


def _dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(225, 225, 225)
    for r, colour in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, QColor(40, 40, 44)),
        (role.ToolTipBase, QColor(60, 60, 64)),
        (role.ToolTipText, text),
        (role.PlaceholderText, QColor(150, 150, 150)),
        (role.Text, text),
        (role.Button, window),
        (role.ButtonText, text),
        (role.BrightText, QColor(255, 90, 90)),
        (role.Link, QColor(110, 170, 255)),
        (role.Highlight, QColor(60, 110, 180)),
        (role.HighlightedText, QColor(255, 255, 255)),
    ):
        palette.setColor(r, colour)
    palette.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(130, 130, 130))
    palette.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(130, 130, 130))
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """``system`` follows the desktop; ``light``/``dark`` force a palette."""
    app.setStyle(guarded_style("Fusion"))  # keeps the wheel guard (ui/wheel_guard.py)
    hints = app.styleHints()
    if theme == "dark":
        hints.setColorScheme(Qt.ColorScheme.Dark)
        app.setPalette(_dark_palette())
    elif theme == "light":
        hints.setColorScheme(Qt.ColorScheme.Light)
        app.setPalette(app.style().standardPalette())
    else:
        hints.unsetColorScheme()
        app.setPalette(app.style().standardPalette())
