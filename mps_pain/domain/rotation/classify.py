"""One rule for the kind of a switch, used by the planner, the check, the app and the PDF.

``classify_switch`` looks at the counted opioid lines of the current regimen and at the target
(the planner's ``to``, or the check's proposal) and returns the kind of switch with everything
that follows from it: the reduction case, the cited route ratios (same drug by another route, or a
prodrug), or the patch band table. Precedence: a dose change (the same drug by the same route in
the same form family on every regular line, the rescues beside it set aside (``dose_change_rule``),
a proposal keeping every current line with only amounts changed, or lines added or stopped
beside kept ones, ``route_split``); to methadone; from
methadone; same drug or prodrug cited on every line; from a patch; to a patch by bands; other.

A form family is one catalogue form (or no form stated on either side). A change of form by the
same route (immediate- to extended-release) stays a conversion: the planner converts it at the
same total daily amount, and the check accepts that amount and calls any other amount a dose
change (``form_change_only``), never ABOVE or BELOW a switching range. Its kind is
``form_change``, not ``route_change`` (fuzz re-check 17b, N5: morphine oral ER → IR was planned
as "the same drug by another route" while the check of the plan said "a change of form"), and
its reduction case is said in its own words (``FORM_CHANGE``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import PrnPolicy
from mps_pain.domain.rotation.dose_change_rule import (
    SwitchTarget,
    is_dose_change,
    rescues_beside,
    same_route,
    stays_on,
)
from mps_pain.domain.rotation.line_keys import (
    STOPS_ONLY,
    line_key,
    node,
    stops_only,
    unchanged_lines,
)
from mps_pain.domain.rotation.models import SwitchKind
from mps_pain.domain.rotation.patches import choose_band_table
from mps_pain.domain.rotation.route_ratios import RouteConversion, conversion
from mps_pain.domain.rotation.route_split import Node, RouteSplit, route_split
from mps_pain.domain.rotation.summed_lines import target_lines
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import PatchBandTable, RotationRules
from mps_pain.tables.schema_types import ReductionCaseId
from mps_pain.units import format_number, tidy

__all__ = [
    "DOSE_CHANGE",
    "FORM_CHANGE",
    "KEEPS_ITS_AMOUNT",
    "ItemRatio",
    "SwitchClass",
    "SwitchKind",
    "SwitchTarget",
    "classify_switch",
    "is_dose_change",
    "line_key",
    "proposal_target",
    "unchanged_lines",
]

DOSE_CHANGE = (
    "This is a dose change, not a switch (the same drug by the same route): "
    "not checked against a switching range"
)
FORM_CHANGE = "the same drug by the same route in another form: the same total daily amount"
"""A change of form, said by the plan's reduction and the switch's explanation alike."""
KEEPS_ITS_AMOUNT = "change of form by the same route keeps the same total daily amount"
"""Why a reduced change of form is a dose change, as the check and the plan say it."""
_KEPT_WORDS = " beside lines kept unchanged (not switched: no reduction on their share)"
_CASE: dict[SwitchKind, ReductionCaseId | None] = {
    "dose_change": None,
    "route_change": "same_drug",
    "form_change": "same_drug",
    "prodrug": "same_drug",
    "different_opioid": "different_opioid",
    "to_patch_bands": "to_patch_bands",
    "from_patch": "from_patch",
    "to_methadone": None,
    "from_methadone": "from_methadone",
}


@dataclass(frozen=True)
class ItemRatio:
    """One counted line of the current regimen converted by its cited route ratio, under the
    set ``set_id`` (its own ratio where it has one: ``RouteConversion.used``)."""

    index: int
    daily_mg_per_day: float
    conversion: RouteConversion
    set_id: str

    @property
    def used_mg_per_day(self) -> float:
        return self.daily_mg_per_day / self.conversion.used(self.set_id)

    @property
    def lower_mg_per_day(self) -> float:
        return self.daily_mg_per_day / self.conversion.high

    @property
    def higher_mg_per_day(self) -> float:
        return self.daily_mg_per_day / self.conversion.low


@dataclass(frozen=True)
class SwitchClass:
    kind: SwitchKind
    case_id: ReductionCaseId | None
    ratios: tuple[ItemRatio, ...] = ()
    band_table: PatchBandTable | None = None
    uncited_route: str | None = None  # same drug, another route, no cited ratio
    #: from a patch with other opioid lines too (a mixed regimen): the case of those other
    #: lines (not the target's own drug) switched alone; each component keeps its own range on
    #: its share (``reduction.switch_case``)
    other_case_id: ReductionCaseId | None = None
    #: the target's own drug among the counted lines beside other opioids or a patch: its share
    #: keeps the same drug's case (0%), never the others' cut (practice6: an added opioid
    #: lowered the target)
    own_drug: str | None = None
    #: a to-patch switch whose band table has no band for the OME (``patch_chart.chart_switch``):
    #: a different opioid by the set's factor, the table named for the caution
    beyond_chart: PatchBandTable | None = None
    #: the lines beside other opioids with a cited conversion to the target (its own drug, a
    #: prodrug, a patch of it), each by that ratio (``own_ratio.valued_ome``: their share is
    #: read as the same lines switched alone would be, never by the set's two factors)
    own_ratios: tuple[ItemRatio, ...] = ()
    #: ``route_split``: the lines a dose increase adds (each by its cited conversion to a current
    #: line), and each current (drug, route)'s amount a partial switch or an increase keeps
    added: tuple[ItemRatio, ...] | None = None
    kept: tuple[tuple[Node, float], ...] = ()
    stopped: tuple[Node, ...] = ()  # ``route_split``: the nodes a dose change stops
    #: the check's current lines the proposal keeps identical (``unchanged_lines``): not
    #: switched, each keeps the same drug's case (0%) on its share (pharmacist review 13, #1)
    unchanged: frozenset[int] = frozenset()
    stops_only: bool = False  # the proposal only stops lines, the rest kept (``stops_only``)
    rescues: tuple[int, ...] = ()  # a dose change: the rescues beside it (``rescues_beside``)
    #: the current lines (index, drug) whose drug by its route the target gives in full, not
    #: kept identical (``same_route``): a dose change of that drug, whatever its form or whether
    #: it was as needed, so the same drug's case (0%) on its share (pharmacist re-check 16b, #3)
    same_route: frozenset[tuple[int, str]] = frozenset()

    @property
    def own_share(self) -> bool:
        """Some counted line keeps the same drug's case on its share: the target's own drug, a
        line with a cited conversion to the target (``own_ratios``), or a drug the proposal
        gives by the same route (``same_route``)."""
        return self.own_drug is not None or bool(self.own_ratios) or bool(self.same_route)

    @property
    def mixed(self) -> bool:
        return self.kind == "from_patch" and (self.other_case_id is not None or self.own_share)

    @property
    def shared(self) -> bool:
        """The counted lines take different cases, each on its share (``switch_case``)."""
        beside = self.own_share or bool(self.unchanged)
        return self.mixed or (self.kind == "different_opioid" and beside)

    @property
    def form_change_only(self) -> bool:
        """The same drug by the same route in another form: the same total daily amount."""
        return self.kind == "form_change"

    @property
    def uses_route_ratio(self) -> bool:
        return self.kind in ("route_change", "form_change", "prodrug") and bool(self.ratios)

    @property
    def used_mg_per_day(self) -> float:
        """The target's daily amount by the ratio the set uses, over every line."""
        return tidy(sum(r.used_mg_per_day for r in self.ratios))

    @property
    def ratio_range_mg_per_day(self) -> tuple[float, float]:
        """The target's daily amount: (lower end, higher end) over every line."""
        low = sum(r.lower_mg_per_day for r in self.ratios)
        high = sum(r.higher_mg_per_day for r in self.ratios)
        return tidy(low), tidy(high)

    def _beside(self) -> str:
        """The drugs that keep the same drug's case: the target's own, cited to it."""
        names = {r.conversion.source[0] for r in self.own_ratios}
        names |= {drug for _, drug in self.same_route}
        names |= {self.own_drug} if self.own_drug else set()
        return " and ".join(sorted(names))

    def explanation(self, tables: TableIndex) -> str:
        if self.kind == "dose_change":
            return DOSE_CHANGE
        what = {
            "route_change": "the same drug by another route: the cited route ratio, "
            "no cross-tolerance reduction",
            "form_change": f"{FORM_CHANGE}, no cross-tolerance reduction",
            "prodrug": "a prodrug of the same opioid: the cited ratio, no cross-tolerance "
            "reduction",
            "different_opioid": (
                f"a different opioid beside {self._beside()} (each line keeping its own "
                "reduction range on its share)"
                if self.own_share
                else "a different opioid"
            )
            + (
                f" to a patch by the set's factor: the dose is beyond the band table "
                f"{self.beyond_chart.name}"
                if self.beyond_chart
                else ""
            ),
            "to_patch_bands": "to a patch by the band table "
            f"{self.band_table.name if self.band_table else ''}".rstrip(),
            "from_patch": "from a patch and other opioids together (each stopped on its own "
            "terms, each keeping its own reduction range on its share)"
            if self.mixed
            else "from a patch to another opioid",
            "to_methadone": "to methadone: the chosen method with its own reduction",
            "from_methadone": "from methadone (not bidirectional)",
        }[self.kind] + (_KEPT_WORDS if self.unchanged and not self.stops_only else "")
        if self.stops_only:  # no opioid started: not "Switch:" (pharmacist re-check 13b, #7)
            return f"{STOPS_ONLY}; the rule: {what}"
        lines = [
            f"line {r.index + 1}: {format_number(r.daily_mg_per_day)} mg/day "
            f"{r.conversion.source[0]} {r.conversion.source[1]} → "
            f"{r.conversion.target[0]} {r.conversion.target[1]}, "
            f"{r.conversion.applied(tables, r.set_id)}"
            for r in self.ratios
        ]
        lines += [
            f"kept by its route: {format_number(mg)} mg/day {drug} {route}"
            for (drug, route), mg in self.kept
            if mg > 0
        ]
        return f"Switch: {what}" + (f" ({'; '.join(lines)})" if lines else "")


