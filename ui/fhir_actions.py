"""File → Import from FHIR… and Planner → Export plan as FHIR…: thin Qt over ``mps_pain.fhir``.

Imported rows carry their source in the Note column (``FHIR MedicationRequest/rx-1: …``). What
was refused, left out or chosen is listed in a dialog whose text can be copied as a whole.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mps_pain.errors import MpsPainError
from mps_pain.fhir.coverage import left_out
from mps_pain.fhir.export import export_plan
from mps_pain.fhir.importer import import_fhir
from mps_pain.input_files import read_document_file
from mps_pain.plural import counted
from ui.screen_fit import resize_to_fit

if TYPE_CHECKING:
    from ui.workstation import Workstation

__all__ = [
    "FhirReportDialog",
    "export_plan_as_fhir",
    "export_report",
    "import_from_fhir",
    "import_report",
]

FHIR_FILTER = "FHIR JSON (*.json);;All files (*)"


class FhirReportDialog(QDialog):
    """A heading and a read-only text that the Copy button puts on the clipboard."""

    def __init__(self, parent: QWidget, title: str, heading: str, text: str) -> None:
        super().__init__(parent)
        self.setObjectName("fhir_report")
        self.setWindowTitle(title)
        resize_to_fit(self, 760, 440, name="fhir_report")
        layout = QVBoxLayout(self)
        label = QLabel(heading, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.text = QPlainTextEdit(text, self)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton("&Copy all", self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())


_ELEMENTS = {
    "periodUnit": "dosing period",
    "period": "dosing period",
    "frequency": "dosing frequency",
    "repeat": "timing",
    "timing": "timing",
    "doseAndRate": "dose or rate",
    "doseQuantity": "dose",
    "doseRange": "dose",
    "rateQuantity": "rate",
    "rateRatio": "rate",
    "route": "route",
    "dosageInstruction": "dosage",
    "dosage": "dosage",
    "value": "amount",
    "code": "unit",
    "system": "unit",
    "unit": "unit",
    "status": "status",
    "intent": "intent",
}


def element_words(path: str) -> str:
    """The part of an order a FHIR path points to, as a clinician names it: ``dosageInstruction
    [0].timing.repeat.periodUnit`` → ``dosing period``; anything about the medication →
    ``medication``. The path is a location, never a message."""
    parts = [p.split("[")[0].removesuffix("()") for p in path.split(".") if p]
    if any(p.startswith("medication") for p in parts):
        return "medication"
    for part in reversed(parts):
        if part in _ELEMENTS:
            return _ELEMENTS[part]
    last = parts[-1] if parts else "order"
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in last).strip()
    return words or "order"


def import_report(result: Any) -> tuple[str, str]:
    """(heading, text) of the import dialog, in a clinician's words."""
    checks = [(o, line) for o in result.orders for line in (*o.cautions, *o.choices)]
    left = left_out(result)
    sections = (
        (
            "NOT imported — these orders could not be read safely:",
            [f"{r.source} ({element_words(r.path)}): {r.message}" for r in result.refused],
        ),
        (
            "Left out — not active orders:",
            [f"{i.source} ({i.medication}): status {i.status}" for i in result.inactive],
        ),
        ("Imported — please check:", [f"row {o.item + 1} ({o.source}): {c}" for o, c in checks]),
        ("Patient:", list(result.patient_notes)),
        (
            "NOT read — may hold one of the patient's opioids (each waits as a row of the "
            "regimen, not counted, until you enter what it holds or delete the row):",
            list(left.unread_medication),
        ),
        ("Not read (their kind holds no medication):", list(left.unread_other)),
    )
    lines: list[str] = []
    for title, entries in sections:
        if entries:
            lines += [title, *(f"  • {entry}" for entry in entries), ""]
    rows = len(result.document.items)
    heading = (
        f"{counted(rows, 'order')} imported into the regimen, each marked by its source in Note."
    )
    if result.refused:
        heading += (
            f" {counted(len(result.refused), 'order')} NOT imported: the total leaves them out "
            "until you enter them."
        )
    if left.unread_medication:
        unread = counted(len(left.unread_medication), "entry", "entries")
        heading += (
            f" NOT read, and may hold an opioid: {unread}. "
            "Each waits as a row of the regimen, and the total is INCOMPLETE until you enter "
            "what it holds in that row or delete the row."
        )
    return heading, "\n".join(lines).rstrip() + "\n"


