"""A plan with no dose keeps the current regimen while another opioid or route is chosen; where
one of its own dangers names a current opioid line, it says that line is kept only until then
(pharmacist review 17, L6: "Keep the current regimen" beside "morphine (current regimen) — avoid
in hepatic failure").

One pass over every plan (``gate_given``), whatever withheld its dose (a patient rule, a form that
cannot give it, the maximum-dose rule): each schedule entry that keeps the current regimen, and
its copy in step 7, gets the sentence.
"""

from __future__ import annotations

from mps_pain.domain.rotation.models import RotationPlan, ScheduleEntry

__all__ = ["FLAGGED", "keep_flagged"]

#: the words that tell a kept current opioid is itself named by a danger
FLAGGED = "a DANGER warning also names the current"


def _named_current(plan: RotationPlan) -> list[str]:
    """The current opioid lines a danger of the plan names, as '<drug> <route>', in order."""
    opioids = {line.index: line for line in plan.current if line.kind == "opioid"}
    rows: list[int] = []
    for w in plan.warnings:
        if w.severity != "danger":
            continue
        for i in ((w.item,) if w.item is not None else ()) + tuple(w.items):
            if i in opioids and i not in rows:
                rows.append(i)
    return list(dict.fromkeys(f"{opioids[i].drug} {opioids[i].route}" for i in sorted(rows)))


def keep_flagged(plan: RotationPlan) -> RotationPlan:
    """The plan whose keep sentences say the kept opioid is flagged (unchanged where no dose is
    given or no danger names a current opioid line)."""
    named = _named_current(plan) if plan.regimen.no_dose is not None else []
    if not named:
        return plan
    said = (
        f" Keep it only until then: {FLAGGED} {' and '.join(named)} for this patient (see the "
        "warnings); choose the other opioid or route with the prescriber without delay."
    )
    swap = {
        entry: ScheduleEntry(when=entry.when, action=entry.action + said)
        for entry in plan.schedule
        if "Keep " in entry.action and FLAGGED not in entry.action
    }
    lines = {f"{old.when}: {old.action}": f"{new.when}: {new.action}" for old, new in swap.items()}
    return plan.model_copy(
        update={
            "schedule": [swap.get(entry, entry) for entry in plan.schedule],
            "steps": [_swapped(step, lines) for step in plan.steps],
        }
    )


def _swapped(step: str, lines: dict[str, str]) -> str:
    """A step with each schedule line it quotes replaced (step 7 repeats the schedule)."""
    for old, new in lines.items():
        if old in step:
            step = step.replace(old, new)
    return step
