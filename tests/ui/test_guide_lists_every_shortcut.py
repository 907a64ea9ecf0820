"""Help → User guide lists every shortcut (ui-fix3 #3): its "Shortcuts" table equals the
shortcuts registered in the main window (every tab built), practice and the records window."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from mps_pain.persistence.database import Database
from mps_pain.persistence.practice_store import PracticeStore
from mps_pain.services.patient_service import PatientService
from mps_pain.tables.loader import get_tables
from tests.conftest import records_copy
from ui.help.guide_window import guide_text
from ui.practice.practice_window import PracticeWindow
from ui.records import RecordsWindow

_CHORD = re.compile(
    r"\b(?:(?:Ctrl|Shift|Alt)\+)*(?:F\d{1,2}|Return|Enter|Delete|Del|Up|Down|PgUp|PgDown|Tab"
    r"|Esc|[A-Z0-9])\b"
)


def _registered(window: QWidget) -> set[str]:
    keys = {k for a in window.findChildren(QAction) for k in a.shortcuts()}
    keys |= {s.key() for s in window.findChildren(QShortcut)}
    return {k.toString(QKeySequence.SequenceFormat.PortableText) for k in keys if not k.isEmpty()}


def _guide_shortcuts() -> set[str]:
    """The chords of the guide's shortcuts table (the keys of tables and lists, the views'
    own, are in the table after it)."""
    section = guide_text().split("## Keyboard shortcuts", 1)[1]
    section = re.split(r"\n#+ (?:Keys in|Convert)", section, maxsplit=1)[0]
    cells = [line.split("|")[1] for line in section.splitlines() if line.startswith("| ")]
    chords = {chord for cell in cells[1:] for chord in _CHORD.findall(cell)}
    return {QKeySequence(c).toString(QKeySequence.SequenceFormat.PortableText) for c in chords}


def test_the_guide_lists_exactly_the_registered_shortcuts(
    make_window, tables, qtbot, tmp_path: Path, migrated_sqlite: Path
) -> None:
    window = make_window(tables)
    window.ensure_panels()  # the check's own keys too
    url = records_copy(migrated_sqlite, tmp_path / "records.sqlite3")
    records = RecordsWindow(PatientService(Database.open(url)))
    practice = PracticeWindow(get_tables(), PracticeStore(Database.open(url)), learner="A")
    for made in (records, practice):
        qtbot.addWidget(made)
    QApplication.processEvents()
    registered = _registered(window) | _registered(records) | _registered(practice)
    listed = _guide_shortcuts()
    assert registered - listed == set()  # every shortcut is in the guide
    assert listed - registered == set()  # and the guide lists no key that does nothing
