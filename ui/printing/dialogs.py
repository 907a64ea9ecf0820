"""Saving a printable document as a PDF, or sending it to a printer: one dialog flow for all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from mps_pain.errors import MpsPainError
from mps_pain.plural import counted
from ui.printing.pages import paint_pages

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

__all__ = ["print_html", "save_pdf"]


def save_pdf(
    window: QMainWindow,
    page_size: str,
    *,
    what: str,
    write: Callable[[Path], int],
    path: Path | None = None,
) -> Path | None:
    """Ask where (unless ``path`` is given), write with ``write``, say how many pages."""
    if path is None:
        name, _ = QFileDialog.getSaveFileName(
            window, f"Export {what} as PDF ({page_size})", f"{what}.pdf", "PDF (*.pdf)"
        )
        if not name:
            return None
        path = Path(name)
    # start-up seam: the records' modules load when a file is written
    from ui.output_guard import refuse_records_target

    try:
        refuse_records_target(path)  # never over the records database (fuzz review 17, D2)
        pages = write(path)
    except (OSError, MpsPainError) as exc:
        QMessageBox.warning(window, "PDF not written", str(exc))
        return None
    window.statusBar().showMessage(
        f"Wrote {path.name} ({counted(pages, 'page')}, {page_size}): the {what}", 8000
    )
    return path


def print_html(window: QMainWindow, html: str, *, what: str, identity: str) -> None:
    """The print dialog, then the document painted page by page with the verify footer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle(f"Print {what}")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return
    try:
        paint_pages(printer, html, identity)
    except OSError as exc:
        QMessageBox.warning(window, "Not printed", str(exc))
