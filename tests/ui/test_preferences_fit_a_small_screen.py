"""Review 4 (clinician), D12: at scale 2 on a 1280×720 screen (640×360 logical) the Preferences
dialog was wider than the screen, with OK and Cancel off its right edge: the user could neither
confirm nor cancel. A dialog must fit the logical screen with its buttons on it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tests.ui.fit_checks import SIZES
from ui.settings import AppSettings

WIDTH, HEIGHT = SIZES["1280x720@2 = 640x360 logical"]


def test_preferences_fit_a_scale_2_screen_with_ok_and_cancel_on_it(qtbot, tables, tmp_path: Path):
    from ui.preferences import PreferencesDialog

    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    dialog = PreferencesDialog(settings, tables)
    qtbot.addWidget(dialog)
    dialog.resize(dialog.sizeHint())
    assert dialog.sizeHint().width() <= WIDTH, dialog.sizeHint()
    assert dialog.sizeHint().height() <= HEIGHT, dialog.sizeHint()
    dialog.show()
    QApplication.processEvents()
    box = dialog.findChild(QDialogButtonBox)
    for button in box.buttons():
        corner = button.mapTo(dialog, QPoint(0, 0))
        assert dialog.rect().contains(QRect(corner, button.size())), button.text()
    assert dialog.width() <= WIDTH and dialog.height() <= HEIGHT
    # the whole name of the chosen set is on hover
    assert dialog.default_set.toolTip() == dialog.default_set.currentText()
