"""What is read at a glance after Apply of a staged plan from a patch (clinician review 19, M2).

After Apply of a switch from a fentanyl patch (with oxycodone) to an IV hydromorphone
infusion the planner said "The regimen is now hydromorphone iv injection 8 mg over 24 h …", the
status bar named the drug alone, and the Regimen tab's Rate cell gave "8 mg/day": the plan's
first 17 h (only 3 mg/24 h, the oxycodone's share, until the patch's skin depot has fallen) were
only in a Note cell cut to "from the …". A nurse setting the pump from the regimen would start
the full dose at patch removal, the overlap the 17-h rule exists to prevent.

The plan's first part is said where the dose is read: in the words after Apply, in the status
bar, at the start of the applied rows' Note, and beside the amount in the Dose or Rate cell. The
hours and amounts are the plan's own (its schedule's "17 h", its ``first_part``, its daily
dose); nothing is re-timed here. The cell (``staged_cell``) reads the lead this module writes
into the Note, so a saved and reopened regimen shows it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.domain.rotation.depot_start import start_hour
from mps_pain.domain.rotation.patches import waits_for_depot
from mps_pain.domain.staged_start import StagedStart
from mps_pain.numbers import dose_text
from mps_pain.presentation.staged_cell import staged_note_lead
from mps_pain.presentation.staged_words import NO_REGULAR
from mps_pain.units import ParsedQuantity

if TYPE_CHECKING:
    from mps_pain.domain.results import Amount
    from mps_pain.domain.rotation.models import RotationPlan

__all__ = [
    "NO_REGULAR",
    "full_from",
    "staged_lead",
    "staged_note",
    "staged_start",
    "staged_status",
]

_PATCH = "transdermal"


def full_from(plan: RotationPlan) -> str | None:
    """The schedule's hour the full dose starts at ("17 h") when the plan waits for a patch's
    skin depot before its full dose; None when it starts at once (no patch, or a new patch that
    goes on as the old one comes off)."""
    from_patch = any(line.kind == "opioid" and line.route == _PATCH for line in plan.current)
    later = [entry.when for entry in plan.schedule if start_hour(entry.when) > 0]
    new_patch = plan.regimen.drug if plan.regimen.route == _PATCH else None
    if not from_patch or not waits_for_depot(new_patch) or not later:
        return None
    return later[0]


def staged_lead(plan: RotationPlan) -> str:
    """``from 17 h after patch removal (3 mg/day until then)``, "" for a plan not staged."""
    when = full_from(plan)
    if when is None:
        return ""
    first = plan.first_part
    before = NO_REGULAR if first is None else _daily(first.daily_dose)
    return f"from {when} after patch removal ({before} until then)"


def staged_start(plan: RotationPlan) -> StagedStart | None:
    """The plan's first part as the regular rows Apply writes carry it (clinician re-check 20c,
    M1): from when the full dose starts, and the first part's amounts in the row's shape (an
    infusion by its 24-h amount, as ``order_lines`` writes the full dose); None: not staged."""
    when = full_from(plan)
    if when is None:
        return None
    first = plan.first_part
    amounts: dict[str, object] = {}
    if first is not None and not first.regimen.no_dose:
        regimen = first.regimen
        if regimen.rate is not None:
            amounts["rate"] = _quantity(first.daily_dose)
        elif regimen.dose is not None and regimen.frequency is not None:
            amounts = {"dose": _quantity(regimen.dose), "frequency": regimen.frequency}
    return StagedStart.model_validate({"full_from_hours": start_hour(when), **amounts})


def staged_note(plan: RotationPlan) -> str:
    """How an applied regular row's Note starts: ``Full dose from 17 h after patch removal
    (3 mg/day until then); `` ("" for a plan not staged): the part seen when the cell is cut."""
    return staged_note_lead(staged_lead(plan))


def staged_status(plan: RotationPlan) -> str:
    """The drug and route Apply gave, with the plan's first part when it is staged
    (``hydromorphone iv, full dose from 17 h after patch removal (3 mg/day until then)``)."""
    given = f"{plan.regimen.drug} {plan.regimen.route}"
    lead = staged_lead(plan)
    return f"{given}, full dose {lead}" if lead else given


def _quantity(amount: Amount) -> ParsedQuantity:
    return ParsedQuantity(amount.value, amount.unit)


def _daily(amount: Amount) -> str:
    return dose_text(amount.value, amount.unit)