def _counted(items: Sequence[DailyItem], prn: PrnPolicy) -> list[DailyItem]:
    return [d for d in items if d.counts(prn)]


def _ratios(
    rules: RotationRules, lines: Sequence[DailyItem], target: SwitchTarget, set_id: str
) -> tuple[ItemRatio, ...] | None:
    if target.drug is None or target.route is None:
        return None
    found = []
    for daily in lines:
        path = conversion(rules, (daily.drug.id, daily.item.route), (target.drug, target.route))
        if path is None:
            return None
        found.append(ItemRatio(daily.index, daily.daily_mg_per_day, path, set_id))
    return tuple(found)


def _shared(
    rules: RotationRules,
    lines: Sequence[DailyItem],
    prn: PrnPolicy,
    target: SwitchTarget,
    set_id: str,
) -> tuple[str | None, ReductionCaseId | None, tuple[ItemRatio, ...]]:
    """The components of a switch beside a patch or beside lines with a cited conversion to the
    target. One rule (clinical24): every line that, switched alone, would go by a cited ratio to
    the target (the target's own drug by another route or form, a prodrug, a patch of it) keeps
    that reading and the same-drug case on its share (``own_ratios``); a line of the target's
    own drug without a cited ratio keeps the same drug's case too (``own_drug``, converted by
    the set's factors); a patch without one is the patch's share. ``other_case_id`` is the case
    of the remaining non-patch lines switched alone (None: none)."""
    ratios = tuple(r for d in lines for r in (_ratios(rules, [d], target, set_id) or ()))
    kept = {r.index for r in ratios}
    others = [
        d
        for d in lines
        if d.item.route != "transdermal" and d.index not in kept and d.drug.id != target.drug
    ]
    alone = classify_switch(rules, others, prn, target, set_id=set_id) if others else None
    case: ReductionCaseId | None = None if alone is None else (alone.case_id or "same_drug")
    own = any(
        d.drug.id == target.drug and (d.item.route != "transdermal" or d.index in kept)
        for d in lines
    )
    return (target.drug if own else None), case, ratios


