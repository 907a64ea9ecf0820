"""A proposal that keeps part of the current regimen by its route(s) and gives the rest, or more,
by another route of the same drug (or a prodrug): fuzz review 11, #1 (c8) and pharmacist review
11, T01.

The check's proposal is read by its (drug, route) nodes and their daily amounts against the
current regimen's. Where a node of the current regimen is lowered and one new node is added, the
lowered amounts are the part switched: each is converted to the new node by its cited route
conversion (``route_ratios.conversion``), exactly as a whole switch converts the whole current
dose (``classify.ItemRatio``: the planner's and the check's one reading), and only the new
node's lines are judged against that part's range. Where no current node is lowered, nothing is
switched: the added lines are a dose increase, each valued at a current node of the same drug
(or its prodrug) by the same cited conversion (another opioid by the set's factor, as ``mme``
reads it; methadone, which has none, is left to its rules), and judged by the dose-change rules
(``check_dose_change``). Where no node is new, methadone is kept and some current nodes are
stopped (none with a cited conversion to a kept node), nothing is switched either: the kept
nodes are a dose change of themselves and the stopped ones are named as stopped, never converted
into a kept drug (pharmacist re-check 12b, N5b: the mirror of the added lines; one rule, add
and stop, ``RouteSplit.increase`` / ``stopped``); so too where methadone is the line stopped
and other current nodes are kept (fuzz review 13, #1); and where methadone is kept, other nodes
stopped and other opioids added with no cited conversion between them (pharmacist review 14,
#3). Anything else (a line of another drug stopped
without a cited conversion beside a raised one, two new routes, a line raised beside one lowered)
is left to ``classify``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.regular_stopped import switched_regular
from mps_pain.domain.rotation.route_ratios import RouteConversion, conversion
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import tidy

__all__ = ["Node", "Part", "RouteSplit", "node_amounts", "route_split"]

Node = tuple[str, str]  # (drug id, route)

_REL = 1e-6


@dataclass(frozen=True)
class Part:
    """An amount (mg/day) at a node, read by a cited conversion; ``index`` the line it is of."""

    index: int
    mg_per_day: float
    conversion: RouteConversion


@dataclass(frozen=True)
class RouteSplit:
    """``moved``: the current amounts switched to the one new node (a partial route switch);
    ``added``: the new lines with a cited conversion to a current node, valued there (a dose
    increase, ``increase``; a new line of another drug is valued by the set's factor);
    ``kept``: each current node's amount the proposal keeps by its route; ``stopped``: the
    current nodes the proposal leaves out beside kept ones (a dose change, not a switch)."""

    moved: tuple[Part, ...] = ()
    added: tuple[Part, ...] = ()
    increase: bool = False
    kept: tuple[tuple[Node, float], ...] = ()
    stopped: tuple[Node, ...] = ()


def node_amounts(lines: Sequence[DailyItem]) -> dict[Node, float]:
    """The daily amount (mg/day) of each (drug, route) of ``lines``."""
    found: dict[Node, float] = {}
    for d in lines:
        node = (d.drug.id, d.item.route)
        found[node] = tidy(found.get(node, 0.0) + d.daily_mg_per_day)
    return found


def _first_index(lines: Sequence[DailyItem], node: Node) -> int:
    return next(d.index for d in lines if (d.drug.id, d.item.route) == node)


def _stopped(
    rules: RotationRules, now: dict[Node, float], proposed: dict[Node, float]
) -> RouteSplit | None:
    """Current nodes left out beside kept methadone, none moved into a kept node by a cited
    conversion (a route merge stays a switch): nothing is ever converted into methadone
    (reference §3(c)). Beside another kept drug the stopped lines are taken into it, the
    planner's own consolidation (``classify._shared``: each line's share by its own case), so
    its plan passes its own check. Methadone stopped beside kept lines of other drugs (fuzz
    review 13, #1): nothing converts methadone into them (the planner's consolidation would be
    a switch away from methadone), so every kept line is a dose change of itself and every
    stopped line, methadone and any other, is named as stopped."""
    md = rules.methadone.drug
    stopped = tuple(n for n in now if n not in proposed)
    if not stopped:
        return None
    if any(k[0] == md for k in proposed):  # methadone kept: a route merge stays a switch
        if any(conversion(rules, node, k) is not None for node in stopped for k in proposed):
            return None
    elif not any(n[0] == md for n in stopped):
        return None
    kept = tuple((n, proposed[n]) for n in now if n in proposed)
    return RouteSplit(kept=kept, stopped=stopped)


def _added_parts(
    rules: RotationRules,
    proposal: Sequence[DailyItem],
    now: dict[Node, float],
    proposed: dict[Node, float],
    new_nodes: Sequence[Node],
) -> tuple[Part, ...]:
    """The new nodes with a cited conversion to a current node, valued there (else by the set's
    factor, as the kept lines)."""
    added = []
    for node in new_nodes:
        path = next((c for k in now if (c := conversion(rules, node, k)) is not None), None)
        if path is not None:
            added.append(Part(_first_index(proposal, node), proposed[node], path))
    return tuple(added)


def _swapped_beside_methadone(
    rules: RotationRules,
    proposal: Sequence[DailyItem],
    now: dict[Node, float],
    proposed: dict[Node, float],
    new_nodes: Sequence[Node],
) -> RouteSplit | None:
    """Methadone kept, other current nodes stopped and other opioids added (pharmacist review
    14 #3, own13/O03: oxycodone IR stopped, SC morphine added): no switch, as nothing is
    converted to or from methadone and no stopped node has a cited conversion into an added one
    (that stays a partial route switch): methadone a dose change of itself, the stopped nodes
    named as stopped, the added lines said by themselves (``check_kept.beside_methadone``)."""
    md = rules.methadone.drug
    stopped = tuple(n for n in now if n not in proposed)
    kept_methadone = any(n[0] == md for n in now) and any(n[0] == md for n in proposed)
    if not stopped or not kept_methadone or any(n[0] == md for n in new_nodes):
        return None
    if any(conversion(rules, gone, node) is not None for gone in stopped for node in new_nodes):
        return None
    kept = tuple((n, proposed[n]) for n in now if n in proposed)
    added = _added_parts(rules, proposal, now, proposed, new_nodes)
    return RouteSplit(added=added, kept=kept, stopped=stopped, increase=True)


def route_split(
    rules: RotationRules,
    lines: Sequence[DailyItem],
    proposal: Sequence[DailyItem],
) -> RouteSplit | None:
    """The split of the counted current ``lines`` the counted ``proposal`` lines make, None
    where it is no split of routes by cited conversions."""
    now, proposed = node_amounts(lines), node_amounts(proposal)
    new_nodes = [n for n in proposed if n not in now]
    if not any(n in proposed for n in now):
        return None  # none kept: a whole switch
    if any(n in proposed for n in switched_regular(lines, proposal)):
        return None  # a regular line stopped is no part kept, whatever its rescues (review 20, H1)
    if not new_nodes:  # the same nodes (a dose change) or some stopped beside kept ones
        return _stopped(rules, now, proposed)
    beside = _swapped_beside_methadone(rules, proposal, now, proposed, new_nodes)
    if beside is not None:
        return beside
    lowered = {n: now[n] - proposed.get(n, 0.0) for n in now}
    lowered = {n: tidy(mg) for n, mg in lowered.items() if mg > now[n] * _REL}
    kept = tuple((n, tidy(min(now[n], proposed.get(n, 0.0)))) for n in now)
    if not lowered:  # every current line kept: the added lines are a dose increase
        if any(drug == rules.methadone.drug for drug, _ in new_nodes):
            return None  # methadone has no factor: its own rules
        added = _added_parts(rules, proposal, now, proposed, new_nodes)
        return RouteSplit(added=added, kept=kept, increase=True)
    raised = any(proposed.get(n, 0.0) > now[n] * (1 + _REL) for n in now)
    if raised or len(new_nodes) != 1:
        return None
    moved = []
    for node, mg in lowered.items():
        path = conversion(rules, node, new_nodes[0])
        if path is None:
            return None
        moved.append(Part(_first_index(lines, node), mg, path))
    return RouteSplit(moved=tuple(moved), kept=kept)
