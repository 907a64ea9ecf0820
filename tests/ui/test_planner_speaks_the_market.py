"""Clinician review 21, N3 (re-check 21b, "N3 detail"): with Tools → Preferences → Formulary
market UK the Regimen tab and the plan PDF's page-1 table said "oxycodone oral MR", but the
planner pane, the applied row's Note and the plan PDF's steps, schedule, "Regimen before the
switch" and Signatures said "oxycodone oral ER". The app speaks the document's market, else the
preferences' (docs/rotation.md): the planner's request carries that market as the Check tab's
does, so every text of the plan is made inside it. Typed as a person types (Ctrl+2, Drug, Alt+A)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import shown
from tests.ui.keyboard import press
from ui.models.regimen_table_model import COLUMNS
from ui.settings import AppSettings

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NOTE = next(i for i, column in enumerate(COLUMNS) if column[0] == "note")
REGIMEN = {
    "table": "uk-palliative",
    "patient": {"identifier": "MRN-2103"},
    "items": [
        {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "bid"}
    ],
}
US_FORM = re.compile(r"(?<![\w'])ER(?![\w'])")
#: the note that names the US words the UK ones stand for ("MR (written ER in the US)")
WORDS_NOTE = re.compile(r"\(written [^)]* in the US\)")


def _plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _us_words(text: str) -> list[str]:
    """Each place a US form word is said, the words note's own "(written … in the US)" aside."""
    text = WORDS_NOTE.sub("", text)
    return [text[max(0, m.start() - 40) : m.end() + 20] for m in US_FORM.finditer(text)]


def _printed(window) -> str:
    from ui.printing.plan_pdf import plan_html
    from ui.printing_actions import plan_content

    content = plan_content(window)
    assert content is not None
    return _plain(plan_html(content))


def _notes(window) -> str:
    model = window.editor.view.model()
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    return "\n".join(
        str(model.index(row, NOTE).data(role) or "")
        for row in range(model.rowCount())
        for role in roles
    )


def test_the_plan_speaks_the_preferences_market(
    make_window, tables, app_settings: AppSettings
) -> None:
    app_settings.market = "UK"
    window = shown(make_window(tables))
    window.ensure_panels()
    window.session.replace_document(RegimenDocument.model_validate(REGIMEN))
    window.activateWindow()
    window.editor.view.setFocus()
    QApplication.processEvents()
    press((Qt.Key.Key_2, CTRL))
    press((Qt.Key.Key_G, ALT), "Fentanyl")
    planner = window.planner
    planner.replan()
    assert planner.plan is not None, planner.error_label.text()
    pane = " ".join(planner.view.toPlainText().split())
    assert "oxycodone oral MR 20 mg" in pane, pane
    assert not _us_words(pane), _us_words(pane)
    printed = _printed(window)
    assert "oxycodone oral MR" in printed, printed
    assert not _us_words(printed), _us_words(printed)
    press((Qt.Key.Key_A, ALT))
    QTest.qWait(200)  # a button's Alt key clicks it after its pressed look (animateClick)
    assert planner.applied_plan() is not None
    press((Qt.Key.Key_1, CTRL))
    QApplication.processEvents()
    notes = _notes(window)
    assert "oxycodone oral MR 20 mg" in notes, notes
    assert not _us_words(notes), _us_words(notes)
    planner.replan()
    applied = " ".join(planner.view.toPlainText().split())
    assert not _us_words(applied), _us_words(applied)
    printed = _printed(window)
    assert "oxycodone oral MR" in printed and "Signatures" in printed, printed
    assert not _us_words(printed), _us_words(printed)
