"""Session 19 (drug and form names follow the market): the Regimen tab's worked lines and
warnings kept the catalogue's words for a document naming its market, so a UK case's MME read
"acetaminophen … ER" beside a plan saying "paracetamol … MR". They speak the document's market
now; a document naming none keeps the catalogue's words. Typed as a person types: the morphine
row's dose is changed in the table, then the market is cleared."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import shown
from tests.ui.keyboard import type_in_cell

UK_CASE = {
    "market": "UK",
    "table": "uk-palliative",
    "patient": {"identifier": "MRN-19M", "egfr": "25 mL/min"},
    "items": [
        {"drug": "paracetamol", "route": "oral", "dose": "1000 mg", "frequency": "qid"},
        {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg", "frequency": "q12h"},
    ],
}


def _shown_words(window) -> str:
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


def test_the_regimen_tab_speaks_the_documents_market(make_window, tables) -> None:
    window = shown(make_window(tables))
    window.session.replace_document(RegimenDocument.model_validate(UK_CASE))
    type_in_cell(window, 1, "dose", "40 mg")
    said = _shown_words(window)
    assert "paracetamol oral: 1000 mg qid" in said, said
    assert "morphine oral MR: 40 mg q12h" in said, said
    assert "No kidney rule for paracetamol" in said, said
    assert "acetaminophen oral" not in said and "oral ER" not in said, said
    no_market = {key: value for key, value in UK_CASE.items() if key != "market"}
    window.session.replace_document(RegimenDocument.model_validate(no_market))
    type_in_cell(window, 1, "dose", "40 mg")
    said = _shown_words(window)
    assert "acetaminophen oral: 1000 mg qid" in said and "morphine oral ER: 40 mg" in said, said
