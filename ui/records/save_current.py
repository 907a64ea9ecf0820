"""Patient → Save to patient record from the main window: the regimen, with the check shown on
the Pharmacist check tab, or with the switching plan the rule of ``ui/planner/shown_plan.py``
picks (a plan as it was last shown, never one made for another regimen; after Apply, the plan
applied), saying what it does not store (clinician review 18, #4)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mps_pain.presentation.orders import check_title
from ui.planner.shown_plan import plan_to_store
from ui.records.save_to_record import save_plan_to_record

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ui.workstation import Workstation

__all__ = ["save_current_work"]


def save_current_work(window: Workstation) -> bool:
    """The regimen, plus the check (check tab shown) or the plan chosen by ``plan_to_store``."""
    check = window.check
    check_result = check.result if check is not None else None
    if check is not None and window.tabs.currentWidget() is check and check_result is not None:
        saved = save_plan_to_record(
            window,
            store_regimen=True,
            kind="check",
            title=check_title(request := check.build_request()),  # verdict: saved_heading
            inputs=_stored(request),
            outputs=check_result,
        )
        if saved:  # the order is in the record with its check: no longer unsaved work
            check.proposal.undo_stack.setClean()
        return saved
    state = window.session.state
    choice = plan_to_store(window.planner, state)
    before = (  # the regimen the applied plan was made from (clinician review 19, L5)
        state.document.model_copy(update={"items": list(choice.before)})
        if choice.before and state is not None
        else None
    )
    return save_plan_to_record(
        window,
        store_regimen=True,
        kind="plan" if choice.plan is not None else "regimen",
        title=choice.title,
        inputs=_stored(choice.request),
        outputs=choice.plan,
        left_out=choice.left_out,
        before=before,
    )


def _stored(request: BaseModel | None) -> dict[str, Any]:
    """A typed request as the record stores it (JSON, the document's own keys: ``from``)."""
    if request is None:
        return {}
    stored: dict[str, Any] = request.model_dump(mode="json", by_alias=True, exclude_none=True)
    return stored
