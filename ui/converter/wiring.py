"""The quick converter in the main window: its tab, "Open in planner" and "Save to patient"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from mps_pain.domain.regimen import RegimenDocument, RegimenItem
from ui.converter.actions import why_not_saved
from ui.converter.converter_panel import ConverterPanel
from ui.converter.describe import conversion_title
from ui.editing import state_from_document
from ui.records.save_to_record import save_plan_to_record

if TYPE_CHECKING:
    from ui.workstation import Workstation

__all__ = ["build_converter", "open_in_planner"]


def build_converter(window: Workstation) -> ConverterPanel:
    panel = ConverterPanel(window.session, window)
    panel.setFocusProxy(panel.from_drug)
    panel.openInPlanner.connect(lambda: open_in_planner(window, panel))
    panel.saveRequested.connect(lambda: save_conversion(window, panel))
    return panel


def open_in_planner(window: Workstation, panel: ConverterPanel) -> bool:
    """Put the converter's current opioid in the editor and its target in the planner.

    The regimen it replaces (if any) is asked about first, and the change is one undo step.
    """

    question, state = panel.question, window.session.state
    if question is None or question.problem() is not None or state is None:
        return False
    if state.rows and window.ask_before_discard:
        answer = QMessageBox.question(
            window,
            "Replace the regimen?",
            "The planner plans from the regimen in the editor. Replace it with the converter's "
            "opioid? (Ctrl+Z undoes it.)",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
    item = RegimenItem.model_validate(question.from_item())
    document = RegimenDocument.model_validate(
        {**state.document.model_dump(mode="json"), "items": [item.model_dump(mode="json")]}
    )
    window.session.push(state_from_document(document), "Open the conversion in the planner")
    window.tabs.setCurrentIndex(1)
    planner = window.planner
    target = question.target()
    set_target = getattr(planner, "set_target", None)
    if callable(set_target):
        set_target(
            target["drug"],
            target["route"],
            frequency=target.get("frequency"),
            continuous=bool(target.get("continuous")) or target["route"] == "transdermal",
            table=panel.table.currentData(),
        )
    if planner is not None:
        planner.setFocus(Qt.FocusReason.OtherFocusReason)
    return True


def save_conversion(window: Workstation, panel: ConverterPanel) -> bool:
    """Store the converter's plan with its question in a patient's record. The question is a
    what-if: it never becomes a regimen version (review 4 D2); the regimen on record changes
    only from the editor (Save to patient record with the Regimen tab, planner or check shown)."""
    if panel.plan is None or panel.request is None or panel.question is None:
        return False
    refused = why_not_saved(panel.plan, None)  # Ctrl+Shift+R, as the disabled button says
    if refused is not None:
        window.statusBar().showMessage(refused, 10000)
        return False
    question = panel.question
    saved = save_plan_to_record(
        window,
        store_regimen=False,
        kind="plan",
        title=conversion_title(question, panel.plan),
        inputs=panel.request,
        outputs=panel.plan,
    )
    if saved:  # the question is kept in the record: quitting does not ask about it
        panel.saved_question = question
    return saved
