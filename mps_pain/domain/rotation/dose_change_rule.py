"""The dose-change rule of ``classify_switch`` (planner and check): the same drug by the same
route in one form family is a titration, not a switch (``is_dose_change``, ``stays_on``).

The as-needed lines beside one regular opioid are rescues, not a regular opioid converted.

First-time clinician review 16, #1 (high): a fentanyl patch plus morphine IR as needed, planned to
a fentanyl patch, was a "switch to a patch by the band table" (25 mcg/h → 60 mg/day OME → 12.5
mcg/h), halving the patch the patient was on, while the patch alone was refused as a dose change.
The dose-change rule (``classify.is_dose_change``, the planner's and the check's) reads the
regular lines: where every regular opioid line is one drug by one route, the as-needed lines of
another drug, or of the same drug by another route (fentanyl buccal beside a patch), are the
rescue kept or replaced beside it. An as-needed line of the same drug by the same route stays a
line of that drug (its form change keeps the same total daily amount, as before).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.form_words import product_label
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.line_keys import beyond_kept, line_key, node
from mps_pain.domain.rotation.line_keys import family as _family
from mps_pain.domain.rotation.regular_stopped import switched_regular
from mps_pain.domain.rotation.route_split import node_amounts
from mps_pain.errors import PlanningError
from mps_pain.tables.schema import Drug

_REL = 1e-6

__all__ = [
    "SwitchTarget",
    "dose_change_refusal",
    "is_dose_change",
    "regular_of",
    "rescue_words",
    "rescues_beside",
    "same_drugs_by_route",
    "same_route",
    "stays_on",
]


@dataclass(frozen=True)
class SwitchTarget:
    """What the regimen is switched to: one drug by one route (``route`` None: several)."""

    drug: str | None
    route: str | None
    is_patch: bool
    forms: frozenset[str | None] = frozenset({None})  # the target's form(s); None: not stated
    #: the check's proposal: the (drug, route, form family) of each counted line (``line_key``);
    #: None for the planner's one target
    lines: frozenset[tuple[str, str, str | None]] | None = None
    #: the check's proposal: its counted lines, for a split of routes (``route_split``)
    proposal: tuple[DailyItem, ...] | None = None

    @property
    def alone(self) -> bool:
        """Every proposal line is the target's drug (pharmacist review 12, #1)."""
        return self.proposal is None or all(d.drug.id == self.drug for d in self.proposal)


def rescues_beside(
    lines: Sequence[DailyItem], methadone: str | None = None
) -> tuple[DailyItem, ...]:
    """The as-needed ``lines`` of another drug or route than the regular lines, when every
    regular line is one drug by one route; else none (no regular line, or several opioids).
    Never beside ``methadone``: another opioid beside it keeps methadone's own rule (not
    bidirectional, a specialist's dose: ``from_methadone``)."""
    nodes = {(d.drug.id, d.item.route) for d in lines if not d.item.prn}
    if len(nodes) != 1 or next(iter(nodes))[0] == methadone:
        return ()
    return tuple(d for d in lines if d.item.prn and (d.drug.id, d.item.route) not in nodes)


def regular_of(lines: Sequence[DailyItem], methadone: str | None = None) -> list[DailyItem]:
    """``lines`` without the rescues beside their one regular opioid (``rescues_beside``)."""
    aside = {d.index for d in rescues_beside(lines, methadone)}
    return [d for d in lines if d.index not in aside]


def dose_change_refusal(
    said: str, drug: Drug, route: str, lines: Sequence[DailyItem], rescues: Sequence[int]
) -> PlanningError:
    """The planner's refusal of a dose change, with what to do with the rescues beside it; the
    drug named inside the sentence (``Drug.in_sentence``: "already hydromorphone", session 17)."""
    aside = rescue_words(lines, rescues)
    return PlanningError(
        f"{said}: the regimen is already {drug.in_sentence} by the {route} route. Change the "
        "dose by the drug's titration rules (a change of release form keeps the same total "
        "daily amount), or choose another drug or route"
        + (f". {aside.rstrip('.')}" if aside else ""),
        location="to",
    )


def rescue_words(lines: Sequence[DailyItem], rows: Sequence[int]) -> str:
    """What the rescues set aside are, and what to do with them (empty when none)."""
    found = [d for d in lines if d.index in rows]
    if not found:
        return ""
    named = "; ".join(
        f"{product_label(d.drug.id, d.item.route, d.form)} (current regimen, row {d.index + 1})"
        for d in found
    )
    return (
        f"The as-needed {named} beside the regular opioid is a rescue, not a regular opioid to "
        "convert: keep it, or change it as its own order by the breakthrough rule for the new "
        "regular dose."
    )