def _cited_to_target(
    rules: RotationRules, lines: Sequence[DailyItem], target: SwitchTarget, set_id: str
) -> bool:
    """Some line is the target's drug, or has a cited conversion to the target."""
    return any(
        d.drug.id == target.drug or _ratios(rules, [d], target, set_id) is not None for d in lines
    )


def classify_switch(
    rules: RotationRules,
    items: Sequence[DailyItem],
    prn: PrnPolicy,
    target: SwitchTarget,
    *,
    set_id: str,
    patch_table: str | None = None,
) -> SwitchClass:
    """The kind of switch from the counted opioid lines of ``items`` to ``target``; one judged
    by shares names the lines the check's proposal keeps identical (``unchanged_lines``)."""
    lines = _counted(items, prn) or [d for d in items if d.is_opioid]
    drugs, methadone = {d.drug.id for d in lines}, rules.methadone.drug
    if is_dose_change(lines, target, methadone) or stays_on(lines, target, methadone):
        return SwitchClass("dose_change", None, rescues=_set_aside(lines, target, methadone))
    same = unchanged_lines(lines, target.proposal or ())
    stops = stops_only(lines, target.proposal or (), same)
    split = route_split(rules, lines, target.proposal) if target.proposal else None
    if split is not None:
        return _split_class(split, set_id)
    if target.drug == methadone:
        return SwitchClass("to_methadone", None)
    if methadone in drugs:
        return SwitchClass("from_methadone", "from_methadone")
    ratios = _ratios(rules, lines, target, set_id)
    if ratios is not None:
        return SwitchClass(_ratio_kind(ratios), _CASE[_ratio_kind(ratios)], ratios)
    patch = any(d.item.route == "transdermal" for d in lines) and not target.is_patch
    if not patch and drugs == {target.drug}:
        route = target.route or "another route"
        return SwitchClass("route_change", "same_drug", uncited_route=route)
    if not patch and target.is_patch and target.drug is not None:
        table = choose_band_table(rules.patches, target.drug, set_id, patch_table)
        if table is not None:
            return SwitchClass(
                "to_patch_bands", "to_patch_bands", band_table=table, stops_only=stops
            )
    by_route = same_route(lines, target, same)
    if not patch and not _cited_to_target(rules, lines, target, set_id):
        return SwitchClass(
            "different_opioid", "different_opioid", unchanged=same, stops_only=stops,
            same_route=by_route,
        )  # fmt: skip
    # from a patch, or beside lines with a cited conversion to the target: each on its share
    own, other, mine = _shared(rules, lines, prn, target, set_id)
    kind: SwitchKind = "from_patch" if patch else "different_opioid"
    return SwitchClass(
        kind, _CASE[kind], other_case_id=other, own_drug=own, own_ratios=mine, unchanged=same,
        stops_only=stops, same_route=by_route,
    )  # fmt: skip


