"""A plan's title in the records (clinician review 17 #8), and what the planner says once its
plan has been applied to the regimen (#11: the pane read "No plan: correct the choice on the
left or the regimen" just after "Plan applied", as if Apply had failed), and the printed heading
of the plan applied (#6: the page printed after Apply had signature lines but no plan)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from mps_pain.presentation.applied_check import (
    ARITHMETIC,
    SWITCHED_FROM,
    arithmetic_line,
    switched_from_lines,
)
from mps_pain.presentation.applied_glance import full_from
from mps_pain.presentation.mme import item_name
from mps_pain.presentation.no_dose import proposes_no_dose
from mps_pain.presentation.rotation import PlanView, plan_view, regimen_sentence
from mps_pain.presentation.spoken import in_words_of
from mps_pain.presentation.staged_words import first_then, with_kept
from mps_pain.presentation.valued_counted import AFTER_SWITCH
from mps_pain.presentation.wording import Fact, WarningView, lines_named

if TYPE_CHECKING:
    from mps_pain.domain.rotation.models import PlannedRegimen, RotationPlan

__all__ = [
    "APPLIED_PLAN_HEADING",
    "NOT_APPLIED_YET",
    "NO_PLAN",
    "SWITCHED_FROM",
    "AppliedPlanView",
    "applied_plan_view",
    "applied_start",
    "applied_words",
    "plan_title",
    "signed_facts",
    "signed_plan",
]

NO_PLAN = "No plan: correct the choice on the left or the regimen."
APPLIED_PLAN_HEADING = "Switching plan applied (the regimen above is its new regimen)"
#: above the summary of a plan printed before Apply (clinician review 21, N6)
NOT_APPLIED_YET = (
    "Not applied yet: the regimen above is the one in use; the switch below is the one proposed."
)


#: the plan's facts a changeover order prints; its arithmetic was shown before Apply
_APPLIED_FACTS = (
    "Reference set",
    "Current total",
    "New regimen",
    AFTER_SWITCH,
    "Breakthrough dose",
)
#: the plan's current total, once the regimen holds the new lines: the total it switched from
TOTAL_BEFORE = "Total before the switch"


@dataclass(frozen=True)
class AppliedPlanView:
    """The plan applied, as the page printed after Apply shows it: its facts (the total it
    switched from labelled so, never a second "current" total), its transition schedule, and
    its own warnings, the same as the plan printed before Apply carries."""

    facts: tuple[Fact, ...]
    schedule: tuple[Fact, ...]
    warnings: tuple[WarningView, ...]
    #: the regimen it switched from, a line each with its OME, and its arithmetic in one line,
    #: so the page can be checked (clinician re-check 19b, R10; ``applied_check``)
    switched_from: tuple[str, ...] = ()
    arithmetic: str = ""


def applied_plan_view(plan: RotationPlan) -> AppliedPlanView:
    """The applied plan's view, read from ``plan_view`` (one wording of the plan)."""
    view = plan_view(plan)
    facts = tuple(_applied_fact(plan, fact) for fact in view.facts if fact.label in _APPLIED_FACTS)
    line = arithmetic_line(plan)
    if line:  # after the total it starts from
        at = next(i for i, fact in enumerate(facts) if fact.label == TOTAL_BEFORE) + 1
        facts = (*facts[:at], Fact(ARITHMETIC, line), *facts[at:])
    before = switched_from_lines(plan)
    return AppliedPlanView(facts, view.schedule, _named_warnings(plan, view), before, line)


def _named_warnings(plan: RotationPlan, view: PlanView) -> tuple[WarningView, ...]:
    """The plan's warnings with each line of the regimen it switched from named, never numbered
    (``lines_named``): the regimen shown beside them is the one Apply wrote."""
    with in_words_of(plan.market):
        names = {line.index: item_name(line.drug, line.route, line.form, prn=line.prn)
                 for line in plan.current}  # fmt: skip
    return tuple(
        replace(v, message=lines_named(v.message, w, names.get))
        for w, v in zip(plan.warnings, view.warnings, strict=True)
    )


def _applied_fact(plan: RotationPlan, fact: Fact) -> Fact:
    """A plan's fact as the page printed after Apply gives it: its current total is the total
    before the switch; its new regimen with the first part first when it is staged (clinician
    re-check 20b, N12: the signed page gave only "50 mg over 24 h", not the first 17 h at 22.5
    mg/24 h that page 1 gave)."""
    if fact.label == "Current total":
        return Fact(TOTAL_BEFORE, fact.value)
    if fact.label == "New regimen":
        return Fact(fact.label, with_kept(_first_then(plan, fact.value), _kept(plan)))
    return fact