def is_dose_change(
    lines: Sequence[DailyItem], target: SwitchTarget, methadone: str | None = None
) -> bool:
    """Every line is the target's drug by the target's route, in one form family; or the
    proposal keeps every line of the current regimen (the same drugs by the same routes in the
    same form families, only amounts changed: fuzz review 10, #1, an unchanged oral + SC
    regimen was judged a switch ABOVE itself). A dose change is judged line by line. The
    as-needed lines beside one regular opioid are its rescues (``rescues_beside``; clinician
    review 16, #1: patch + morphine as needed → patch halved the patch). A proposal that stops a
    current regular line and starts a regular opioid the patient is not on is a switch, whatever
    as-needed lines of the old drug it adds (``switched_regular``; pharmacist review 20, H1)."""
    if target.proposal is not None and switched_regular(lines, target.proposal):
        return False
    if lines and target.lines is not None and {line_key(d) for d in lines} == target.lines:
        return True
    if same_drugs_by_route(lines, target):
        return True
    if not lines or target.drug is None or target.route is None:
        return False
    lines = regular_of(lines, methadone)  # a rescue beside the one regular opioid: not converted
    same = all(d.drug.id == target.drug and d.item.route == target.route for d in lines)
    if not same or not target.alone:
        return False
    drug, route = lines[0].drug, target.route
    forms = {_family(drug, route, d.form) for d in _form_lines(lines)}
    forms |= {_family(drug, route, f) for f in target.forms}
    return len(forms) <= 1  # one form family


def _form_lines(lines: Sequence[DailyItem]) -> Sequence[DailyItem]:
    """The lines whose form family a dose change keeps: the regular ones, when there are any.
    An as-needed line of the regular drug by its route is its own rescue, whatever its form,
    as a rescue of another opioid beside it is (pharmacist re-check 16b, #4: oxycodone ER +
    oxycodone IR and morphine IR as needed → oxycodone ER was planned as a switch, with a cut on
    the morphine share, where the same regimen without the oxycodone rescue was a dose change).
    Without a regular line (as-needed use only, turned regular) every line is the regimen."""
    regular = [d for d in lines if not d.item.prn]
    return regular or lines


def same_drugs_by_route(lines: Sequence[DailyItem], target: SwitchTarget) -> bool:
    """The check's proposal has exactly the current drugs, each by its route, several of them:
    a dose change of each, whatever their forms or whether a line was as needed (pharmacist
    re-check 16b, #3: patch + morphine IR as needed → the same patch + morphine MR was judged a
    switch "between different opioids", and a third more morphine a DANGER). One drug by one
    route in another form stays the form change (``classify.form_change_only``), judged at
    the same total daily amount."""
    if target.proposal is None:
        return False
    nodes = {node(d) for d in lines}
    return len(nodes) > 1 and nodes == {node(d) for d in target.proposal}


def stays_on(lines: Sequence[DailyItem], target: SwitchTarget, methadone: str) -> bool:
    """Methadone to methadone alone by the same route is a dose change whatever the forms (1 mg
    is 1 mg; review 9: 10 mg tid → tablet 20 mg tid was a switch judged as 247.5 mg OME)."""
    on = all(d.drug.id == methadone and d.item.route == target.route for d in lines)
    return target.drug == methadone and bool(lines) and on and target.alone


def same_route(
    lines: Sequence[DailyItem], target: SwitchTarget, unchanged: frozenset[int]
) -> frozenset[tuple[int, str]]:
    """The current ``lines`` (index, drug) whose drug by its route the target gives in full: the
    planner's one drug and route, or a (drug, route) of the check's proposal (its counted lines,
    less the copies of the lines kept identical, ``unchanged``) at no less than the current
    lines of it. The same drug by the same route, whatever the form or whether the line was as
    needed, is then a dose change of that drug, never a switch between opioids (pharmacist
    re-check 16b, #3). A drug lowered by its route beside another opioid started is read as
    before (the part switched is not told apart: its lines keep their own case)."""
    if target.proposal is None:
        if target.drug is None or target.route is None:
            return frozenset()
        full = {(target.drug, target.route)}
    else:
        given = node_amounts(beyond_kept(lines, target.proposal, unchanged))
        now = node_amounts([d for d in lines if d.index not in unchanged])
        gone = switched_regular(lines, target.proposal)  # a rescue never keeps it (review 20, H1)
        full = {
            n for n, mg in now.items() if n not in gone and given.get(n, -1.0) >= mg * (1 - _REL)
        }
    return frozenset(
        (d.index, d.drug.id) for d in lines if node(d) in full and d.index not in unchanged
    )
