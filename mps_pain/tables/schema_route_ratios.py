"""Frozen models of the cited same-drug route ratios and prodrug ratios (``rotation.route_ratios``).

A ratio row says: a daily amount of ``from`` ÷ ``ratio`` is the equianalgesic daily amount of
``to`` (both in mg/day of the drug named). Sources disagree, so every row is a range whose two
ends each cite their own source. ``set_ratios`` are the ratios a reference set's own sources state
for the pair (a set whose sources state none, or disagree, has none): a switching dose under a set
uses the set's own ratio where it has one, else the end of the cited range that gives the lower
new dose (``route_ratios.RatioStep.used``).
``flags`` list the sets whose two OME factors imply a ratio outside the cited range (or a drug with
oral and parenteral rows but no cited ratio): the data lint requires every such case to be listed,
and every listed case to be real, so the list cannot go stale.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from mps_pain.tables.schema_types import Cited as _Cited
from mps_pain.tables.schema_types import Frozen as _Frozen
from mps_pain.tables.schema_types import Identifier, Ratio, Text, check_order
from mps_pain.tables.vocabulary import Market

__all__ = [
    "InfusionRescue",
    "LabelStart",
    "RatioEnd",
    "RouteEndpoint",
    "RouteRatio",
    "RouteRatioFlag",
    "SetRatio",
]


class RatioEnd(_Cited):
    """One end of a cited range: the ratio and where it is printed."""

    ratio: Ratio


RouteName = Literal["oral", "iv", "sc", "im", "rectal", "transdermal"]


class RouteEndpoint(_Frozen):
    drug: Identifier
    routes: Annotated[list[RouteName], Field(min_length=1)]


class SetRatio(_Cited):
    """A reference set's own ratio for the pair, as its source states it (``from ÷ ratio``);
    ``high``: the set's own source gives a range. ``routes``: the ``to`` routes it covers (None:
    all of the row's)."""

    set: Identifier
    ratio: Ratio
    high: Ratio | None = None
    routes: Annotated[list[RouteName], Field(min_length=1)] | None = None

    @model_validator(mode="after")
    def _ordered(self) -> SetRatio:
        if self.high is not None:
            check_order(self.ratio, self.high, "ratio", "high")
        return self

    @property
    def ends(self) -> tuple[float, float]:
        return self.ratio, self.high if self.high is not None else self.ratio

    def covers(self, set_id: str, route: str) -> bool:
        return self.set == set_id and (self.routes is None or route in self.routes)


class RouteRatio(_Frozen):
    """``from`` mg/day ÷ ratio = ``to`` mg/day; ``low``/``high`` are the cited ends."""

    id: Identifier
    kind: Literal["route", "prodrug"]
    from_: RouteEndpoint = Field(alias="from")
    to: RouteEndpoint
    low: RatioEnd
    high: RatioEnd
    set_ratios: list[SetRatio] = []
    note: str | None = None

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _valid(self) -> RouteRatio:
        check_order(self.low.ratio, self.high.ratio)
        if self.kind == "route" and self.from_.drug != self.to.drug:
            raise ValueError("a 'route' ratio joins two routes of one drug; use kind 'prodrug'")
        if self.kind == "prodrug" and self.from_.drug == self.to.drug:
            raise ValueError("a 'prodrug' ratio joins two different drugs")
        for own in self.set_ratios:
            lowest, highest = own.ends
            if lowest < self.low.ratio * (1 - 1e-9) or highest > self.high.ratio * (1 + 1e-9):
                raise ValueError(f"the ratio of {own.set} lies outside the cited range")
            if own.routes is not None and not set(own.routes) <= set(self.to.routes):
                raise ValueError(f"the ratio of {own.set} names a route the row does not join")
        return self


class RouteRatioFlag(_Frozen):
    """A set whose factors imply a ratio outside the cited range, or a drug with no cited ratio."""

    set: Identifier
    drug: Identifier
    routes: Annotated[list[str], Field(min_length=2, max_length=2)]
    reason: Text


class LabelStart(_Cited):
    """A product label's own starting dose for one switch: ``factor`` × the current daily dose
    of ``from_drug`` given by ``from_route`` as ``from_shape``, as the daily dose of ``to_drug``
    by one of ``to_routes``, under a set of one of ``markets`` (pharmacist review 8, D5)."""

    markets: Annotated[list[Market], Field(min_length=1)]
    from_drug: Identifier
    from_route: RouteName
    from_shape: Literal["scheduled", "continuous", "total"]
    to_drug: Identifier
    to_routes: Annotated[list[RouteName], Field(min_length=1)]
    factor: Annotated[float, Field(gt=0, le=10, allow_inf_nan=False)]


class InfusionRescue(_Cited):
    """Rescue dose of a continuous infusion: the amount the infusion gives in ``hours``."""

    hours: Annotated[float, Field(gt=0, le=4, allow_inf_nan=False)]
    frequency: Text
    sets: list[Identifier] = Field(
        default_factory=list,
        description="Sets whose own guideline gives this rule for every continuous infusion; "
        "never used under another set (pharmacist review 8, N4).",
    )


class RescueAboveDanger(_Cited):
    """The program's own rule (no source gives one): a proposed as-needed dose more than
    ``multiple`` times the top of the breakthrough rule is a danger, not only a caution."""

    multiple: Annotated[float, Field(gt=1, le=10, allow_inf_nan=False)]
