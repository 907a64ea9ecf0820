"""Every piece of typed work the window holds that is not saved, named for the one question
asked before it goes (clinician review 15, #13: a proposed order typed on the Pharmacist check
was lost on Quit without a question; the question covered only the regimen).

The parts: the regimen's changes (its undo history is not at its saved step); the proposed
order on the check, when it holds typed rows and was not stored with a check in a patient's
record since; on quitting, the Quick converter's question, when an amount was typed and that
question was not saved with its plan (New and Open keep the converter's question, so it is not
lost by them). The planner's choices are not typed work: they are picked again in a moment, and
the plan they give is the regimen's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.workstation import Workstation

__all__ = ["REGIMEN_PART", "unsaved_parts"]

REGIMEN_PART = "the regimen's changes"


def unsaved_parts(window: Workstation, *, quitting: bool) -> tuple[str, ...]:
    """What would be lost, in the words the question uses (empty: nothing to ask)."""
    parts = [REGIMEN_PART] if not window.session.undo_stack.isClean() else []
    order = _proposed_order(window)
    if order:
        parts.append(order)
    question = _converter_question(window) if quitting else ""
    if question:
        parts.append(question)
    return tuple(parts)


def _proposed_order(window: Workstation) -> str:
    # start-up seam: the check's words load with the tabs, after the first paint
    from ui.check.replace_question import typed_rows

    check = window.check
    if check is None or check.proposal.state is None or check.proposal.undo_stack.isClean():
        return ""
    rows = typed_rows(check.proposal.state.rows)
    if not rows:
        return ""
    typed = "1 row" if rows == 1 else f"{rows} rows"
    return f"the proposed order typed on the Pharmacist check ({typed})"


def _converter_question(window: Workstation) -> str:
    # start-up seam: the converter loads with the tabs, after the first paint
    from ui.converter.converter_panel import ConverterPanel

    panel = window.converter
    if not isinstance(panel, ConverterPanel):
        return ""
    question = panel.current_question()
    if not question.amount.strip() or question == panel.saved_question:
        return ""
    return f"the Quick converter's question ({question.from_drug} {question.amount.strip()})"
