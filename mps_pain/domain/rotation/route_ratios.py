"""Cited route ratios between two routes of one drug, or a drug and its prodrug.

``conversion(rules, (drug, route), (drug, route))`` finds the ratio rows that join the two: one
row (either direction), or two rows through a shared route (the Leeds rule "always go through the
centre of the chart", e.g. SC morphine → oral morphine → SC diamorphine). A ratio range
``low``–``high`` means ``from mg/day ÷ ratio = to mg/day``; the lower new dose divides by
``high``.

The one rule for the ratio a switch uses under a chosen set (``RouteConversion.used``): each step
takes the set's own ratio where its sources state one (``RouteRatio.set_ratios``; a set's own range
at its end giving the lower new dose), else the end of the cited range giving the lower new dose.
The whole cited range is shown beside it, and the check accepts any amount within it.
"""

from __future__ import annotations

from dataclasses import dataclass

from mps_pain.numbers import format_number_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.tables.schema_route_ratios import RouteRatio, SetRatio
from mps_pain.units import format_number

__all__ = ["RatioStep", "RouteConversion", "conversion"]

Node = tuple[str, str]  # (drug id, route)


@dataclass(frozen=True)
class RatioStep:
    row: RouteRatio
    reverse: bool
    start: Node
    end: Node

    @property
    def low(self) -> float:
        return 1 / self.row.high.ratio if self.reverse else self.row.low.ratio

    @property
    def high(self) -> float:
        return 1 / self.row.low.ratio if self.reverse else self.row.high.ratio

    def own(self, set_id: str) -> SetRatio | None:
        """The set's own ratio for this step, if its sources state one."""
        route = self.start[1] if self.reverse else self.end[1]
        return next((r for r in self.row.set_ratios if r.covers(set_id, route)), None)

    def used(self, set_id: str) -> float:
        """The set's own ratio (its end giving the lower new dose), else the cited range's."""
        own = self.own(set_id)
        if own is None:
            return self.high
        low, high = own.ends
        return 1 / low if self.reverse else high

    def cite(self, tables: TableIndex) -> str:
        low, high = self.row.low, self.row.high
        ends = [tables.cite(low.citation)]
        if high.citation != low.citation:
            ends.append(tables.cite(high.citation))
        return "; ".join(ends)


@dataclass(frozen=True)
class RouteConversion:
    """``from`` mg/day ÷ a ratio in ``low``–``high`` = ``to`` mg/day."""

    source: Node
    target: Node
    steps: tuple[RatioStep, ...]
    low: float
    high: float

    @property
    def kind(self) -> str:
        return "prodrug" if any(s.row.kind == "prodrug" for s in self.steps) else "route"

    def used(self, set_id: str) -> float:
        """The ratio a switch under ``set_id`` divides by (the module's one rule)."""
        ratio = 1.0
        for step in self.steps:
            ratio *= step.used(set_id)
        return ratio

    @property
    def backwards(self) -> bool:
        """Every step reads its row backwards (parenteral → oral): the ratio is said as the row
        states it and multiplied ("× oral:sc 1.333:1"), not as its inverse divided
        ("÷ 0.75:1", pharmacist review 5, wording item 1)."""
        return bool(self.steps) and all(s.reverse for s in self.steps)

    def _shown(self, ratio: float) -> float:
        return 1 / ratio if self.backwards else ratio

    def _label(self) -> str:
        return f"{self.target[1]}:{self.source[1]} " if self.backwards else ""

    def applied(self, tables: TableIndex, set_id: str) -> str:
        """How the ratio is applied to the current amount: '÷ 3:1 (…)' or '× oral:sc 2:1 (…)'."""
        return f"{'×' if self.backwards else '÷'} {self.text(tables, set_id)}"

    def text(self, tables: TableIndex, set_id: str | None = None) -> str:
        if not self.steps:
            return "same drug and route (1:1)"
        low, high = sorted((self._shown(self.low), self._shown(self.high)))
        rng = format_number(low, 3) + (f"–{format_number(high, 3)}" if high != low else "")
        path = " then ".join(
            f"{s.row.id}{' (reversed)' if s.reverse and not self.backwards else ''}"
            for s in self.steps
        )
        cites = "; ".join(s.cite(tables) for s in self.steps)
        cited = f"{self._label()}ratio {rng}:1 ({path}) [{cites}]"
        return cited if set_id is None else f"{self._used_text(tables, set_id)}; cited {cited}"

    def _used_text(self, tables: TableIndex, set_id: str) -> str:
        used = f"{self._label()}{format_number(self._shown(self.used(set_id)), 3)}:1"
        owns = [(s, s.own(set_id)) for s in self.steps]
        if all(own is None for _, own in owns):
            return (
                f"{used}, the end of the cited range giving the lower new dose ({set_id} "
                "states no ratio of its own)"
            )
        said = "; ".join(
            f"{s.row.id}: {_own_words(s, own, set_id, self.backwards)} "
            f"[{tables.cite(own.citation)}]"
            if own is not None
            else f"{s.row.id}: {format_number(self._shown(s.used(set_id)), 3)}:1, the "
            "conservative end"
            for s, own in owns
        )
        return f"{used} ({said})"


