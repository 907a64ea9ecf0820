"""File → Print check… / Export check as PDF: the pharmacist check on paper."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mps_pain import __version__
from ui.check.check_pdf import CheckContent, check_html, check_identity, write_check_pdf
from ui.check.restored_order import RESTORED_MARK, restored_from_previous
from ui.printing.dialogs import print_html, save_pdf

if TYPE_CHECKING:
    from ui.workstation import Workstation

__all__ = ["NO_CHECK", "check_content", "export_check_pdf", "forget_no_check", "print_check"]

NO_CHECK = "No check to print: open Pharmacist check (Ctrl+3) and enter the proposed order."


def forget_no_check(window: Workstation) -> None:
    """Once the check gives a verdict, its "No check to print" goes from the status bar
    (clinician re-check 17b #9: it stayed under a DANGER verdict); another message stays."""
    checked = window.check is not None and window.check.result is not None
    if checked and window.statusBar().currentMessage().startswith(NO_CHECK):
        window.statusBar().clearMessage()


def check_content(window: Workstation) -> CheckContent | None:
    check, tables = window.check, window.session.tables
    result = check.result if check is not None else None
    request = check.build_request() if check is not None else None
    if check is None or result is None or request is None or tables is None:
        window.statusBar().showMessage(NO_CHECK, 8000)
        return None
    return CheckContent(
        result=result,
        current=request.from_.items,
        proposed=request.proposed.items,
        patient=request.patient,
        tables=tables,
        app_version=__version__,
        mark=RESTORED_MARK if restored_from_previous(check.proposal.undo_stack) else None,
    )


def export_check_pdf(window: Workstation, page_size: str, path: Path | None = None) -> Path | None:
    content = check_content(window)
    if content is None:
        return None
    return save_pdf(
        window,
        page_size,
        what="check",
        write=lambda target: write_check_pdf(target, content, page_size=page_size),
        path=path,
    )


def print_check(window: Workstation) -> None:
    content = check_content(window)
    if content is not None:
        print_html(window, check_html(content), what="check", identity=check_identity(content))