def _kept(plan: RotationPlan) -> list[tuple[str, float]]:
    """The current lines the plan keeps going after the patch goes on, and their hours
    (clinician review 21, N1: the signed page gave the patch alone, and the infusion was
    stopped at once), from its schedule's typed steps."""
    return [(e.keeps.order, e.keeps.hours) for e in plan.schedule if e.keeps is not None]


def signed_facts(view: AppliedPlanView) -> tuple[Fact, ...]:
    """What the signature lines of the page printed after Apply are for, kept on their page
    under the regimen switched from (``view.switched_from``): the arithmetic from its total to
    the new regimen, and the new regimen with its breakthrough dose."""
    kept = (TOTAL_BEFORE, ARITHMETIC, "New regimen", AFTER_SWITCH, "Breakthrough dose")
    return tuple(fact for fact in view.facts if fact.label in kept)


def signed_plan(
    plan: RotationPlan | None, applied: RotationPlan | None
) -> tuple[AppliedPlanView, str] | None:
    """What a printed plan's signature lines are for, and the line above it: the plan shown,
    not applied yet (said so: clinician review 21, N6, its page had the lines and nothing to
    sign), else the plan applied; None when there is neither, or the plan proposes no dose."""
    if plan is not None:
        return None if proposes_no_dose(plan) else (applied_plan_view(plan), NOT_APPLIED_YET)
    return None if applied is None else (applied_plan_view(applied), "")


def _sentence(plan: RotationPlan, regimen: PlannedRegimen) -> str:
    """One of the plan's regimens in the words of its market (``in_words_of``), as its view
    says it: a UK plan's title and Apply say "MR" as its steps do (session 19)."""
    with in_words_of(plan.market):
        return regimen_sentence(regimen)


def applied_words(plan: RotationPlan) -> str:
    """The pane after Apply: what was applied, and how to go on."""
    breakthrough = " and its breakthrough line" if plan.breakthrough is not None else ""
    return (
        f"Plan applied. The regimen is now {_staged(plan)}{breakthrough}. "
        "To switch again, choose another drug or route. Export plan as PDF prints the plan "
        "applied, with its transition schedule; Ctrl+Z undoes Apply."
    )


def applied_start(plan: RotationPlan) -> str:
    """When the applied regular rows start, from the plan's own schedule (clinician review 18
    #2: after Apply from a patch the Regimen tab gave the full infusion from now, the plan's first
    17 h only on its PDF): "" when the plan starts its regimen without waiting for a patch's skin
    depot to fall. A new patch goes on as the old one comes off: never said to wait."""
    when = full_from(plan)
    if when is None:
        return ""
    said = "as the plan's transition schedule says (Export plan as PDF prints it)"
    first = plan.first_part
    if first is None:
        return f"start {when} after the patch is removed, not at removal, {said}"
    return (
        f"{plan.schedule[0].when}: only {_sentence(plan, first.regimen)} (the other opioids' "
        f"share); from {when} after the patch is removed: the full dose, {said}"
    )


def _staged(plan: RotationPlan) -> str:
    """The regimen applied, its first part first when the plan waits for a patch's skin depot
    (clinician review 19, M2: "now … 8 mg over 24 h" hid the first 17 h at 3 mg/24 h)."""
    said = with_kept(_first_then(plan, full := _sentence(plan, plan.regimen)), _kept(plan))
    if said == full:
        return full
    return f"{said} (the applied rows' Note and their Dose or Rate cell say so)"


def _first_then(plan: RotationPlan, full: str) -> str:
    """``full`` (the plan's new regimen in words), after the plan's first part and until when it
    is given when the plan waits for a patch's skin depot; else ``full`` alone."""
    when = full_from(plan)
    if when is None:
        return full
    first = plan.first_part
    return first_then(None if first is None else _sentence(plan, first.regimen), when, full)


def plan_title(plan: RotationPlan) -> str:
    """A saved plan's title, by the regimen it gives: ``Switch to morphine sc injection 30 mg
    over 24 h by syringe driver (1.25 mg/h)`` (clinician review 17 #8: "Switch to morphine sc"
    named no dose, while a check is titled by its order)."""
    return f"Switch to {_sentence(plan, plan.regimen)}"
