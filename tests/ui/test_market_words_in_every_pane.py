"""Clinician re-check 20b, N14: with the market set to UK the app still said "Acetaminophen
(paracetamol)" (the maximum line), "No kidney rule for acetaminophen" and "oxycodone oral ER"
(the Check tab and its PDF) and Form "ER" on a row Apply wrote, beside its own note that UK
words are in use. Every pane speaks the document's market, else the preferences' (one rule,
``tables.spoken_words``; the Regimen tab's Form cell through ``presentation.spoken.form_cell``).
Typed as a person types: the morphine row's dose is changed in the table."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import shown
from tests.ui.keyboard import cell_index, type_in_cell
from ui.check.check_pdf import check_html
from ui.check_print_actions import check_content
from ui.settings import AppSettings

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ITEMS = [
    {"drug": "paracetamol", "route": "oral", "dose": "1000 mg", "frequency": "qid"},
    # a row as Apply writes it: the catalogue's form id
    {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "q12h"},
]
PROPOSED = [
    {"drug": "morphine", "route": "oral", "form": "er", "dose": "30 mg", "frequency": "q12h"},
    {"drug": "paracetamol", "route": "oral", "dose": "1000 mg", "frequency": "qid"},
]
US_WORDS = re.compile(r"acetaminophen|\bER\b", re.IGNORECASE)
#: the note that names the US words the UK ones stand for ("MR (written ER in the US)")
WORDS_NOTE = re.compile(r"\(written [^)]* in the US\)")


def _us_words(text: str) -> list[str]:
    """Lines with a US word, the words note's own "(written … in the US)" left out."""
    return [line for line in text.splitlines() if US_WORDS.search(WORDS_NOTE.sub("", line))]


def _regimen_words(window) -> str:
    QApplication.processEvents()
    lines = window.results_panel.lines
    worked = [lines.item(i).text() for i in range(lines.count())]
    model = window.warnings_panel.model
    warnings = [
        str(model.index(row, column).data() or "")
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]
    return "\n".join([*worked, *warnings])


def _form_cell(window, row: int) -> str:
    model = window.editor.model
    return str(model.shown_text(row, cell_index(window, row, "form").column()))


def _check_words(window) -> str:
    window.tabs.setCurrentIndex(2)
    check = window.check
    check.proposal.replace_document(RegimenDocument.model_validate({"items": PROPOSED}))
    check.table.setCurrentIndex(check.table.findData("uk-palliative"))
    check.run_check()
    assert check.result is not None, check.error
    content = check_content(window)
    assert content is not None
    reasons = [check.reasons.item(i).text() for i in range(check.reasons.count())]
    return "\n".join([check.verdict.text(), check.orders.text(), *reasons, check_html(content)])


@pytest.mark.parametrize("where", ["document", "preferences"])
def test_every_pane_speaks_the_uk_market(
    make_window, tables, app_settings: AppSettings, where: str
) -> None:
    document = {"table": "uk-palliative", "patient": {"egfr": "45 mL/min"}, "items": ITEMS}
    if where == "document":
        document["market"] = "UK"
    else:
        app_settings.market = "UK"
    window = shown(make_window(tables))
    window.session.replace_document(RegimenDocument.model_validate(document))
    type_in_cell(window, 1, "dose", "30 mg")
    said = _regimen_words(window)
    assert "Paracetamol: 4000 mg/day" in said, said
    assert "oxycodone oral MR: 30 mg q12h" in said, said
    assert not _us_words(said), _us_words(said)
    assert _form_cell(window, 1) == "MR"
    checked = _check_words(window)
    assert "paracetamol" in checked and "morphine oral MR" in checked, checked
    assert not _us_words(checked), _us_words(checked)


def test_without_a_market_the_catalogue_words_stay(make_window, tables) -> None:
    document = {"table": "uk-palliative", "patient": {"egfr": "45 mL/min"}, "items": ITEMS}
    window = shown(make_window(tables))
    window.session.replace_document(RegimenDocument.model_validate(document))
    type_in_cell(window, 1, "dose", "30 mg")
    said = _regimen_words(window)
    assert "Acetaminophen (paracetamol): 4000 mg/day" in said, said
    assert _form_cell(window, 1) == "ER"
