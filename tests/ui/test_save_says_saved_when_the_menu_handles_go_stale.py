"""Clinician review 20, N3 (review 19 M1 again): started with no file, a first row typed and
Ctrl+S said "An unexpected problem occurred" though the file was written, 3 saves of 3. The
error log: ``refresh_recent`` → ``menu.clear()``, "Internal C++ object (QMenu) already deleted".
Traced under Xvfb (the lead, session 19): the menus were NOT deleted — the menu bar and all its
menus still stood — but PySide6 had invalidated the Python handles the window kept on the menu
bar and its menus (``shiboken6.isValid`` turned false at the first total, while
``menuBar().findChildren(QMenu)`` still found them). Session 18's guard re-made the menu only
when the kept File menu handle was valid. The menus are now found by name where they stand
each time; the state is made here as PySide6 made it (``shiboken6.invalidate``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import shown
from tests.ui.keyboard import press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_save_says_saved_when_the_kept_menu_handles_are_invalid(
    case_window: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = shown(case_window)
    target = tmp_path / "fresh-m1.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    actions = window.menu_actions
    for handle in (actions.recent_menu, actions.file_menu, actions.examples_menu):
        shiboken6.invalidate(handle)  # the handle only: Qt's menus stand, as traced
    assert window.menuBar().actions()[0].menu().actions()  # the File menu is still there
    press((Qt.Key.Key_S, CTRL))
    assert target.exists()
    assert window.statusBar().currentMessage() == f"Saved {target.name}"
    file_menu = window.menuBar().actions()[0].menu()
    recent = [a.menu() for a in file_menu.actions() if a.text() == "Open &recent"]
    assert len(recent) == 1, [a.text() for a in file_menu.actions()]  # not made twice
    assert recent[0].isEnabled()
    assert recent[0].actions()[0].toolTip() == str(target)