def _own_words(step: RatioStep, own: SetRatio, set_id: str, as_row: bool) -> str:
    """A set's own ratio as its row states it (``as_row``), or in this step's direction: one
    ratio, or its own range and the end used (pharmacist review 5, D9: "JSPM's own 3:1" of a
    2–3:1 row)."""
    low, high = own.ends
    used = step.used(set_id)
    if step.reverse and not as_row:
        low, high = 1 / high, 1 / low
    elif step.reverse:
        used = 1 / used
    if low == high:
        return f"{set_id}'s own {format_number(low, 3)}:1"
    return (
        f"{set_id}'s own {format_number_span(low, high, significant=3)}:1, its end giving the "
        f"lower new dose, {format_number(used, 3)}:1"
    )


def _matches(row: RouteRatio, start: Node, end: Node) -> bool:
    return (
        row.from_.drug == start[0]
        and start[1] in row.from_.routes
        and row.to.drug == end[0]
        and end[1] in row.to.routes
    )


def _one_step(rules: RotationRules, start: Node, end: Node) -> list[RatioStep]:
    steps = []
    for row in rules.route_ratios:
        if _matches(row, start, end):
            steps.append(RatioStep(row, False, start, end))
        elif _matches(row, end, start):
            steps.append(RatioStep(row, True, start, end))
    return steps


def _nodes(rules: RotationRules) -> set[Node]:
    nodes: set[Node] = set()
    for row in rules.route_ratios:
        nodes |= {(row.from_.drug, r) for r in row.from_.routes}
        nodes |= {(row.to.drug, r) for r in row.to.routes}
    return nodes


def _combine(start: Node, end: Node, steps: tuple[RatioStep, ...]) -> RouteConversion:
    low = high = 1.0
    for step in steps:
        low, high = low * step.low, high * step.high
    return RouteConversion(start, end, steps, low, high)


# Answers per rules object: the rules are frozen, and a plan asks the same pairs many times (the
# search scans every row for every middle node). The entry keeps its rules alive, so an id in the
# cache always names the same object.
_ANSWERS: dict[int, tuple[RotationRules, dict[tuple[Node, Node], RouteConversion | None]]] = {}
_RULES_KEPT = 8


def conversion(rules: RotationRules, start: Node, end: Node) -> RouteConversion | None:
    """The cited conversion from ``start`` to ``end`` (the most conservative if several)."""
    entry = _ANSWERS.get(id(rules))
    if entry is None or entry[0] is not rules:
        if len(_ANSWERS) >= _RULES_KEPT:
            _ANSWERS.clear()
        entry = _ANSWERS[id(rules)] = (rules, {})
    answers = entry[1]
    if (start, end) not in answers:
        answers[(start, end)] = _search(rules, start, end)
    return answers[(start, end)]


def _search(rules: RotationRules, start: Node, end: Node) -> RouteConversion | None:
    if start == end:
        return RouteConversion(start, end, (), 1.0, 1.0)
    direct = [_combine(start, end, (s,)) for s in _one_step(rules, start, end)]
    if direct:
        return max(direct, key=lambda c: c.high)
    found = []
    for middle in sorted(_nodes(rules) - {start, end}):
        for first in _one_step(rules, start, middle):
            for second in _one_step(rules, middle, end):
                found.append(_combine(start, end, (first, second)))
    return max(found, key=lambda c: c.high) if found else None