def _set_aside(lines: Sequence[DailyItem], target: SwitchTarget, methadone: str) -> tuple[int, ...]:
    """The rescues beside a dose change (``rescues_beside``), but one the proposal keeps, or one
    whose drug by its route the proposal gives regularly (its dose changed, re-check 16b #3)."""
    kept = target.lines or frozenset()
    given = frozenset(node(d) for d in target.proposal or ())
    rescues = rescues_beside(lines, methadone)
    return tuple(d.index for d in rescues if line_key(d) not in kept and node(d) not in given)


def _split_class(split: RouteSplit, set_id: str) -> SwitchClass:
    """A partial route switch (the moved parts by their cited ratios), or a dose increase."""
    parts = split.moved or split.added
    ratios = tuple(ItemRatio(p.index, p.mg_per_day, p.conversion, set_id) for p in parts)
    if split.increase or split.stopped:  # one rule: lines added or stopped beside kept ones
        stopped = split.stopped
        return SwitchClass("dose_change", None, added=ratios, kept=split.kept, stopped=stopped)
    kind = _ratio_kind(ratios)
    return SwitchClass(kind, _CASE[kind], ratios, kept=split.kept)


def _ratio_kind(ratios: tuple[ItemRatio, ...]) -> SwitchKind:
    """A prodrug; the same drug by the same route in another form (no step of route: the same
    total daily amount); or the same drug by another route."""
    if any(r.conversion.kind == "prodrug" for r in ratios):
        return "prodrug"
    same_route = bool(ratios) and all(not r.conversion.steps for r in ratios)
    return "form_change" if same_route else "route_change"


def proposal_target(
    proposed: list[DailyItem], prn: str, methadone: str, current: Sequence[DailyItem] = ()
) -> SwitchTarget:
    """The proposal as a switch target (any methadone line makes it a methadone proposal), never
    by a rescue summed beside a regular opioid (``target_lines``, session 20)."""
    lines = target_lines(proposed, prn, methadone, current)
    drugs = {d.drug.id for d in lines}
    routes = {d.item.route for d in lines}
    is_patch = "transdermal" in routes
    forms = frozenset(d.form for d in lines)
    keys = frozenset(line_key(d) for d in lines)
    if methadone in {d.drug.id for d in proposed if d.is_opioid} and drugs != {methadone}:
        return SwitchTarget(methadone, "oral", False, lines=keys, proposal=tuple(lines))
    return SwitchTarget(
        next(iter(drugs)) if len(drugs) == 1 else None,
        next(iter(routes)) if len(routes) == 1 else None,
        is_patch,
        forms or frozenset({None}),
        keys,
        tuple(lines),
    )
