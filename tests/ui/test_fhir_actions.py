"""File → Import from FHIR… and Planner → Export plan as FHIR…, on real widgets offscreen.

The file dialogs are the only thing replaced (a native dialog cannot be driven offscreen); the
menu actions, the import, the export and the report dialog are the real ones.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from mps_pain.fhir.importer import import_fhir
from tests.fhir.conftest import CASES, ORAL, bundle, q, request

CASE_1 = CASES / "takamatsu-2018-case-1-admission.fhir.json"
PATCH = CASES / "fentanyl-patch.fhir.json"


def _with_a_refused_order(tmp_path: Path) -> Path:
    case = json.loads(CASE_1.read_text(encoding="utf-8"))
    bad = request(
        "rx-17",
        {
            "route": ORAL,
            "doseAndRate": [{"doseQuantity": q(5, "mg")}],
            "timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "mo"}},
        },
    )
    case["entry"].append(bundle(bad)["entry"][0])
    path = tmp_path / "ehr-export.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    return path


def _report(window) -> QDialog:
    dialog = window.findChild(QDialog, "fhir_report")
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_import_from_fhir_loads_rows_marked_by_source_and_lists_refusals(
    qtbot, make_window, tables, tmp_path, monkeypatch
) -> None:
    window = make_window(tables)
    path = _with_a_refused_order(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.menu_actions.by_name["import_fhir"].trigger()
    rows = window.session.state.rows
    assert [row.raw.get("note", "").split(":")[0] for row in rows] == [
        "FHIR MedicationRequest/oxy-er",
        "FHIR MedicationRequest/oxy-ir-rescue",
        "FHIR MedicationRequest/naproxen",
        "FHIR MedicationRequest/acetaminophen",
        "FHIR MedicationRequest/pregabalin",
    ]
    assert window.session.result is not None
    assert window.session.result.total_mme_per_day == 30
    dialog = _report(window)
    text = dialog.text.toPlainText()
    # the order and the element named in words, never the FHIR path (issue 10 §2)
    assert "MedicationRequest/rx-17 (dosing period): “mo” is not a dosing period" in text
    assert "dosageInstruction[0]" not in text
    assert "MedicationRequest/tramadol-stopped (Tramadol): status stopped" in text
    QTest.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == text
    dialog.grab().save(str(tmp_path / "fhir-import-dialog.png"))
    assert (tmp_path / "fhir-import-dialog.png").stat().st_size > 0


def test_a_file_that_is_not_fhir_is_reported_and_the_regimen_kept(
    make_window, tables, tmp_path, monkeypatch
) -> None:
    window = make_window(tables)
    before = list(window.session.state.rows)
    path = tmp_path / "not-fhir.json"
    path.write_text('{"items": []}', encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.menu_actions.by_name["import_fhir"].trigger()
    assert shown and "not a FHIR resource" in shown[0]
    assert list(window.session.state.rows) == before


def test_export_plan_as_fhir_writes_a_bundle_that_reimports(
    qtbot, make_window, tables, tmp_path, monkeypatch
) -> None:
    window = make_window(tables)
    window.ensure_panels()  # the planner tab, as when first shown
    result = import_fhir(PATCH.read_text(encoding="utf-8"))
    window.session.replace_document(result.document)
    window.planner.set_target(
        "morphine", "oral", form="er", frequency="q12h", table="uk-palliative"
    )
    assert window.planner.plan is not None
    target = tmp_path / "plan-fhir.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.menu_actions.by_name["export_fhir"].trigger()
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert [e["resource"]["intent"] for e in exported["entry"]] == ["proposal", "proposal"]
    dialog = _report(window)
    summary = dialog.text.toPlainText()
    assert "MedicationRequest/plan-regimen: Morphine (RxNorm 7052)" in summary
    assert "MedicationRequest/plan-breakthrough" in summary and "as needed" in summary
    assert exported["entry"][0]["resource"]["note"][0]["text"] in summary
    back = import_fhir(target.read_text(encoding="utf-8"), include_proposals=True)
    plan = window.planner.plan
    assert back.document.items[0].drug == plan.regimen.drug == "morphine"
    assert back.document.items[0].dose.value == plan.regimen.dose.value
    dialog.grab().save(str(tmp_path / "fhir-export-dialog.png"))


def test_export_without_a_plan_says_what_to_do(make_window, tables, monkeypatch) -> None:
    window = make_window(tables)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    window.menu_actions.by_name["export_fhir"].trigger()
    assert shown == ["Make a plan in the switching planner first."]
