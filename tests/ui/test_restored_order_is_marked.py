"""Clinician review 14, #2 (review 13 #5 / 13b #5): Ctrl+Z on the check tab after an example was
opened brought back the previous regimen's proposed order (oxycodone ER 60 mg q12h) and judged
it against Takamatsu's regimen, with only a status-bar line to say so. While the order shown is
one restored from before the regimen was replaced, the verdict carries a lasting mark, on screen
and on the printed check, until the order is edited or cleared. Real window, QTest keys."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import shown
from tests.ui.keyboard import press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
MARK = "written against the previous regimen"


def _restored_order(window: Any, qtbot: Any) -> Any:
    """Patient A's order checked, an example opened (the order cleared), then Ctrl+Z on the
    check tab: the order is back."""
    shown(window)
    press((Qt.Key.Key_3, CTRL), (Qt.Key.Key_U, ALT))
    check = window.check
    qtbot.waitUntil(lambda: check.result is not None)
    menu = window.menu_actions.examples_menu
    case_2 = next(a.menu() for a in menu.actions() if a.text() == "Takamatsu 2018, case 2")
    case_2.actions()[1].trigger()
    assert not check.proposal.state.rows
    shown(window)
    press((Qt.Key.Key_3, CTRL))
    check.proposed_editor.view.setFocus()
    press((Qt.Key.Key_Z, CTRL))
    qtbot.waitUntil(lambda: check.result is not None)
    return check


def test_a_restored_order_is_marked_until_it_is_edited(case_window, qtbot) -> None:
    check = _restored_order(case_window, qtbot)
    assert MARK in check.verdict.text(), check.verdict.text()
    assert "belongs to this patient" in check.verdict.text()
    # lasting: another check (the set changed, the regimen recomputed) keeps it
    check.table.setFocus()
    press(Qt.Key.Key_Down)
    check.check_now()
    assert MARK in check.verdict.text(), check.verdict.text()
    # editing the order makes it this patient's order: the mark goes
    view = check.proposed_editor.view
    model = check.proposed_editor.model
    view.setFocus()
    view.setCurrentIndex(model.index(0, model.column_of("note")))
    press("checked", Qt.Key.Key_Return)
    check.check_now()
    assert check.result is not None
    assert MARK not in check.verdict.text(), check.verdict.text()


def test_redo_clears_the_mark_with_the_order(case_window, qtbot) -> None:
    check = _restored_order(case_window, qtbot)
    press((Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier))
    check.check_now()
    assert not check.proposal.state.rows
    assert MARK not in check.verdict.text(), check.verdict.text()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_printed_check_carries_the_mark(
    case_window, qtbot, monkeypatch, tmp_path: Path
) -> None:
    _restored_order(case_window, qtbot)
    target = tmp_path / "check.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    case_window.menu_actions.by_name["check_pdf_a4"].trigger()
    done = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True)
    text = " ".join(done.stdout.split())
    assert MARK in text, text
