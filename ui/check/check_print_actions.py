"""File → Print check… / Export check as PDF: the pharmacist check on paper."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

if TYPE_CHECKING:
    from ui.check.check_pdf import CheckContent
    from ui.main_window import MainWindow

__all__ = ["check_content", "export_check_pdf", "print_check"]


def check_content(window: MainWindow) -> CheckContent | None:
    from mps_pain import __version__
    from ui.check.check_pdf import CheckContent

    check, tables = window.check, window.session.tables
    result = getattr(check, "result", None)
    request = (
        check.build_request() if check is not None and hasattr(check, "build_request") else None
    )
    if result is None or request is None or tables is None:
        window.statusBar().showMessage(
            "No check to print: open Pharmacist check (Ctrl+3) and enter the proposed order.", 8000
        )
        return None
    return CheckContent(
        result=result,
        current=request.from_.items,
        proposed=request.proposed.items,
        patient=request.patient,
        tables=tables,
        app_version=__version__,
    )


def export_check_pdf(window: MainWindow, page_size: str, path: Path | None = None) -> Path | None:
    from ui.check.check_pdf import write_check_pdf

    content = check_content(window)
    if content is None:
        return None
    if path is None:
        name, _ = QFileDialog.getSaveFileName(
            window, f"Export check as PDF ({page_size})", "check.pdf", "PDF (*.pdf)"
        )
        if not name:
            return None
        path = Path(name)
    try:
        pages = write_check_pdf(path, content, page_size=page_size)
    except OSError as exc:
        QMessageBox.warning(window, "PDF not written", str(exc))
        return None
    window.statusBar().showMessage(f"Wrote {path.name} ({pages} page(s), {page_size})", 8000)
    return path


def print_check(window: MainWindow) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from ui.check.check_pdf import check_html
    from ui.printing.plan_pdf import VERIFY_TEXT, paint_plan

    content = check_content(window)
    if content is None:
        return
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle("Print check")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return
    try:
        paint_plan(printer, check_html(content), VERIFY_TEXT)
    except OSError as exc:
        QMessageBox.warning(window, "Not printed", str(exc))
