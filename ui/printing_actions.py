"""Print and export-to-PDF actions of the main window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from mps_pain import __version__
from mps_pain.errors import MpsPainError
from mps_pain.presentation.orders import order_line
from mps_pain.presentation.severity import severity_style
from mps_pain.presentation.wording import WarningView
from ui.converter.describe import conversion_title
from ui.error_words import plain_error
from ui.models.warnings_model import collect_warnings
from ui.patient_editing import refuse_unread_patient
from ui.printing.dialogs import print_html, save_pdf
from ui.printing.identity import plan_identity
from ui.printing.plan_pdf import PlanContent, plan_html, write_plan_pdf
from ui.printing.regimen_table import NotCounted, typed_row

if TYPE_CHECKING:
    from mps_pain.domain.results import MmeResult
    from mps_pain.domain.rotation.models import RotationPlan
    from ui.converter.converter_panel import ConverterPanel
    from ui.editing import EditorState
    from ui.planner.planner_panel import PlannerPanel
    from ui.workstation import Workstation

__all__ = ["export_pdf", "plan_content", "print_plan"]


def plan_content(window: Workstation) -> PlanContent | None:
    """What the printed plan shows: the conversion on screen when the Quick converter is shown
    (clinician review 14, #1), else the regimen with the planner's plan, if it has one."""
    session = window.session
    if session.state is None or session.tables is None:
        return None
    converter = _shown_converter(window)
    if converter is not None:
        return _conversion_content(window, converter)
    state = session.state
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
        not_counted=_not_counted(state, session.result),
        total_text=_total_text(window),
        plan=planner.plan if planner is not None else None,
        plan_request=planner.request if planner is not None else None,
        applied=_applied(planner),
        row_of=state.row_of_item,
    )


def _applied(planner: PlannerPanel | None) -> RotationPlan | None:
    """The plan last applied, printed while the regimen is the one Apply wrote and no other
    plan is shown (clinician review 17 #6)."""
    if planner is None or planner.plan is not None:
        return None
    applied = planner.applied_plan()
    return None if applied is None else applied.plan


def _not_counted(state: EditorState, result: MmeResult | None) -> list[NotCounted]:
    """Every row the total leaves out, with the sentence the screen gives for it: rows the
    editor could not read (as typed) and items the set could not count (as prescribed)."""
    rows = [
        NotCounted(row, typed_row(state.rows[row].raw), error.message)
        for row, error in state.invalid_rows()
    ]
    if result is not None:
        items = state.document.items
        rows += [
            NotCounted(left.row, order_line(items[excluded.index]), left.plain.message)
            for left, excluded in zip(state.left_out(result), result.excluded, strict=True)
            if left.row is not None
        ]
    return rows


def _total_text(window: Workstation) -> str | None:
    """The total as the main window heads it: "(incomplete)", "— check row 1: danger"."""
    session = window.session
    if session.result is None:
        return None
    return window.results_panel.headline(session.total_is_incomplete()).text


def _shown_converter(window: Workstation) -> ConverterPanel | None:
    # start-up seam: the converter loads on first use, after the first paint
    from ui.converter.converter_panel import ConverterPanel

    shown = window.tabs.currentWidget()
    return shown if isinstance(shown, ConverterPanel) and shown is window.converter else None


def _conversion_content(window: Workstation, converter: ConverterPanel) -> PlanContent | None:
    """The converter's answer on paper: its question, its plan, its warnings; the regimen's
    patient (the converter's factors follow the open regimen), never its rows."""
    session = window.session
    plan, question = converter.plan, converter.question
    if plan is None or question is None or session.state is None or session.tables is None:
        window.statusBar().showMessage(
            "No conversion to print: the Quick converter has no answer yet (complete the "
            "question), or print the regimen and its plan from the Regimen or planner tab.",
            8000,
        )
        return None
    return PlanContent(
        document=session.state.document,
        result=None,
        tables=session.tables,
        app_version=__version__,
        plan=plan,
        question=conversion_title(question, plan),
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
        what=_what(content),
        write=lambda path: write_plan_pdf(path, content, page_size=page_size),
    )


def _what(content: PlanContent) -> str:
    """What is printed, in the dialog's title and the status bar ("the Quick converter's
    conversion", "plan"): the clinician sees which plan went on paper."""
    return "Quick converter's conversion" if content.question is not None else "plan"


def print_plan(window: Workstation) -> None:
    if _patient_refused(window):
        return
    content = plan_content(window)
    if content is not None:
        print_html(window, plan_html(content), what=_what(content), identity=plan_identity(content))
