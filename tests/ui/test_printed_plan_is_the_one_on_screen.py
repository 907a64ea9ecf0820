"""Clinician review 14, #1: File → Export plan as PDF used on the Quick converter tab printed a
page without the conversion on screen (diamorphine SC), and its "Current regimen" table left out
the methadone row (it was only in a paragraph below) under a bold total of 22.5 OME/day.

The export prints what the clinician is looking at (the converter's conversion on the converter
tab), and every row of the regimen is a row of the printed regimen table: one left out of the
total is marked "not counted" with its reason, and the total says it is incomplete."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import shown
from tests.ui.keyboard import press

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
]

METHADONE_AND_PRN = (
    "table: uk-palliative\nitems:\n"
    "  - {drug: methadone, route: oral, form: tablet, dose: 10 mg, frequency: q8h}\n"
    "  - {drug: oxycodone, route: oral, form: IR, dose: 5 mg, prn: true, doses_per_day: 3}\n"
)
TAB = Qt.Key.Key_Tab


def _text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    return " ".join(done.stdout.split())


def _export(window, monkeypatch, target: Path) -> str:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.menu_actions.by_name["pdf_a4"].trigger()
    assert target.exists(), window.statusBar().currentMessage()
    return _text(target)


def _methadone_window(make_window, tables, tmp_path: Path):
    source = tmp_path / "methadone.yaml"
    source.write_text(METHADONE_AND_PRN, encoding="utf-8")
    return shown(make_window(tables, source))


def test_export_on_the_converter_tab_prints_the_conversion_on_screen(
    make_window, tables, tmp_path, monkeypatch
) -> None:
    window = _methadone_window(make_window, tables, tmp_path)
    press((Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier))
    press("morph", TAB, "o", TAB, "60", TAB, TAB, TAB, "diam", TAB, "s", TAB)
    panel = window.converter
    assert panel.plan is not None, panel.result.text()
    assert "diamorphine" in panel.result.text()
    text = _export(window, monkeypatch, tmp_path / "plan_diam.pdf")
    assert "diamorphine" in text.lower(), text
    assert "Quick converter" in text, text
    # the question converted is printed, not the regimen as if it had been converted
    assert "morphine oral" in text and "60 mg" in text, text
    assert "methadone" not in text.split("Switching plan")[0], text
    assert "conversion" in window.statusBar().currentMessage()


def test_every_row_of_the_regimen_is_a_row_of_the_printed_table(
    make_window, tables, tmp_path, monkeypatch
) -> None:
    window = _methadone_window(make_window, tables, tmp_path)
    text = _export(window, monkeypatch, tmp_path / "plan.pdf")
    table = text[text.index("Current regimen") : text.index("Worked arithmetic")]
    assert "1 methadone oral tablet 10 mg q8h" in table, table
    assert "not counted" in table.split("2 oxycodone")[0].lower(), table
    assert "no conversion factor for methadone" in table, table
    total = table[table.index("Total") :]
    assert "22.5 OME/day" in total and "(incomplete)" in total and "INCOMPLETE" in total, total


def test_a_row_the_editor_could_not_read_is_a_printed_row_too(
    make_window, tables, tmp_path, monkeypatch
) -> None:
    from tests.ui.keyboard import type_in_cell

    window = _methadone_window(make_window, tables, tmp_path)
    type_in_cell(window, 1, "frequency", "q4h prn")  # refused: the PRN tick says as needed
    text = _export(window, monkeypatch, tmp_path / "plan.pdf")
    table = text[text.index("Current regimen") : text.index("Warnings")]
    assert "2 oxycodone" in table and "q4h prn" in table, table
    assert table.lower().count("not counted: ") == 2, table
    # no row counted: no total, said in words, never "0 OME/day (incomplete)" (session 17)
    assert "INCOMPLETE" in table and "No OME total: " in table, table
    assert " 0 OME/day" not in table, table
    assert "No row is counted, so there is no arithmetic to show" in text, text
