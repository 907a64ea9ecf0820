"""Clinician re-check 20c, L1: Tools → Preferences → Formulary market UK, then Practice: the
window read "hydromorphone oral ER 4 mg q12h … Switch to morphine oral (ER q12h)" and its Form
cells "ER", where every other pane said "MR". The Practice window speaks the preferences'
market (read at each "New exercises"), as the workstation's panes speak it for a document
that names none; its prompt, its regimen's Form cells and its worked answer alike."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import shown
from tests.ui.test_practice_window import _type_engine_answers
from ui.models.regimen_table_model import COLUMNS
from ui.practice.launch import open_practice
from ui.practice.practice_window import PracticeWindow
from ui.settings import AppSettings

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

US_FORM = re.compile(r"(?<![\w'])ER(?![\w'])")
WORDS_NOTE = re.compile(r"\(written [^)]* in the US\)")
FORM = next(i for i, (name, _, _) in enumerate(COLUMNS) if name == "form")


def _forms(practice: PracticeWindow) -> list[str]:
    model = practice.regimen.model()
    return [str(model.index(row, FORM).data() or "") for row in range(model.rowCount())]


def _long_acting(practice: PracticeWindow) -> bool:
    """Move to the first exercise of the batch whose regimen has a long-acting row."""
    for _ in practice.exercises:
        if "MR" in _forms(practice) or "ER" in _forms(practice):
            return True
        practice.next_exercise()
    return False


def test_practice_speaks_the_preferences_market(
    make_window, tables, app_settings: AppSettings, qtbot, monkeypatch, tmp_path
) -> None:
    monkeypatch.setenv("MPS_PAIN_DATABASE_URL", f"sqlite:///{tmp_path / 'records.sqlite3'}")
    app_settings.market = "UK"
    window = shown(make_window(tables))
    practice = open_practice(window)
    assert practice is not None
    qtbot.addWidget(practice)
    practice.activateWindow()
    qtbot.waitActive(practice)
    practice.level.setCurrentIndex(practice.level.findData(3))
    practice.new_exercises()
    assert _long_acting(practice)
    assert "MR" in _forms(practice) and "ER" not in _forms(practice)
    assert not US_FORM.search(practice.prompt.text()), practice.prompt.text()
    _type_engine_answers(practice)
    QTest.mouseClick(practice.check_button, Qt.MouseButton.LeftButton)
    assert practice.report is not None, practice.message.text()
    QTest.mouseClick(practice.worked_button, Qt.MouseButton.LeftButton)
    worked = WORDS_NOTE.sub("", practice.worked.toPlainText())
    for label in (s.label for s in tables.tables.sources.values()):
        worked = worked.replace(label, "")  # a source's own title, quoted as it is
    assert "MR" in worked and not US_FORM.search(worked), worked


def test_without_a_market_practice_keeps_the_catalogue_words(
    make_window, tables, qtbot, monkeypatch, tmp_path
) -> None:
    monkeypatch.setenv("MPS_PAIN_DATABASE_URL", f"sqlite:///{tmp_path / 'records.sqlite3'}")
    window = shown(make_window(tables))
    practice = open_practice(window)
    assert practice is not None
    qtbot.addWidget(practice)
    practice.level.setCurrentIndex(practice.level.findData(3))
    practice.new_exercises()
    assert _long_acting(practice)
    assert "ER" in _forms(practice) and "MR" not in _forms(practice)
