"""The app reads its documents through the one bounded reader too (fuzz review 17, D3 and D4):
a regimen or FHIR file that starts with a UTF-8 byte-order mark opens as it would without it,
and a file above the document limit is refused naming it, before it is parsed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from mps_pain.errors import InputError
from mps_pain.input_files import MAX_DOCUMENT_BYTES
from tests.fhir.conftest import CASES
from ui.files import read_document

BOM = b"\xef\xbb\xbf"
REGIMEN = b'{"items": [{"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}]}'


def test_a_marked_regimen_file_opens_as_the_plain_one(tmp_path: Path) -> None:
    plain, marked = tmp_path / "plain.json", tmp_path / "marked.json"
    plain.write_bytes(REGIMEN)
    marked.write_bytes(BOM + REGIMEN)
    assert read_document(marked) == read_document(plain)


def test_a_huge_regimen_file_is_refused_naming_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    huge.write_bytes(REGIMEN + b" " * MAX_DOCUMENT_BYTES)
    with pytest.raises(InputError, match=r"huge\.json is larger than 16 MB"):
        read_document(huge)


def test_a_marked_fhir_file_imports(qtbot, make_window, tables, tmp_path, monkeypatch) -> None:
    path = tmp_path / "marked.fhir.json"
    path.write_bytes(BOM + (CASES / "fentanyl-patch.fhir.json").read_bytes())
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(str(a[2:])))
    window = make_window(tables)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.menu_actions.by_name["import_fhir"].trigger()
    assert warnings == []
    assert "fentanyl" in [row.raw.get("drug") for row in window.session.state.rows]