def _coded(concept: dict[str, Any], system_name: str) -> str:
    codes = [f"{system_name} {c['code']}" for c in concept.get("coding", [])]
    return f"{concept.get('text', '')}" + (f" ({', '.join(codes)})" if codes else "")


def export_report(bundle: dict[str, Any], file_name: str) -> str:
    """What the exported Bundle proposes, in words; the JSON itself is in the file."""
    lines = [f"Proposed orders (status draft, intent proposal) written to {file_name}:"]
    note = ""
    for entry in bundle["entry"]:
        request = entry["resource"]
        medication = request["contained"][0]
        dosage = request["dosageInstruction"][0]
        form = _coded(medication["form"], "RxNorm dose form") if "form" in medication else ""
        lines.append(
            f"  • MedicationRequest/{request['id']}: {_coded(medication['code'], 'RxNorm')}"
            + (f", {form}" if form else "")
            + f", route {_coded(dosage['route'], 'SNOMED CT')}: {dosage.get('text', '')}"
            + (" — as needed" if dosage.get("asNeededBoolean") else "")
        )
        note = note or request["note"][0]["text"]
    return "\n".join([*lines, "", "Note carried by each order:", note]) + "\n"


def import_from_fhir(window: Workstation, path: Path | None = None) -> FhirReportDialog | None:
    """Load a FHIR file's orders into the regimen editor; report what was refused."""

    if window.session.tables is None or not window.confirm_discard():
        return None
    if path is None:
        name, _ = QFileDialog.getOpenFileName(window, "Import from FHIR", "", FHIR_FILTER)
        if not name:
            return None
        path = Path(name)
    try:
        result = import_fhir(
            read_document_file(path), origin=path.name, tables=window.session.tables
        )
    except (OSError, MpsPainError) as exc:
        QMessageBox.warning(window, "Cannot import this file", f"{path.name}:\n\n{exc}")
        return None
    window.session.replace_document(
        result.document, path=None, waiting=left_out(result).waiting_rows()
    )
    window.tabs.setCurrentIndex(0)
    window.report_opened(f"Imported {path.name} from FHIR", 8000)
    heading, text = import_report(result)
    dialog = FhirReportDialog(window, f"Imported from FHIR: {path.name}", heading, text)
    dialog.show()
    return dialog


def export_plan_as_fhir(window: Workstation, path: Path | None = None) -> FhirReportDialog | None:
    """Write the planner's plan as a FHIR Bundle of proposed orders, and show what was written."""

    plan = window.planner.plan if window.planner is not None else None
    if plan is None:
        QMessageBox.information(
            window, "No plan to export", "Make a plan in the switching planner first."
        )
        return None
    try:
        bundle = export_plan(plan, tables=window.session.tables)
    except MpsPainError as exc:
        QMessageBox.warning(window, "This plan cannot be exported", str(exc))
        return None
    if path is None:
        name, _ = QFileDialog.getSaveFileName(
            window, "Export plan as FHIR", "plan-fhir.json", FHIR_FILTER
        )
        if not name:
            return None
        path = Path(name)
    text = json.dumps(bundle, ensure_ascii=False, indent=2)
    # start-up seam: the records' modules load when a file is written
    from ui.output_guard import refuse_records_target

    try:
        refuse_records_target(path)  # never over the records database (fuzz review 17, D2)
        path.write_text(text + "\n", encoding="utf-8")
    except (OSError, MpsPainError) as exc:
        QMessageBox.warning(window, "FHIR file not written", str(exc))
        return None
    window.statusBar().showMessage(f"Wrote {path.name} (FHIR Bundle)", 8000)
    requests = len(bundle["entry"])
    heading = (
        f"Wrote {path.name}: {counted(requests, 'proposed order')} (draft), RxNorm-coded, UCUM "
        "dosage, with the arithmetic, reference set and table version in each note."
    )
    dialog = FhirReportDialog(
        window, f"Exported to FHIR: {path.name}", heading, export_report(bundle, path.name)
    )
    dialog.show()
    return dialog
