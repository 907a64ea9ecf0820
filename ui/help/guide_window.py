"""Help → User guide: the offline guide shipped inside the package, in a QTextBrowser."""

from __future__ import annotations

from importlib import resources

from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from ui.screen_fit import resize_to_fit
from ui.window_keys import install_close_keys

__all__ = ["UserGuide", "guide_text"]


def guide_text() -> str:
    """The guide's Markdown, read from the installed package (works from a wheel)."""
    return resources.files("ui.help").joinpath("user_guide.md").read_text(encoding="utf-8")


class UserGuide(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("User guide — MPS Pain")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("user_guide")
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(guide_text())
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        resize_to_fit(self, 820, 680, name="user_guide")
        install_close_keys(self)  # Esc, Ctrl+W: as every secondary window
