"""Clinician review 19, M1: after two PDF exports, Ctrl+2, Ctrl+S and a file name, the file was
written and the app said "An unexpected problem occurred inside the program" (the traceback:
``_write`` → ``refresh_recent`` → ``menu.clear()``: the Open recent menu's C++ object was
already deleted). A save that wrote its file says so; the Open recent menu is made again in its
place and lists the file. The menu is deleted here as Qt had deleted it. Real window, QTest keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import shown
from tests.ui.keyboard import press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_save_says_saved_and_the_recent_menu_comes_back(
    case_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = shown(case_window)
    target = tmp_path / "jo-bloggs.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.menu_actions.recent_menu.deleteLater()  # as Qt deletes an object: by its event loop
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(window.menu_actions.recent_menu)
    press((Qt.Key.Key_2, CTRL), (Qt.Key.Key_S, CTRL))
    assert target.exists()
    assert window.statusBar().currentMessage() == f"Saved {target.name}"
    recent = window.menu_actions.recent_menu
    assert recent is not None and shiboken6.isValid(recent)
    file_menu = window.menu_actions.file_menu
    titles = [a.text() for a in file_menu.actions()]
    assert titles.index("Open &recent") == titles.index("&Examples (published cases)") - 1
    assert recent.actions()[0].toolTip() == str(target)
