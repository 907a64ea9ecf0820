"""Print and export-to-PDF actions of the main window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from mps_pain import __version__
from mps_pain.errors import MpsPainError
from mps_pain.presentation.severity import severity_style
from mps_pain.presentation.wording import WarningView
from ui.error_words import plain_error
from ui.models.warnings_model import collect_warnings
from ui.patient_editing import refuse_unread_patient
from ui.printing.dialogs import print_html, save_pdf
from ui.printing.identity import plan_identity
from ui.printing.plan_pdf import PlanContent, plan_html, write_plan_pdf

if TYPE_CHECKING:
    from ui.printing.plan_pdf import PlanContent
    from ui.workstation import Workstation

__all__ = ["export_pdf", "plan_content", "print_plan"]


def plan_content(window: Workstation) -> PlanContent | None:
    """What the printed plan shows, read from the session (and the planner, if it has a plan)."""

    session = window.session
    if session.state is None or session.tables is None:
        return None
    state = session.state
    excluded = [f"row {row + 1}: {error.message}" for row, error in state.invalid_rows()]
    if session.result is not None:
        for left in state.left_out(session.result):
            row = left.row + 1 if left.row is not None else "?"
            excluded.append(f"row {row}: {left.plain.message}")
    planner = window.planner
    warnings = [
        WarningView(severity_style(w.severity), w.message, w.source or None, w.code, w.row)
        for w in collect_warnings(session)
    ]
    return PlanContent(
        document=state.document,
        edited=not session.undo_stack.isClean(),
        result=session.result,
        tables=session.tables,
        app_version=__version__,
        warnings=warnings,
        excluded_rows=excluded,
        plan=planner.plan if planner is not None else None,
        plan_request=planner.request if planner is not None else None,
        row_of=state.row_of_item,
    )


def _patient_refused(window: Workstation) -> bool:
    """Say why no plan is printed while a patient field typed is refused (review 10 #1: the PDF
    printed "QTc: —" for a QTc typed "520"); True if so."""
    try:
        refuse_unread_patient(window.session.state)
    except MpsPainError as exc:
        QMessageBox.warning(window, "Plan not printed", f"Not printed: {plain_error(exc)}")
        return True
    return False


def export_pdf(window: Workstation, page_size: str) -> Path | None:
    if _patient_refused(window):
        return None
    content = plan_content(window)
    if content is None:
        return None
    return save_pdf(
        window,
        page_size,
        what="plan",
        write=lambda path: write_plan_pdf(path, content, page_size=page_size),
    )


def print_plan(window: Workstation) -> None:
    if _patient_refused(window):
        return
    content = plan_content(window)
    if content is not None:
        print_html(window, plan_html(content), what="plan", identity=plan_identity(content))
